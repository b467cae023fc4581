import type { KnowledgeBase } from '../types.js';
import { defaultReviewEveryDays, type KnowledgeLocator } from '../knowledge/load-knowledge.js';

/** Where an entry stands with its reviews. */
export interface EntryReview {
  entryId: string;
  title: string;
  /** The entry file and the line to edit (its `reviewed` field, or its `id` when it has none). */
  file: string;
  line: number;
  /** The team or role that keeps it up to date, or `null` when none is named. */
  owner: string | null;
  /** When it was last checked against its sources (`YYYY-MM-DD`), or `null`: never. */
  reviewed: string | null;
  /** Days between reviews: the entry's own `review_every`, or the knowledge base's. */
  everyDays: number;
  /** The date the next review is due (`YYYY-MM-DD`); `null` when it was never reviewed (due now). */
  due: string | null;
  /** True when the review is due on or before `today`, or it was never reviewed. */
  overdue: boolean;
  /** Days since the review fell due (0 on the day); `null` when never reviewed or not yet due. */
  daysOverdue: number | null;
}

/** Options for {@link reviewEntries}. */
export interface ReviewOptions {
  /**
   * The day to judge by.
   * @default today (UTC)
   */
  today?: Date;
  /** Where values came from (from `readKnowledge`), so each review points at its line. Default: line 1. */
  locate?: KnowledgeLocator;
}

const dayMs = 86_400_000;

/** A date as `YYYY-MM-DD` (UTC). */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

const dayNumber = (isoDate: string): number => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / dayMs);

/**
 * Works out, for every entry, when it was last reviewed, when the next review
 * is due, and whether it is overdue: most overdue first (never-reviewed
 * entries before all others), then by id.
 */
export function reviewEntries(knowledge: KnowledgeBase, options: ReviewOptions = {}): EntryReview[] {
  const today = dayNumber(isoDay(options.today ?? new Date()));
  const everyDefault = knowledge.reviewEveryDays ?? defaultReviewEveryDays;
  const reviews = knowledge.entries.map((entry): EntryReview => {
    const everyDays = entry.reviewEveryDays ?? everyDefault;
    const reviewed = entry.reviewed ?? null;
    const dueDay = reviewed === null ? null : dayNumber(reviewed) + everyDays;
    const overdue = dueDay === null || dueDay <= today;
    return {
      entryId: entry.id,
      title: entry.title,
      file: entry.file,
      line: options.locate?.entryLine(entry.id, reviewed === null ? ['id'] : ['reviewed']) ?? 1,
      owner: entry.owner ?? null,
      reviewed,
      everyDays,
      due: dueDay === null ? null : isoDay(new Date(dueDay * dayMs)),
      overdue,
      daysOverdue: dueDay !== null && overdue ? today - dueDay : null,
    };
  });
  const urgency = (review: EntryReview): number => (review.reviewed === null ? Infinity : (review.daysOverdue ?? -Infinity));
  return reviews.sort((a, b) => urgency(b) - urgency(a) || (a.entryId < b.entryId ? -1 : 1));
}

/** The entries whose review is due, most overdue first. */
export function listStaleEntries(knowledge: KnowledgeBase, options: ReviewOptions = {}): EntryReview[] {
  return reviewEntries(knowledge, options).filter((review) => review.overdue);
}

/** A review in words, for messages: "never reviewed" or "reviewed 2025-01-31, due 2026-01-31 (12 days ago)". */
export function describeReview(review: EntryReview): string {
  if (review.reviewed === null) return 'never reviewed';
  const when = review.daysOverdue === null ? '' : review.daysOverdue === 0 ? ' (today)' : ` (${review.daysOverdue} day${review.daysOverdue === 1 ? '' : 's'} ago)`;
  return `reviewed ${review.reviewed}, every ${review.everyDays} days, due ${review.due}${when}`;
}
