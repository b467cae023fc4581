import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReportData, readKnowledge, readQuestionLog, type KnowledgeBase } from '../../../src/index.js';

const read = readKnowledge(fileURLToPath(new URL('../../fixtures/knowledge-reviews', import.meta.url)));
const knowledge = read.knowledge as KnowledgeBase;
const { records } = readQuestionLog(readFileSync(fileURLToPath(new URL('../../fixtures/question-log-report.jsonl', import.meta.url)), 'utf8'));
const data = buildReportData(records, knowledge, { today: new Date('2026-01-31T18:00:00Z'), locate: read.locate });

describe('buildReportData on the fixture log', () => {
  it('counts small talk and input that cannot be searched apart, never as declined, and leaves them out of the answer rate', () => {
    const day = '2026-01-31';
    const extra = ['small_talk', 'invalid', 'no_match'].map(
      (status, index) =>
        ({
          ...records.find((record) => record.type === 'question')!,
          answerId: `extra-${index}`,
          time: `${day}T17:0${index}:00.000Z`,
          status,
          entryId: null,
        }) as (typeof records)[number],
    );
    const withExtra = buildReportData([...records, ...extra], knowledge, { today: new Date('2026-01-31T18:00:00Z'), locate: read.locate });
    expect(withExtra.totals).toMatchObject({ asked: 19, answered: 9, clarify: 2, declined: 6, notQuestions: 2 });
    expect(withExtra.last30Days.at(-1)).toEqual({ date: day, answered: 1, clarify: 0, declined: 1, notQuestions: 2 });
    // The last week gains one question, the decline: small talk and empty input are not questions to answer.
    const before = data.answerRate.at(-1)!;
    expect(withExtra.answerRate.at(-1)).toEqual({ ...before, total: before.total + 1, rate: before.count / (before.total + 1) });
  });

  it("counts every question and each answer's latest rating", () => {
    expect(data.today).toBe('2026-01-31');
    expect(data.totals).toEqual({
      asked: 16,
      answered: 9,
      clarify: 2,
      declined: 5,
      notQuestions: 0,
      up: 2,
      down: 1,
      first: '2025-10-01T10:00:00.000Z',
      last: '2026-01-31T16:00:00.000Z',
    });
  });

  it('gives every one of the last 30 and 90 days, oldest first, by outcome', () => {
    expect(data.last30Days).toHaveLength(30);
    expect(data.last30Days[0]?.date).toBe('2026-01-02');
    expect(data.last30Days.filter((day) => day.answered + day.clarify + day.declined + day.notQuestions > 0)).toEqual([
      { date: '2026-01-05', answered: 3, clarify: 0, declined: 2, notQuestions: 0 },
      { date: '2026-01-20', answered: 1, clarify: 1, declined: 2, notQuestions: 0 },
      { date: '2026-01-31', answered: 1, clarify: 0, declined: 0, notQuestions: 0 },
    ]);
    expect(data.last90Days).toHaveLength(90);
    expect(data.last90Days[0]?.date).toBe('2025-11-03');
    expect(data.last90Days.reduce((sum, day) => sum + day.answered + day.clarify + day.declined + day.notQuestions, 0)).toBe(15);
  });

  it('gives the answer rate and the helpful share for the weeks that had any', () => {
    expect(data.answerRate.map((week) => `${week.from}..${week.to} ${week.count}/${week.total}`)).toEqual([
      '2025-11-02..2025-11-08 2/3',
      '2025-12-07..2025-12-13 1/2',
      '2026-01-04..2026-01-10 3/5',
      '2026-01-18..2026-01-24 1/4',
      '2026-01-25..2026-01-31 1/1',
    ]);
    expect(data.thumbsUpShare.map((week) => `${week.from} ${week.count}/${week.total} ${week.rate}`)).toEqual(['2025-12-07 1/1 1', '2026-01-04 1/2 0.5']);
  });

  it('groups the declined and clarified questions, most asked first', () => {
    expect(data.declined.map((group) => [group.question, group.count])).toEqual([
      ['My wheel keeps going soft!', 2],
      ['what is the capital of France', 1],
      ["<script>alert('x')</script> & <b>bold</b> tea?", 1],
      ['hello?', 1],
    ]);
    expect(data.declined[0]?.wordings).toEqual(['My wheel keeps going soft!']);
    expect(data.clarified.map((group) => group.question)).toEqual(['tea tastes bitter', 'tea or coffee']);
    expect(buildReportData(records, knowledge, { today: new Date('2026-01-31'), topQuestions: 1 }).declined).toHaveLength(1);
  });

  it('tells how each entry is used, rated and reviewed, which were never asked, which are stale, and sources', () => {
    expect(data.entries.map((entry) => [entry.entryId, entry.owner, entry.asked, entry.up, entry.down, entry.reviewed, entry.overdue])).toEqual([
      ['brewing-tea', 'Tea team', 4, 0, 1, '2025-03-01', true],
      ['bike-chain', 'Cycling desk', 3, 1, 0, '2025-01-10', true],
      ['bike-tyres', 'Cycling desk', 2, 1, 0, '2025-06-01', false],
      ['green-tea', null, 0, 0, 0, null, true],
    ]);
    expect(data.neverAsked.map((entry) => entry.entryId)).toEqual(['green-tea']);
    expect(data.stale.map((review) => `${review.entryId}:${review.line}`)).toEqual(['green-tea:2', 'bike-chain:13', 'brewing-tea:13']);
    expect(data.sources).toEqual([
      { id: 'tea-guide', title: 'A short guide to tea', entries: 2 },
      { id: 'bike-manual', title: "The bicycle owner's manual", entries: 2 },
      { id: 'unused-almanac', title: 'An almanac nobody cites', entries: 0 },
    ]);
  });

  it('works with an empty log', () => {
    const empty = buildReportData([], knowledge, { today: new Date('2026-01-31') });
    expect(empty.totals.asked).toBe(0);
    expect(empty.answerRate).toEqual([]);
    expect(empty.last30Days.every((day) => day.answered + day.clarify + day.declined + day.notQuestions === 0)).toBe(true);
    expect(empty.neverAsked).toHaveLength(4);
  });
});
