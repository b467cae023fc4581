import { describe, expect, it } from 'vitest';
import { clarifyChoices, decideAnswer, decideFollowUp, leadSimilarity, type Candidate, type Decision } from '../../../src/engine/decide-answer.js';
import type { QuestionSignals } from '../../../src/engine/decision-features.js';
import { makeCandidate } from '../../support/candidate.js';
import { makeDecisionModel } from '../../support/decision-model.js';

const candidate = makeCandidate;
const model = makeDecisionModel();
const plain: QuestionSignals = { asked: null, exactly: false, asksAction: false, yesNo: false };
const decide = (candidates: Candidate[], signals: Partial<QuestionSignals> = {}): Decision => decideAnswer(candidates, { ...plain, ...signals }, model);

describe('decideAnswer', () => {
  it('answers with a clear winner that covers the question, at high confidence, saying why', () => {
    const decision = decide([candidate('a'), candidate('b', { score: 100 })]);
    expect(decision).toMatchObject({ outcome: 'answer', id: 'a', confidence: 'high', score: 400, gap: null, lead: false });
    expect(decision.probability).toBeGreaterThan(0.99);
    expect(decision.reason).toMatch(/^answer: p=1\.00 ≥ 0\.80$/);
  });

  it('words the confidence from the probability: medium and low for a narrower lead', () => {
    expect(decide([candidate('a'), candidate('b', { score: 242 })])).toMatchObject({ outcome: 'answer', confidence: 'medium' });
    expect(decide([candidate('a'), candidate('b', { score: 344 })])).toMatchObject({ outcome: 'answer', confidence: 'low' });
  });

  it('declines when nothing matched', () => {
    expect(decide([])).toEqual({ outcome: 'decline', closeIds: [], score: null, probability: null, reason: 'decline: no entry matched any word of it' });
  });

  it('declines, offering the closest entries, when both probabilities are low', () => {
    const decision = decide([candidate('a', { coverage: 0.3 }), candidate('b', { score: 50, coverage: 0.3 })]);
    expect(decision).toMatchObject({ outcome: 'decline', closeIds: ['a', 'b'], score: 400 });
    expect(decision.reason).toMatch(/^decline: p=0\.\d\d < 0\.80, one of the best three p=0\.\d\d < 0\.50$/);
  });

  it('declines a question that names something no entry holds, however well the rest matches, but not a name other entries hold', () => {
    expect(decide([candidate('a', { coverage: 0.9, unmatched: ['righttobui'], unknown: ['righttobui'] })])).toMatchObject({
      outcome: 'decline',
      reason: 'decline: it names "righttobui", which no entry covers',
    });
    expect(decide([candidate('a', { coverage: 0.9, unmatched: ['_nearme'], unknown: ['_nearme'] })]).outcome).toBe('decline');
    expect(decide([candidate('a', { unmatched: ['_nationalauditoffice'] })]).outcome).toBe('answer');
  });

  it('declines a request for an action or an opinion', () => {
    expect(decide([candidate('a')], { asksAction: true })).toMatchObject({ outcome: 'decline', closeIds: ['a'], reason: 'decline: it asks for an action or an opinion' });
  });

  it('asks which was meant when two entries score alike, offering both, best first', () => {
    const decision = decide([candidate('a', { score: 400 }), candidate('b', { score: 390 }), candidate('c', { score: 20 })]);
    expect(decision).toMatchObject({ outcome: 'clarify', ids: ['a', 'b'], score: 400 });
    expect(decision.reason).toMatch(/^clarify: p=0\.75 < 0\.80, one of the best three p=1\.00 ≥ 0\.50$/);
  });

  it('offers at most three candidates, each covering enough of the question and close enough to the best', () => {
    expect(clarifyChoices(['a', 'b', 'c', 'd', 'e'].map((id) => candidate(id)))).toEqual(['a', 'b', 'c']);
    expect(clarifyChoices([candidate('a'), candidate('b', { score: 100 }), candidate('c', { coverage: 0.3 }), candidate('d', { score: 390 })])).toEqual(['a', 'd']);
  });

  it('asks rather than declines when every word of the question is in what the best entries are about', () => {
    const named = (id: string, score: number): Candidate => candidate(id, { score, coverage: 1, terms: [{ term: 'hinchingbrook', weight: 0.6, field: 'name', credit: 1 }] });
    const lowModel = { ...model, topThree: { ...model.topThree, bias: -40 }, top: { ...model.top, bias: -40 } };
    expect(decideAnswer([named('a', 400), named('b', 390)], plain, lowModel)).toMatchObject({ outcome: 'clarify', ids: ['a', 'b'] });
    // A word found only in an answer's text is no such subject.
    expect(decideAnswer([candidate('a', { terms: [{ term: 'week', weight: 0.6, field: 'body', credit: 1 }] })], plain, lowModel).outcome).toBe('decline');
  });

  it('answers a question asked word for word as one of an entry’s phrasings, even when the model is unsure', () => {
    const unsure = [candidate('a', { score: 400 }), candidate('b', { score: 395, verbatim: true })];
    expect(decide(unsure)).toMatchObject({ outcome: 'answer', id: 'b', confidence: 'high', reason: "answer: it is one of the entry's own phrasings" });
    // Two entries sharing the closest phrasing are no such certainty.
    expect(decide([candidate('a', { similarity: 1 }), candidate('b', { score: 395, similarity: 1 })]).outcome).toBe('clarify');
  });

  it('says first that the sources do not give a detail the question asks for and the entry does not state', () => {
    expect(decide([candidate('a', { lacksAskedFact: true })], { asked: 'date' })).toMatchObject({ outcome: 'answer', gap: 'date' });
    expect(decide([candidate('a')], { asked: 'date' })).toMatchObject({ outcome: 'answer', gap: null });
    // A question that asks for no kind of detail has no gap.
    expect(decide([candidate('a', { lacksAskedFact: true })])).toMatchObject({ outcome: 'answer', gap: null });
  });

  it('leads with yes or no only for a yes/no question close to the entry’s first question', () => {
    expect(decide([candidate('a', { firstSimilarity: leadSimilarity })], { yesNo: true })).toMatchObject({ lead: true });
    expect(decide([candidate('a', { firstSimilarity: leadSimilarity - 0.1 })], { yesNo: true })).toMatchObject({ lead: false });
    expect(decide([candidate('a', { firstSimilarity: 1 })], { yesNo: false })).toMatchObject({ lead: false });
  });
});

describe('decideFollowUp', () => {
  const unclear = decide([candidate('x', { score: 400 }), candidate('y', { score: 395 })]);
  const followUp = (
    standalone: Decision,
    best: Candidate | undefined,
    aroundPrevious: Candidate[],
    pointsBack: boolean,
    signals: Partial<QuestionSignals & { carriesOn: boolean }> = {},
  ) => decideFollowUp(standalone, best, aroundPrevious, 'prev', pointsBack, { ...plain, ...signals }, model);

  it('keeps the answer of a question that stands on its own and points back at nothing', () => {
    const standalone = decide([candidate('x')]);
    expect(followUp(standalone, candidate('x'), [candidate('prev')], false)).toBeNull();
  });

  it('answers an unclear follow-up with the entry of the conversation that matches it, saying so', () => {
    const decision = followUp(unclear, candidate('x'), [candidate('related', { score: 200 })], true);
    expect(decision).toMatchObject({ outcome: 'answer', id: 'related' });
    expect(decision?.reason).toMatch(/^answer in the context of "prev": it matches an entry that one links to$/);
  });

  it('prefers the previous entry among equally good matches in the conversation', () => {
    expect(followUp(unclear, candidate('x'), [candidate('related', { score: 300 }), candidate('prev', { score: 200 })], true)).toMatchObject({ outcome: 'answer', id: 'prev' });
  });

  it('reads a question that points back and has no answer of its own as about the previous entry', () => {
    expect(followUp(unclear, candidate('x'), [], true)).toMatchObject({ outcome: 'answer', id: 'prev', confidence: 'low' });
    // Without pointing back, the context does not help.
    expect(followUp(unclear, candidate('x'), [], false)).toBeNull();
  });

  it('asks a follow-up that carries on with a subject of its own ("and what about nurses?") about the entry that subject names', () => {
    const nurses = candidate('nurses', { coverage: 1, terms: [{ term: 'nurs', weight: 0.6, field: 'description', credit: 1 }] });
    expect(followUp(unclear, nurses, [], true, { carriesOn: true })).toMatchObject({ outcome: 'answer', id: 'nurses', confidence: 'low' });
    // Found only in passing, it is no subject: the previous entry answers.
    expect(followUp(unclear, { ...nurses, terms: [{ term: 'nurs', weight: 0.6, field: 'body', credit: 1 }] }, [], true, { carriesOn: true })).toMatchObject({ id: 'prev' });
  });

  it('reads a follow-up that names a related entry’s subject as about that entry, even when it points back', () => {
    const named = candidate('out-of-hours', { score: 100, coverage: 0.5, topic: { name: 1, description: 0, body: 0 } });
    const previous = candidate('prev', { score: 100, coverage: 0.5, topic: { name: 0, description: 0, body: 0.3 } });
    expect(followUp(unclear, candidate('x', { coverage: 0.5 }), [previous, named], true)).toMatchObject({ outcome: 'answer', id: 'out-of-hours' });
  });

  it('keeps a follow-up’s own decision when it found more of itself outside the conversation', () => {
    const standalone = decide([candidate('home-office', { score: 900 })]);
    expect(followUp(standalone, candidate('home-office', { score: 900 }), [candidate('prev', { score: 100 })], true)).toBeNull();
    // More of it found elsewhere, even unsure, is not about the conversation.
    expect(followUp(unclear, candidate('x', { coverage: 1 }), [candidate('prev', { coverage: 0.5 })], true)).toBeNull();
  });
});
