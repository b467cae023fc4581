import { describe, expect, it } from 'vitest';
import { previousAfter, createAnswerComposer } from '../../../src/engine/compose-answer.js';
import type { Decision } from '../../../src/engine/decide-answer.js';
import { loadKnowledge, type KnowledgeBase } from '../../../src/index.js';
import { expectWellFormedAnswer } from '../../support/answer-schema.js';
import { fileURLToPath } from 'node:url';

const small: KnowledgeBase = loadKnowledge(fileURLToPath(new URL('../../fixtures/knowledge-small', import.meta.url)));
// One entry whose first question asks yes or no, with its lead.
const knowledge: KnowledgeBase = {
  ...small,
  entries: small.entries.map((entry) => (entry.id === 'green-tea' ? { ...entry, questions: ['Is green tea heated?', ...entry.questions], lead: 'Yes' } : entry)),
};
const compose = createAnswerComposer(knowledge);
const limits = { maxRelated: 3, maxSuggestions: 3 };
const answer = (id: string, change: Partial<Extract<Decision, { outcome: 'answer' }>> = {}): Decision => ({
  outcome: 'answer',
  id,
  confidence: 'medium',
  score: 10,
  probability: 0.9,
  reason: 'answer: made up',
  gap: null,
  lead: false,
  ...change,
});

describe('createAnswerComposer', () => {
  it('opens an answer with when its facts date from, and carries the decision’s reason and probability', () => {
    const reply = expectWellFormedAnswer(compose.decided('What is green tea?', answer('green-tea'), limits));
    expect(reply).toMatchObject({ status: 'answered', entryId: 'green-tea', kind: 'entry', reason: 'answer: made up', probability: 0.9, gap: null, lead: null, parts: [] });
    expect(reply.answer).toMatch(/^As of 2010: Green tea is made/);
  });

  it('says first what the sources do not give, then what they say about the subject', () => {
    const reply = expectWellFormedAnswer(compose.decided('When exactly was green tea first made?', answer('green-tea', { gap: 'date' }), limits));
    expect(reply.gap).toEqual({ kind: 'date', text: "My sources don't give the exact date." });
    expect(reply.answer).toMatch(/^My sources don't give the exact date\. What they say about What green tea is, as of 2010: Green tea is made/);
  });

  it('leads with the entry’s yes or no only when the decision says so, and never before a gap', () => {
    expect(compose.decided('Is green tea heated?', answer('green-tea', { lead: true }), limits)).toMatchObject({
      lead: 'Yes',
      answer: expect.stringMatching(/^Yes\. As of 2010: /),
    });
    expect(compose.decided('What is green tea?', answer('green-tea'), limits).lead).toBeNull();
    expect(compose.decided('Is green tea heated, and when?', answer('green-tea', { lead: true, gap: 'date' }), limits).lead).toBeNull();
    // An entry with no lead has none to give.
    expect(compose.decided('Is brewing hard?', answer('brewing-tea', { lead: true }), limits).lead).toBeNull();
  });

  it('lists the documents behind an entry, from the source registry, for a question about the sources', () => {
    const reply = expectWellFormedAnswer(compose.decided('which of your sources covers green tea?', answer('green-tea', { about: 'sources' }), limits));
    expect(reply.kind).toBe('sources');
    expect(reply.answer).toBe(
      'What I have on "What green tea is" comes from one document:\n- "A short guide to tea" by A. Brewer, Teapot Press, 2010\n\nWhat it says, as of 2010: ' +
        knowledge.entries.find((entry) => entry.id === 'green-tea')!.body,
    );
  });

  it('answers a comparison with one part per entry, each with its own sources and date', () => {
    const reply = expectWellFormedAnswer(
      compose.decided(
        'green tea vs bike chains',
        { outcome: 'compare', ids: ['green-tea', 'bike-chain'], confidence: 'medium', score: 10, probability: 0.8, reason: 'compare: made up' },
        limits,
      ),
    );
    expect(reply.kind).toBe('comparison');
    expect((reply.parts ?? []).map((part) => [part.entryId, part.asOf, part.sources.map((source) => source.id)])).toEqual([
      ['green-tea', '2010', ['tea-guide']],
      ['bike-chain', '2011', ['bike-manual']],
    ]);
    expect(reply.sources.map((source) => source.id)).toEqual(['tea-guide', 'bike-manual']);
    expect(reply.title).toBe('What green tea is · ' + knowledge.entries.find((entry) => entry.id === 'bike-chain')!.title);
  });

  it('says briefly that a follow-up read against the entry just given is covered by it, and gives a standalone question the whole answer', () => {
    const again = expectWellFormedAnswer(compose.decided('who made it?', answer('green-tea', { followUp: true }), limits, null, 'green-tea'));
    expect(again).toMatchObject({ repeated: true, previous: 'green-tea', entryId: 'green-tea' });
    expect(again.answer).toBe('That is covered by what I said before: the answer above, on "What green tea is", is all my sources say about it (as of 2010).');
    const alone = compose.decided('What is green tea?', answer('green-tea'), limits, null, 'green-tea');
    expect(alone.status === 'answered' && alone.repeated).toBeFalsy();
    expect(alone.answer).toMatch(/^As of 2010: /);
  });

  it('moves the conversation on to an answer’s entry, and leaves it where it was after anything else', () => {
    const answered = compose.decided('What is green tea?', answer('green-tea'), limits);
    const clarified = compose.decided('tea?', { outcome: 'clarify', ids: ['green-tea', 'brewing-tea'], score: 5, probability: 0.6, reason: 'clarify: made up' }, limits);
    expect([previousAfter(answered, 'bike-chain'), previousAfter(clarified, 'bike-chain'), previousAfter(clarified, null)]).toEqual(['green-tea', 'bike-chain', null]);
  });
});
