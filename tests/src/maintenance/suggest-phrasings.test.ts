import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, readQuestionLog, suggestPhrasings, type LogRecord, type QuestionRecord } from '../../../src/index.js';

const knowledge = loadKnowledge(fileURLToPath(new URL('../../fixtures/knowledge-small', import.meta.url)));
const log = readQuestionLog(readFileSync(fileURLToPath(new URL('../../fixtures/question-log-suggest.jsonl', import.meta.url)), 'utf8'));
const records = log.records;

const summary = (report: ReturnType<typeof suggestPhrasings>) => ({
  suggestions: report.suggestions.map((item) => `${item.entryId} + "${item.phrasing}" (${item.evidence.confirmations})`),
  heldBack: report.heldBack.map((item) => `${item.entryId} "${item.phrasing}": ${item.reason}${item.otherEntryId ? ` (${item.otherEntryId})` : ''}`),
});

let sequence = 0;
const question = (fields: Partial<QuestionRecord> & Pick<QuestionRecord, 'question' | 'status'>): QuestionRecord => ({
  type: 'question',
  time: `2026-02-0${1 + (sequence % 8)}T10:00:00.000Z`,
  platform: 'cli',
  answerId: `t${++sequence}`,
  entryId: null,
  score: null,
  confidence: null,
  ...fields,
});

/** A person declined (or asked to clarify) and then choosing an entry's suggestion. */
const choice = (typed: string, entryId: string, extra: Partial<QuestionRecord> = {}, status: QuestionRecord['status'] = 'no_match'): LogRecord[] => {
  const origin = question({ question: typed, status, ...extra });
  return [origin, question({ question: 'clicked', status: 'answered', entryId, confidence: 'high', via: 'button', followedFrom: origin.answerId, ...extra })];
};

describe('suggestPhrasings on the fixture log', () => {
  const report = suggestPhrasings(records, knowledge);

  it('proposes the questions people confirmed, from their choices and from 👍 on unsure answers', () => {
    expect(log.corrupt).toHaveLength(1);
    expect(summary(report).suggestions).toEqual([
      'bike-tyres + "my wheel keeps going soft" (2)',
      'brewing-tea + "What temperature for tea water?" (2)',
      'brewing-tea + "tea tastes bitter" (2)',
    ]);
  });

  it('gives the evidence: confirmations, times asked, distinct askers when hashed, first and last time, platforms', () => {
    const [wheel, temperature, bitter] = report.suggestions;
    // Three choices by two hashed askers count as two confirmations; the three typings as three times asked.
    expect(wheel).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{8}$/), alsoChosen: [] });
    expect(wheel?.evidence).toEqual({
      confirmations: 2,
      chosen: 3,
      thumbsUp: 0,
      asked: 3,
      askers: 2,
      first: '2026-01-05T09:00:00.000Z',
      last: '2026-01-20T08:00:00.000Z',
      platforms: ['discord', 'slack'],
      wordings: ['my wheel keeps going soft'],
    });
    expect(temperature?.evidence).toMatchObject({ confirmations: 2, chosen: 0, thumbsUp: 2, asked: 2, askers: 2 });
    // No asker hashing in the console: each confirmation counts, and the number of askers is unknown.
    expect(bitter?.evidence).toMatchObject({ confirmations: 2, chosen: 2, asked: 3, askers: null, platforms: ['cli'] });
    expect(bitter?.alsoChosen).toEqual([{ entryId: 'green-tea', confirmations: 1 }]);
  });

  it("holds back what is below the threshold, words the knowledge never uses, another entry's phrasing, and the outvoted", () => {
    expect(summary(report).heldBack).toEqual([
      'bike-chain "repair puncture": phrasing-of-another-entry (bike-tyres)',
      'green-tea "hello": no-in-scope-words',
      'bike-chain "rusty chain": below-threshold',
      'green-tea "tea tastes bitter": outvoted (brewing-tea)',
    ]);
  });

  it('ignores related questions clicked under a confident answer, choices whose answer got a 👎, and links to replies no longer in the log', () => {
    const all = [...report.suggestions, ...report.heldBack].map((item) => item.phrasing.toLowerCase());
    expect(all).not.toContain('how do i brew black tea?');
    expect(all).not.toContain('chain keeps slipping');
    expect(all).not.toContain('what is green tea?');
  });

  it('lists 👎-rated answers as misunderstood, by the latest rating, with the question typed before a click', () => {
    expect(report.misunderstood).toEqual([
      {
        entryId: 'green-tea',
        question: 'Is green tea good for you?',
        wordings: ['Is green tea good for you?'],
        count: 2,
        first: '2026-01-13T16:02:00.000Z',
        last: '2026-01-14T16:00:40.000Z',
        platforms: ['discord', 'slack'],
      },
      {
        entryId: 'bike-chain',
        question: 'chain keeps slipping',
        wordings: ['chain keeps slipping'],
        count: 1,
        first: '2026-01-16T09:01:00.000Z',
        last: '2026-01-16T09:01:00.000Z',
        platforms: ['slack'],
      },
    ]);
  });

  it('takes a threshold and a start time', () => {
    expect(summary(suggestPhrasings(records, knowledge, { minConfirmations: 1 })).suggestions).toContain('bike-chain + "rusty chain" (1)');
    expect(suggestPhrasings(records, knowledge, { minConfirmations: 3 }).suggestions).toEqual([]);
    expect(summary(suggestPhrasings(records, knowledge, { since: new Date('2026-01-10T00:00:00Z') })).suggestions).toEqual(['bike-tyres + "my wheel keeps going soft" (2)']);
  });

  it('keeps the same ids from run to run, and across the log growing', () => {
    const again = suggestPhrasings([...records, ...choice('my wheel keeps going soft', 'bike-tyres')], knowledge);
    expect(again.suggestions.map((item) => item.id)).toEqual(report.suggestions.map((item) => item.id));
    expect(new Set([...report.suggestions, ...report.heldBack].map((item) => item.id)).size).toBe(report.suggestions.length + report.heldBack.length);
  });
});

describe('suggestPhrasings grouping', () => {
  it('groups questions the search reads as the same words, and proposes the most asked wording', () => {
    const report = suggestPhrasings(
      [
        ...choice('Brewing the tea: how long?', 'brewing-tea'),
        ...choice('how long to brew tea', 'brewing-tea'),
        ...choice('How long to brew tea?', 'brewing-tea'),
        ...choice('tea brew how long', 'brewing-tea'),
      ],
      knowledge,
    );
    expect(report.suggestions).toHaveLength(1);
    expect(report.suggestions[0]?.phrasing).toBe('How long to brew tea?');
    expect(report.suggestions[0]?.evidence.wordings).toEqual(['How long to brew tea?', 'Brewing the tea: how long?', 'tea brew how long']);
    expect(report.suggestions[0]?.evidence.confirmations).toBe(4);
  });

  it('counts a clarification like a decline, holds back a tie as disputed, and never proposes what an entry already has', () => {
    const tie = suggestPhrasings([...choice('leaf tea in a pot', 'brewing-tea', {}, 'clarify'), ...choice('leaf tea in a pot', 'green-tea', {}, 'clarify')], knowledge, {
      minConfirmations: 1,
    });
    expect(summary(tie).heldBack).toEqual(['brewing-tea "leaf tea in a pot": disputed (green-tea)', 'green-tea "leaf tea in a pot": disputed (brewing-tea)']);
    const known = suggestPhrasings([...choice('What is green tea', 'green-tea'), ...choice('what is green tea?', 'green-tea')], knowledge);
    expect([...known.suggestions, ...known.heldBack]).toEqual([]);
  });

  it('counts one hashed asker once however often they confirm, and says when an entry is gone', () => {
    const same = suggestPhrasings([...choice('tea with lemon', 'brewing-tea', { asker: 'h1' }), ...choice('tea with lemon', 'brewing-tea', { asker: 'h1' })], knowledge);
    expect(summary(same).heldBack).toEqual(['brewing-tea "tea with lemon": below-threshold']);
    const gone = suggestPhrasings([...choice('tea with lemon', 'lemon-tea'), ...choice('tea with lemon', 'lemon-tea')], knowledge);
    expect(summary(gone).heldBack).toEqual(['lemon-tea "tea with lemon": unknown-entry']);
  });
});
