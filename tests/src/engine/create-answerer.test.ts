import { describe, expect, it } from 'vitest';
import { createAnswerer, overrideAnswerer, defaultAskOptions, KnowledgeError, loadKnowledge, type Answer } from '../../../src/index.js';
import { copyFixtureKnowledge, fixtureKnowledgeDir } from '../../support/fixture-knowledge.js';

const answerer = createAnswerer(fixtureKnowledgeDir);

const expectWellFormed = (answer: Answer): void => {
  expect(['answered', 'clarify', 'no_match', 'small_talk', 'invalid']).toContain(answer.status);
  expect(typeof answer.question).toBe('string');
  expect(Array.isArray(answer.sources) && Array.isArray(answer.related) && Array.isArray(answer.suggestions)).toBe(true);
  expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
};

describe('createAnswerer', () => {
  it('answers with the entry text, introduced by when its facts date from', () => {
    const answer = answerer.ask('What is the Right to Provide?');
    expect(answer).toMatchObject({ status: 'answered', entryId: 'right-to-provide', title: 'What the Right to Provide is', asOf: 'March 2010' });
    expect(answer.answer).toBe('As of March 2010: The Right to Provide lets staff take over a service as a mutual. The fixture says 12 teams had used it.');
    expect(answer.score).toBeGreaterThan(0);
    expect(answer.confidence).not.toBeNull();
    expect(answer.suggestions).toEqual([]);
  });

  it('carries the date the entry was last checked against its sources, and null when it never was or nothing was answered', () => {
    const knowledge = loadKnowledge(fixtureKnowledgeDir);
    const checked = createAnswerer({ ...knowledge, entries: knowledge.entries.map((entry) => (entry.id === 'right-to-provide' ? { ...entry, reviewed: '2026-11-29' } : entry)) });
    expect(checked.ask('What is the Right to Provide?')).toMatchObject({ entryId: 'right-to-provide', reviewed: '2026-11-29' });
    expect(checked.ask('Do co-ops run hospitals abroad?')).toMatchObject({ entryId: 'co-op-hospitals', reviewed: null });
    expect(checked.ask('what time does the Oxford Street shop open')).toMatchObject({ status: 'no_match', reviewed: null });
  });

  it('cites each source with its title, publisher and date', () => {
    const answer = answerer.ask('Do co-ops run hospitals abroad?');
    expect(answer.entryId).toBe('co-op-hospitals');
    expect(answer.sources).toEqual([
      { id: 'alpha-2010', title: 'Alpha report on staff mutuals', author: 'A. Writer', publisher: 'Alpha Press', date: '1 March 2010' },
      { id: 'beta-2011', title: 'Beta bulletin', author: 'not named', publisher: 'Beta News', date: 'undated; about 2011' },
    ]);
  });

  it('returns related entries, at most maxRelated of them', () => {
    const answer = answerer.ask('right to provide');
    expect(answer.related.map((link) => link.id)).toEqual(['audit-findings', 'co-op-hospitals']);
    expect(answer.related[0]).toEqual({ id: 'audit-findings', title: 'What the auditors found', question: 'What did the National Audit Office report say?' });
    expect(answerer.ask('right to provide', { maxRelated: 1 }).related).toHaveLength(1);
  });

  // Matching is the ranking's job: whether to answer is the decision's, tested on its own.
  const bestFor = (question: string): string | undefined => answerer.rankEntries(question)[0]?.id;

  it('matches acronyms, synonyms, other wordings and typos', () => {
    expect(bestFor('what did the NAO say')).toBe('audit-findings');
    expect(bestFor('cooperative hospitals in japan')).toBe('co-op-hospitals');
    expect(bestFor('Which countries have co-operative hospitals?')).toBe('co-op-hospitals');
    expect(bestFor('hospitels in spain')).toBe('co-op-hospitals');
    expect(bestFor('what is rtp')).toBe('right-to-provide');
    expect(answerer.ask('Which countries have co-operative hospitals?').entryId).toBe('co-op-hospitals');
  });

  it('reads a word with two neighbouring letters swapped as the known word', () => {
    expect(answerer.ask('hopsitals in spain').entryId).toBe('co-op-hospitals');
    expect(answerer.ask('japan cooperative hosiptals').entryId).toBe('co-op-hospitals');
  });

  it('declines a question about a different right that shares words with ours', () => {
    const answer = answerer.ask('What is the Right to Buy?');
    expect(answer.status).toBe('no_match');
    expect(answer.entryId).toBeNull();
    expect(answer.answer).toMatch(/I don't have information on that/);
    expect(answer.suggestions.length).toBeGreaterThan(0);
    expect(answer.suggestions.length).toBeLessThanOrEqual(defaultAskOptions.maxSuggestions);
  });

  it('declines questions that only weakly match', () => {
    expect(answerer.ask('how do I book a GP appointment online').status).toBe('no_match');
    expect(answerer.ask('weather in Manchester tomorrow').status).toBe('no_match');
    expect(answerer.ask('what is the what').status).toBe('no_match');
  });

  it('answers "invalid" with a clear message for empty, punctuation-only, over-long and control-character questions', () => {
    const cases: [string, RegExp][] = [
      ['', /Please type a question/],
      ['   \n\t ', /Please type a question/],
      ['?!?...', /does not look like a question/],
      ['x'.repeat(501), /501 characters long\. Please keep it under 500/],
      ['what\u0007 is rtp', /control characters/],
    ];
    for (const [question, message] of cases) {
      const answer = answerer.ask(question);
      expect(answer.status, question).toBe('invalid');
      expect(answer.answer, question).toMatch(message);
      expect(answer.entryId).toBeNull();
      expect(answer.suggestions.length).toBeGreaterThan(0);
    }
    expect(answerer.ask('x'.repeat(50), { maxQuestionLength: 40 }).status).toBe('invalid');
  });

  it('never throws, whatever the string', () => {
    const strange = ['(((', '[a-z]+*', '\\', '<!channel> <@U123>', '@everyone', '\u202Eevil', '🙂🙂', 'a'.repeat(20_000), 'constructor', '__proto__', 'toString'];
    for (const question of strange) expectWellFormed(answerer.ask(question));
    expectWellFormed(answerer.ask(undefined as unknown as string));
  });

  it('suggests entries for a partly typed question, and starters for nothing typed', () => {
    expect(answerer.suggest('audit rep').map((link) => link.id)[0]).toBe('audit-findings');
    const starters = answerer.suggest('', 2);
    expect(starters).toHaveLength(2);
    // The entry most others link to comes first.
    expect(starters[0]?.id).toBe('right-to-provide');
    expect(answerer.starters(10).length).toBe(3);
  });

  it('ranks entries with their coverage of the question', () => {
    const [best] = answerer.rankEntries('national audit office hospitals');
    expect(best?.id).toBeDefined();
    expect(best?.coverage).toBeGreaterThan(0);
    expect(best?.coverage).toBeLessThan(1);
    expect(answerer.rankEntries('')).toEqual([]);
  });

  it('throws a KnowledgeError, not a crash, for an invalid knowledge folder', () => {
    const copy = copyFixtureKnowledge();
    try {
      copy.write('entries/audit-findings.md', '---\nid: audit-findings\n---\n');
      expect(() => createAnswerer(copy.dir)).toThrow(KnowledgeError);
    } finally {
      copy.remove();
    }
  });
});

describe('overrideAnswerer', () => {
  it('uses the overrides given and calls through to the answerer for the rest', () => {
    const asked: string[] = [];
    const wrapped = overrideAnswerer(answerer, {
      ask: (question) => {
        asked.push(question);
        return answerer.ask(question);
      },
      starters: () => [],
    });
    expect(wrapped.ask('What did the National Audit Office report say?')).toMatchObject({ status: 'answered', entryId: 'audit-findings' });
    expect(asked).toEqual(['What did the National Audit Office report say?']);
    expect(wrapped.starters(2)).toEqual([]);
    expect(wrapped.suggest('audit', 2)).toEqual(answerer.suggest('audit', 2));
    expect(wrapped.suggest('audit', 2).length).toBeGreaterThan(0);
    expect(wrapped.rankEntries('audit findings', 2)).toEqual(answerer.rankEntries('audit findings', 2));
    expect(wrapped.knowledge).toBe(answerer.knowledge);
  });
});
