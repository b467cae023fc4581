import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeReview, lintKnowledge, listStaleEntries, readKnowledge, reviewEntries, type KnowledgeBase } from '../../../src/index.js';

const report = readKnowledge(fileURLToPath(new URL('../../fixtures/knowledge-reviews', import.meta.url)));
const knowledge = report.knowledge as KnowledgeBase;
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

// knowledge-reviews: review.yaml says 180 days. bike-chain reviewed 2025-01-10 (due 2025-07-09), brewing-tea
// 2025-03-01 (due 2025-08-28), bike-tyres 2025-06-01 every 2 years (due 2027-06-01), green-tea never.
describe('reviewEntries', () => {
  it("works out each entry's next review from its own period or the knowledge-wide one", () => {
    const reviews = reviewEntries(knowledge, { today: day('2025-09-01'), locate: report.locate });
    expect(reviews.map((review) => [review.entryId, review.owner, review.reviewed, review.everyDays, review.due, review.overdue, review.daysOverdue])).toEqual([
      ['green-tea', null, null, 180, null, true, null],
      ['bike-chain', 'Cycling desk', '2025-01-10', 180, '2025-07-09', true, 54],
      ['brewing-tea', 'Tea team', '2025-03-01', 180, '2025-08-28', true, 4],
      ['bike-tyres', 'Cycling desk', '2025-06-01', 730, '2027-06-01', false, null],
    ]);
    // Each points at the line to edit: "reviewed", or "id" when there is none.
    expect(reviews.map((review) => `${review.file.replace(/.*\//, '')}:${review.line}`)).toEqual(['green-tea.md:2', 'bike-chain.md:13', 'brewing-tea.md:13', 'bike-tyres.md:13']);
  });

  it('counts a review as due on its due day, not the day before', () => {
    expect(listStaleEntries(knowledge, { today: day('2025-07-08') }).map((review) => review.entryId)).toEqual(['green-tea']);
    const onTheDay = listStaleEntries(knowledge, { today: day('2025-07-09') });
    expect(onTheDay.map((review) => review.entryId)).toEqual(['green-tea', 'bike-chain']);
    expect(describeReview(onTheDay[1]!)).toBe('reviewed 2025-01-10, every 180 days, due 2025-07-09 (today)');
    expect(describeReview(onTheDay[0]!)).toBe('never reviewed');
  });

  it('uses 365 days when neither the entry nor the knowledge base says', () => {
    const withoutDefault: KnowledgeBase = { ...knowledge, reviewEveryDays: undefined };
    const chain = reviewEntries(withoutDefault, { today: day('2025-09-01') }).find((review) => review.entryId === 'bike-chain');
    expect(chain).toMatchObject({ everyDays: 365, due: '2026-01-10', overdue: false });
  });
});

describe('lintKnowledge on reviews', () => {
  const warnings = (today: string, base: KnowledgeBase = knowledge) =>
    lintKnowledge(base, { today: day(today), locate: report.locate })
      .filter((issue) => !issue.message.startsWith('source '))
      .map((issue) => `${issue.file.replace(/.*\//, '')}:${issue.line}: ${issue.level}: ${issue.message}`);

  it('warns about each entry due for review, naming its owner, and about one never reviewed', () => {
    expect(warnings('2025-09-01')).toEqual([
      'bike-chain.md:13: warning: due for review since 2025-07-09 (reviewed 2025-01-10, every 180 days; owner: Cycling desk): check it against its sources and set "reviewed" to the date you did',
      'brewing-tea.md:13: warning: due for review since 2025-08-28 (reviewed 2025-03-01, every 180 days; owner: Tea team): check it against its sources and set "reviewed" to the date you did',
      'green-tea.md:2: warning: never reviewed; no "owner" named: check it against its sources, then add "reviewed: 2025-09-01" (the date you checked it)',
    ]);
    expect(warnings('2025-06-01')).toEqual([
      'green-tea.md:2: warning: never reviewed; no "owner" named: check it against its sources, then add "reviewed: 2025-06-01" (the date you checked it)',
    ]);
  });

  it('warns about a review date in the future', () => {
    expect(warnings('2025-05-01').filter((line) => line.startsWith('bike-tyres'))).toEqual([
      'bike-tyres.md:13: warning: "reviewed" is in the future (2025-06-01): set it to the date the entry was checked',
    ]);
  });
});
