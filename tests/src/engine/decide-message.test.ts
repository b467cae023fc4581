import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../src/engine/decide-answer.js';
import { decideMessage as decideReadMessage, preferBackground, type DecisionInputs } from '../../../src/engine/decide-message.js';
import { splitQuestion } from '../../../src/text/question-shape.js';
import { makeCandidate } from '../../support/candidate.js';
import { makeDecisionModel } from '../../support/decision-model.js';

const candidate = makeCandidate;

/** Decision inputs whose ranking is scripted per question; `scopes` lists what a follow-up to each entry may be about. */
const deciderFor = (rankings: Record<string, Candidate[]>, scopes: Record<string, string[]> = {}): DecisionInputs => ({
  rankings: { rank: (question, among) => (rankings[question] ?? []).filter((entry) => !among || among.has(entry.id)) },
  followUpScopes: new Map(Object.entries(scopes).map(([id, ids]) => [id, new Set(ids)])),
  model: makeDecisionModel(),
});
/** Decides a message read as it is written: no wrappers taken out, no background. */
const decideMessage = (text: string, previous: string | null, inputs: DecisionInputs) =>
  decideReadMessage({ focus: text, background: '', parts: splitQuestion(text) }, previous, inputs);
const clear = (id: string): Candidate[] => [candidate(id)];
const unclear = (a: string, b: string): Candidate[] => [candidate(a), candidate(b, { score: 390 })];
const nothing = (id: string): Candidate[] => [candidate(id, { coverage: 0.3 })];
const named = (id: string): Candidate[] => [candidate(id, { terms: [{ term: id, weight: 1, field: 'name', credit: 1 }] })];

describe('decideMessage', () => {
  it('answers a message that asks one thing as it is', () => {
    expect(decideMessage('what is tea', null, deciderFor({ 'what is tea': clear('tea') }))).toEqual({
      decision: expect.objectContaining({ outcome: 'answer', id: 'tea' }),
      also: null,
    });
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
    const decider = deciderFor({
      'what year was the law and what did it change': nothing('law'),
      'what year was the law': unclear('law', 'unions'),
      'what did it change': nothing('x'),
    });
    expect(decideMessage('what year was the law and what did it change', null, decider).decision).toMatchObject({ outcome: 'clarify', ids: ['law', 'unions'], score: 400 });
  });

  it('answers a comparison with both entries, each side decided on its own', () => {
    const decider = deciderFor({ 'green tea vs black tea': unclear('green', 'black'), 'green tea': clear('green'), 'black tea': clear('black') });
    const { decision } = decideMessage('green tea vs black tea', null, decider);
    expect(decision).toMatchObject({ outcome: 'compare', ids: ['green', 'black'] });
    expect(decision.reason).toMatch(/^compare: "green tea" answer: p=.*; "black tea" answer: p=/);
  });

  it('takes a side that names its entry on its own, and keeps one entry that covers the whole comparison', () => {
    const sides = {
      'oolong vs sencha — how do they differ?': unclear('oolong', 'sencha'),
      'oolong how do they differ?': nothing('x'),
      oolong: named('oolong'),
      'sencha how do they differ?': clear('sencha'),
    };
    expect(decideMessage('oolong vs sencha — how do they differ?', null, deciderFor(sides)).decision).toMatchObject({ outcome: 'compare', ids: ['oolong', 'sencha'] });
    const whole = { 'green tea vs black tea': clear('tea-compared'), 'green tea': clear('green'), 'black tea': clear('black') };
    expect(decideMessage('green tea vs black tea', null, deciderFor(whole)).decision).toMatchObject({ outcome: 'answer', id: 'tea-compared' });
    // A side that cannot be answered leaves the whole question to the ordinary decision.
    const oneSide = { 'green tea vs samovars': unclear('green', 'black'), 'green tea': clear('green'), samovars: nothing('x') };
    expect(decideMessage('green tea vs samovars', null, deciderFor(oneSide)).decision.outcome).toBe('clarify');
  });

  it('answers a question about the documents with the sources of what it asks about', () => {
    const decider = deciderFor({ 'which of your sources covers green tea?': nothing('x'), 'which of your covers green tea?': clear('green') });
    expect(decideMessage('which of your sources covers green tea?', null, decider).decision).toMatchObject({ outcome: 'answer', id: 'green', about: 'sources' });
  });

  it('reads a follow-up that points back in the context of the previous entry, and a question that stands on its own without it', () => {
    const decider = deciderFor({ 'who ran it?': unclear('x', 'y'), 'what is a bike chain and why does it rust?': clear('chain') }, { tea: ['tea', 'kettle'] });
    expect(decideMessage('who ran it?', 'tea', decider).decision).toMatchObject({ outcome: 'answer', id: 'tea' });
    expect(decideMessage('what is a bike chain and why does it rust?', 'tea', decider).decision).toMatchObject({ outcome: 'answer', id: 'chain' });
  });
});

describe('preferBackground', () => {
  const close = [candidate('tea', { score: 400 }), candidate('kettle', { score: 380 }), candidate('chain', { score: 100 })];
  const decider = deciderFor({ 'we boil water at work': [candidate('kettle', { score: 50 }), candidate('tea', { score: 10 })] });

  it('lets the background of a post choose between entries that score alike', () => {
    expect(preferBackground(close, 'we boil water at work', decider.rankings).map((entry) => entry.id)).toEqual(['kettle', 'tea', 'chain']);
  });

  it('leaves a clear lead, a post with no background, and entries outside the close call as they are', () => {
    const clear = [candidate('tea', { score: 400 }), candidate('kettle', { score: 200 })];
    expect(preferBackground(clear, 'we boil water at work', decider.rankings)).toBe(clear);
    expect(preferBackground(close, '', decider.rankings)).toBe(close);
    expect(preferBackground(close, 'nothing it knows', decider.rankings)).toBe(close);
  });
});
