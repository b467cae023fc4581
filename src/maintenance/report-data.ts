import type { LogRecord, QuestionRecord } from '../question-log/question-log.js';
import { latestRatings } from '../question-log/summarise-gaps.js';
import { createTextProcessor } from '../text/create-text-processor.js';
import type { KnowledgeLocator } from '../knowledge/load-knowledge.js';
import type { KnowledgeBase } from '../types.js';
import { groupBy, questionGroupKey, spanOf, wordingsOf } from './question-groups.js';
import { isoDay, listStaleEntries, reviewEntries, type EntryReview } from './review-entries.js';

/** Questions asked on one day, by outcome. */
export interface DayOutcomes {
  /** `YYYY-MM-DD` (UTC). */
  date: string;
  answered: number;
  clarify: number;
  /** Declined: the bot had nothing on it (status `no_match`). */
  declined: number;
  /** Not a question: small talk, or input that cannot be searched (empty, too long). */
  notQuestions: number;
}

/** One week of the answer rate, or of the 👍 share. */
export interface WeekRate {
  /** First and last day of the week, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Answered out of asked, or 👍 out of rated. */
  count: number;
  total: number;
  /** `count / total`, 0 to 1. */
  rate: number;
}

/** Questions grouped as the search reads them, with how often they were asked. */
export interface AskedGroup {
  /** The wording asked most. */
  question: string;
  wordings: string[];
  count: number;
  last: string;
}

/** How one entry is used. */
export interface EntryUse {
  entryId: string;
  title: string;
  owner: string | null;
  /** Times it was given as the answer. */
  asked: number;
  up: number;
  down: number;
  reviewed: string | null;
  /** True when its review is due. */
  overdue: boolean;
}

/** Everything the report page shows, as plain data. */
export interface ReportData {
  /** The day the report was made for, `YYYY-MM-DD`. */
  today: string;
  totals: { asked: number; answered: number; clarify: number; declined: number; notQuestions: number; up: number; down: number; first: string | null; last: string | null };
  /** The last 30 and 90 days, oldest first, one item per day (days with no question included). */
  last30Days: DayOutcomes[];
  last90Days: DayOutcomes[];
  /** The last 13 weeks, oldest first; only weeks with questions (answer rate) or ratings (👍 share). */
  answerRate: WeekRate[];
  thumbsUpShare: WeekRate[];
  /** The most asked questions the bot declined, and those it asked to clarify. */
  declined: AskedGroup[];
  clarified: AskedGroup[];
  /** Every entry, most asked first. */
  entries: EntryUse[];
  /** Entries never given as an answer in the log's period, by id. */
  neverAsked: EntryUse[];
  /** Entries due for review, most overdue first. */
  stale: EntryReview[];
  /** Per source, in sources.yaml order: how many entries cite it. */
  sources: { id: string; title: string; entries: number }[];
}

/** Options for {@link buildReportData}. */
export interface ReportOptions {
  /**
   * The day the report is for: the last day of its charts.
   * @default today (UTC)
   */
  today?: Date;
  /**
   * How many declined and clarified questions to list.
   * @default 15
   */
  topQuestions?: number;
  /** Where values came from (from `readKnowledge`), so stale entries point at the line to edit. Default: line 1. */
  locate?: KnowledgeLocator;
}

const dayMs = 86_400_000;
const weeks = 13;

/** The days from `days - 1` days before `today` to `today`, as `YYYY-MM-DD`. */
const lastDays = (today: Date, days: number): string[] => Array.from({ length: days }, (_, index) => isoDay(new Date(today.getTime() - (days - 1 - index) * dayMs)));

/** A record's outcome as the report counts it: small talk and input that cannot be searched are no questions, and never a decline. */
const outcomeOf = (record: QuestionRecord): Exclude<keyof DayOutcomes, 'date'> =>
  record.status === 'answered' ? 'answered' : record.status === 'clarify' ? 'clarify' : record.status === 'no_match' ? 'declined' : 'notQuestions';

/** 13 weeks of a rate, oldest first, leaving out weeks with nothing to count. */
function weeklyRates<T extends { time: string }>(items: readonly T[], today: Date, counts: (item: T) => boolean): WeekRate[] {
  const days = lastDays(today, weeks * 7);
  return Array.from({ length: weeks }, (_, week) => {
    const from = days[week * 7]!;
    const to = days[week * 7 + 6]!;
    const inWeek = items.filter((item) => item.time.slice(0, 10) >= from && item.time.slice(0, 10) <= to);
    const count = inWeek.filter(counts).length;
    return { from, to, count, total: inWeek.length, rate: inWeek.length === 0 ? 0 : count / inWeek.length };
  }).filter((week) => week.total > 0);
}

function topGroups(records: readonly QuestionRecord[], keyOf: (question: string) => string, limit: number): AskedGroup[] {
  return [...groupBy(records, (record) => keyOf(record.question) || record.question.trim().toLowerCase()).values()]
    .map((group) => ({ question: wordingsOf(group)[0] ?? '', wordings: wordingsOf(group), count: group.length, last: spanOf(group).last }))
    .sort((a, b) => b.count - a.count || (a.last < b.last ? 1 : a.last > b.last ? -1 : 0))
    .slice(0, limit);
}

/** Per source, in sources.yaml order: how many entries cite it. */
export function countEntriesPerSource(knowledge: KnowledgeBase): { id: string; title: string; entries: number }[] {
  return knowledge.sources.map((source) => ({ id: source.id, title: source.title, entries: knowledge.entries.filter((entry) => entry.sources.includes(source.id)).length }));
}

/**
 * Works out what the report page shows from the question log and the
 * knowledge: questions per day by outcome, the answer rate and 👍 share by
 * week, the questions declined or clarified most, how each entry is used and
 * reviewed, and how many entries cite each source.
 */
export function buildReportData(records: readonly LogRecord[], knowledge: KnowledgeBase, options: ReportOptions = {}): ReportData {
  const today = new Date(`${isoDay(options.today ?? new Date())}T00:00:00Z`);
  const questions = records.filter((record): record is QuestionRecord => record.type === 'question');
  const ratings = [...latestRatings(records).values()];
  const text = createTextProcessor(knowledge.synonyms);
  const keyOf = (question: string) => questionGroupKey(text, question);

  const byDay = groupBy(questions, (record) => record.time.slice(0, 10));
  const dayOutcomes = (date: string): DayOutcomes => {
    const outcomes = { date, answered: 0, clarify: 0, declined: 0, notQuestions: 0 };
    for (const record of byDay.get(date) ?? []) outcomes[outcomeOf(record)]++;
    return outcomes;
  };

  const reviews = new Map(reviewEntries(knowledge, { today }).map((review) => [review.entryId, review]));
  const answersBy = groupBy(
    questions.filter((record) => record.status === 'answered' && record.entryId),
    (record) => record.entryId!,
  );
  const ratingsBy = groupBy(
    ratings.filter((rating) => rating.entryId),
    (rating) => rating.entryId!,
  );
  const entries = knowledge.entries
    .map((entry): EntryUse => {
      const rated = ratingsBy.get(entry.id) ?? [];
      const review = reviews.get(entry.id);
      return {
        entryId: entry.id,
        title: entry.title,
        owner: entry.owner ?? null,
        asked: answersBy.get(entry.id)?.length ?? 0,
        up: rated.filter((rating) => rating.rating === 'up').length,
        down: rated.filter((rating) => rating.rating === 'down').length,
        reviewed: entry.reviewed ?? null,
        overdue: review?.overdue ?? true,
      };
    })
    .sort((a, b) => b.asked - a.asked || (a.entryId < b.entryId ? -1 : 1));

  const times = questions.map((record) => record.time).sort();
  const count = (outcome: ReturnType<typeof outcomeOf>) => questions.filter((record) => outcomeOf(record) === outcome).length;
  const limit = options.topQuestions ?? 15;
  return {
    today: isoDay(today),
    totals: {
      asked: questions.length,
      answered: count('answered'),
      clarify: count('clarify'),
      declined: count('declined'),
      notQuestions: count('notQuestions'),
      up: ratings.filter((rating) => rating.rating === 'up').length,
      down: ratings.filter((rating) => rating.rating === 'down').length,
      first: times[0] ?? null,
      last: times[times.length - 1] ?? null,
    },
    last30Days: lastDays(today, 30).map(dayOutcomes),
    last90Days: lastDays(today, 90).map(dayOutcomes),
    answerRate: weeklyRates(
      questions.filter((record) => outcomeOf(record) !== 'notQuestions'),
      today,
      (record) => record.status === 'answered',
    ),
    thumbsUpShare: weeklyRates(ratings, today, (rating) => rating.rating === 'up'),
    declined: topGroups(
      questions.filter((record) => record.status === 'no_match'),
      keyOf,
      limit,
    ),
    clarified: topGroups(
      questions.filter((record) => record.status === 'clarify'),
      keyOf,
      limit,
    ),
    entries,
    neverAsked: entries.filter((entry) => entry.asked === 0).sort((a, b) => (a.entryId < b.entryId ? -1 : 1)),
    stale: listStaleEntries(knowledge, { today, ...(options.locate ? { locate: options.locate } : {}) }),
    sources: countEntriesPerSource(knowledge),
  };
}
