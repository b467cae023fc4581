import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../src/engine/decide-answer.js';
import { decideMessage, type MessageDecider } from '../../../src/engine/decide-message.js';
import { makeCandidate } from '../../support/candidate.js';

const candidate = makeCandidate;

/** A decider whose ranking is scripted per question. */
const deciderFor = (rankings: Record<string, Candidate[]>): MessageDecider => ({ rank: (question) => rankings[question] ?? [], contextOf: () => null });
const clear = (id: string): Candidate[] => [candidate(id)];
const unclear = (a: string, b: string): Candidate[] => [candidate(a), candidate(b, { score: 390 })];
const nothing = (id: string): Candidate[] => [candidate(id, { coverage: 0.3 })];

describe('decideMessage', () => {
  it('answers a message that asks one thing as it is', () => {
    expect(decideMessage('what is tea', null, deciderFor({ 'what is tea': clear('tea') }))).toEqual({ decision: expect.objectContaining({ outcome: 'answer', id: 'tea' }), also: null });
  });

  it('answers the first answerable part of two, and offers the other part’s entry beside it', () => {
    const decider = deciderFor({ 'what is tea and what is a bike chain': nothing('tea'), 'what is tea': clear('tea'), 'what is a bike chain': clear('chain') });
    expect(decideMessage('what is tea and what is a bike chain', null, decider)).toEqual({ decision: expect.objectContaining({ outcome: 'answer', id: 'tea' }), also: 'chain' });
  });

  it('answers from the part that was answerable, even when it comes second', () => {
    const decider = deciderFor({ 'what is a samovar and what is tea': nothing('x'), 'what is a samovar': nothing('x'), 'what is tea': clear('tea') });
    expect(decideMessage('what is a samovar and what is tea', null, decider).decision).toMatchObject({ outcome: 'answer', id: 'tea' });
  });

  it('asks which entry an unclear part meant rather than declining the whole message', () => {
    const decider = deciderFor({ 'what year was the law and what did it change': nothing('law'), 'what year was the law': unclear('law', 'unions'), 'what did it change': nothing('x') });
    expect(decideMessage('what year was the law and what did it change', null, decider).decision).toEqual({ outcome: 'clarify', ids: ['law', 'unions'], score: 400 });
  });
});
