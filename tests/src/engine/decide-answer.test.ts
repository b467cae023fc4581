import { describe, expect, it } from 'vitest';
import { decideAnswer, decideInContext, defaultDecisionRule, topicOf, type Candidate } from '../../../src/engine/decide-answer.js';
import { makeCandidate } from '../../support/candidate.js';

const candidate = makeCandidate;

describe('decideAnswer', () => {
  it('answers with a clear winner that covers the question, at high confidence', () => {
    expect(decideAnswer([candidate('a'), candidate('b', { score: 100 })])).toEqual({ outcome: 'answer', id: 'a', confidence: 'high', score: 400 });
    expect(decideAnswer([candidate('a')])).toMatchObject({ outcome: 'answer', id: 'a' });
  });

  it('declines when nothing matched', () => {
    expect(decideAnswer([])).toEqual({ outcome: 'decline', closeIds: [], score: null });
  });

  it('declines, offering the closest entries, when too little of the question is covered', () => {
    const decision = decideAnswer([candidate('a', { coverage: defaultDecisionRule.minCoverage - 0.05 }), candidate('b', { score: 50 })]);
    expect(decision).toEqual({ outcome: 'decline', closeIds: ['a', 'b'], score: 400 });
  });

  it('declines when the words matched only in passing (a low score per question term)', () => {
    expect(decideAnswer([candidate('a', { strength: defaultDecisionRule.minStrength - 0.1 })]).outcome).toBe('decline');
    expect(decideAnswer([candidate('a', { strength: defaultDecisionRule.minStrength + 0.1 })]).outcome).toBe('answer');
  });

  it('declines a question that names something the best entry does not mention, however well the rest matches', () => {
    expect(decideAnswer([candidate('a', { coverage: 0.9, unmatched: ['righttobui'] })]).outcome).toBe('decline');
    expect(decideAnswer([candidate('a', { coverage: 0.9, unmatched: ['_nearme'] })]).outcome).toBe('decline');
    expect(decideAnswer([candidate('a', { coverage: 0.9, unmatched: ['nurse'] })]).outcome).not.toBe('decline');
  });

  it('asks which was meant when two entries score alike, offering both, best first', () => {
    const decision = decideAnswer([candidate('a', { score: 400 }), candidate('b', { score: 390 }), candidate('c', { score: 20 })]);
    expect(decision).toEqual({ outcome: 'clarify', ids: ['a', 'b'], score: 400 });
  });

  it('offers at most three candidates', () => {
    const decision = decideAnswer(['a', 'b', 'c', 'd', 'e'].map((id) => candidate(id)));
    expect(decision.outcome).toBe('clarify');
    expect(decision.outcome === 'clarify' && decision.ids).toEqual(['a', 'b', 'c']);
  });

  it('asks rather than answers a question with too little topic: one generic word found in an answer text', () => {
    const generic = candidate('a', { strength: 12, score: 60, topic: { name: 0, description: 0, body: 0.7 } });
    expect(topicOf(generic)).toBeLessThan(defaultDecisionRule.answerTopic);
    expect(decideAnswer([generic]).outcome).toBe('clarify');
    // The same word as the entry's name is a topic.
    expect(decideAnswer([{ ...generic, topic: { name: 0.7, description: 0, body: 0 } }]).outcome).toBe('answer');
  });

  it('does not answer a question of one word with little topic ("what did the union say?"), even one of the entry’s phrasings, but does one word that names an entry', () => {
    // The threshold is a share of what a word only one entry holds weighs, in this knowledge base.
    const unique = 0.8;
    const needed = defaultDecisionRule.soleTermTopic * unique;
    const one = (topic: number, change: Partial<Candidate> = {}): Candidate =>
      candidate('a', { uniqueTermWeight: unique, topic: { name: topic, description: 0, body: 0 }, terms: [{ term: 'union', weight: topic, field: 'name', credit: 1 }], ...change });
    expect(decideAnswer([one(needed - 0.05)]).outcome).toBe('clarify');
    expect(decideAnswer([one(needed - 0.05, { similarity: 1 })]).outcome).toBe('clarify');
    expect(decideAnswer([one(needed + 0.05)]).outcome).toBe('answer');
    // A word no other entry holds is a topic, even where it weighs little (in a small knowledge base, or in the phrasings).
    const onlyHere = candidate('a', { uniqueTermWeight: 0.56, topic: { name: 0, description: 0.56, body: 0 }, terms: [{ term: 'oolong', weight: 0.56, field: 'description', credit: 1 }] });
    expect(decideAnswer([onlyHere]).outcome).toBe('answer');
    expect(decideAnswer([{ ...onlyHere, terms: [{ term: 'oolong', weight: 0.5, field: 'description', credit: 1 }] }]).outcome).toBe('clarify');
    // A word that is the entry's whole title ("spinning out") names it.
    expect(decideAnswer([one(needed - 0.05, { similarity: 1, nameSimilarity: 1 })]).outcome).toBe('answer');
    // Two such words together are a topic.
    const two = candidate('a', { topic: { name: 0.8, description: 0, body: 0 }, terms: ['union', 'pension'].map((term) => ({ term, weight: 0.4, field: 'name' as const, credit: 1 })) });
    expect(decideAnswer([two]).outcome).toBe('answer');
  });

  it('asks rather than answers when the unmatched words are the specific ones', () => {
    expect(decideAnswer([candidate('a', { coverage: 0.75, weightedCoverage: 0.3 })]).outcome).toBe('clarify');
  });

  it('answers one of the entry’s own phrasings even when another entry scores close or the topic is thin', () => {
    const decision = decideAnswer([candidate('a', { similarity: 1 }), candidate('b', { score: 390 })]);
    expect(decision).toMatchObject({ outcome: 'answer', id: 'a', confidence: 'high' });
    expect(decideAnswer([candidate('a', { similarity: 1, topic: { name: 0, description: 0.5, body: 0 } })])).toMatchObject({ outcome: 'answer', id: 'a' });
  });

  it('lowers confidence when a word is missing or the lead is small', () => {
    expect(decideAnswer([candidate('a', { coverage: 0.8 }), candidate('b', { score: 100 })])).toMatchObject({ confidence: 'medium' });
    // A lead between the answer margin and the high one.
    const lead = (defaultDecisionRule.answerMargin + defaultDecisionRule.highMargin) / 2;
    expect(decideAnswer([candidate('a', { coverage: 0.8 }), candidate('b', { score: 400 / lead })])).toMatchObject({ outcome: 'answer', confidence: 'low' });
  });
});

describe('questions asking for an amount or a date', () => {
  it('declines one whose best entry states no such fact ("how much did X put in?" against an entry with no figure)', () => {
    expect(decideAnswer([candidate('a', { lacksAskedFact: true })])).toMatchObject({ outcome: 'decline', closeIds: ['a'] });
    expect(decideAnswer([candidate('a', { lacksAskedFact: true })], { ...defaultDecisionRule, checkAskedFact: false }).outcome).toBe('answer');
  });

  it('does not answer a follow-up with an entry of the conversation that states no such fact', () => {
    const unclear = decideAnswer([candidate('x', { score: 400 }), candidate('y', { score: 395 })]);
    expect(decideInContext(unclear, candidate('x'), [candidate('prev', { lacksAskedFact: true })], 'prev', true)).toBeNull();
    expect(decideInContext(unclear, candidate('x'), [candidate('prev')], 'prev', true)).toMatchObject({ outcome: 'answer', id: 'prev' });
  });
});

describe('decideInContext', () => {
  const unclear = decideAnswer([candidate('x', { score: 400 }), candidate('y', { score: 395 })]);

  it('keeps the answer of a question that stands on its own and points back at nothing', () => {
    const standalone = decideAnswer([candidate('x')]);
    expect(decideInContext(standalone, candidate('x'), [candidate('prev')], 'prev', false)).toBeNull();
  });

  it('answers an unclear follow-up with the entry of the conversation that matches it', () => {
    expect(decideInContext(unclear, candidate('x'), [candidate('related', { score: 200 })], 'prev', true)).toMatchObject({ outcome: 'answer', id: 'related' });
  });

  it('prefers the previous entry among equally good matches in the conversation', () => {
    const inContext = [candidate('related', { score: 300 }), candidate('prev', { score: 200 })];
    expect(decideInContext(unclear, candidate('x'), inContext, 'prev', true)).toMatchObject({ outcome: 'answer', id: 'prev' });
  });

  it('reads a question that points back but matches nothing in the conversation as about the previous entry', () => {
    expect(decideInContext(unclear, candidate('x'), [], 'prev', true)).toMatchObject({ outcome: 'answer', id: 'prev', confidence: 'low' });
    // Without pointing back, the context does not help.
    expect(decideInContext(unclear, candidate('x'), [], 'prev', false)).toBeNull();
  });

  it('reads a follow-up that points back as about the previous entry when a related entry matches no more of it, however briefly the previous entry has the words', () => {
    // "what metaphor did he use for the early pioneers?": the related entry has the words in its phrasings, the previous one in passing.
    const inContext = [candidate('related', { score: 100, coverage: 0.5, strength: 6 }), candidate('prev', { score: 12, coverage: 0.5, strength: 0.8 })];
    expect(decideInContext(unclear, candidate('x'), inContext, 'prev', true)).toMatchObject({ outcome: 'answer', id: 'prev' });
    // Not pointing back, the previous entry's passing mention is no match.
    expect(decideInContext(unclear, candidate('x'), inContext, 'prev', false)).toMatchObject({ outcome: 'answer', id: 'related' });
    // A related entry that covers more of the question still wins.
    expect(decideInContext(unclear, candidate('x'), [{ ...inContext[0]!, coverage: 0.75 }, inContext[1]!], 'prev', true)).toMatchObject({ id: 'related' });
  });

  it('reads a follow-up that names a related entry’s subject as about that entry, even when it points back', () => {
    // "what did he say about out-of-hours services?" after the entry about the man.
    const named = candidate('out-of-hours', { score: 100, coverage: 0.5, topic: { name: 1, description: 0, body: 0 } });
    const previous = candidate('prev', { score: 100, coverage: 0.5, topic: { name: 0, description: 0, body: 0.3 } });
    expect(decideInContext(unclear, candidate('x'), [previous, named], 'prev', true)).toMatchObject({ outcome: 'answer', id: 'out-of-hours' });
  });

  it('keeps a follow-up’s own answer when it found itself much more strongly outside the conversation', () => {
    const standalone = decideAnswer([candidate('home-office', { score: 900 })]);
    expect(decideInContext(standalone, candidate('home-office', { score: 900 }), [candidate('prev', { score: 100 })], 'prev', true)).toBeNull();
  });
});
