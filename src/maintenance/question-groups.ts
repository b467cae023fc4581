import { normaliseQuestionKey } from '../text/question-key.js';
import type { Platform, QuestionRecord } from '../question-log/question-log.js';
import type { TextProcessor } from '../text/create-text-processor.js';

/**
 * The key that groups questions the search reads as the same words: case,
 * punctuation, small words, word order, word endings and synonyms do not
 * count. Empty for a question with no word the search uses.
 */
export const questionGroupKey = (text: TextProcessor, question: string): string => [...new Set(text.termsOf(question))].sort().join(' ');

const tidy = (question: string): string => question.replace(/\s+/g, ' ').trim();

/** The wordings of a group of questions, most asked first (ties: most recent first), each in its latest form. */
export function wordingsOf(records: readonly Pick<QuestionRecord, 'question' | 'time'>[]): string[] {
  const byKey = new Map<string, { text: string; count: number; last: string }>();
  for (const record of records) {
    const key = normaliseQuestionKey(record.question);
    const seen = byKey.get(key) ?? { text: tidy(record.question), count: 0, last: '' };
    seen.count++;
    if (record.time >= seen.last) {
      seen.last = record.time;
      seen.text = tidy(record.question);
    }
    byKey.set(key, seen);
  }
  return [...byKey.values()].sort((a, b) => b.count - a.count || (a.last < b.last ? 1 : -1)).map((item) => item.text);
}

/** When records were first and last made, and on which platforms. */
export function spanOf(records: readonly { time: string; platform: Platform }[]): { first: string; last: string; platforms: Platform[] } {
  const times = records.map((record) => record.time).sort();
  return { first: times[0] ?? '', last: times[times.length - 1] ?? '', platforms: [...new Set(records.map((record) => record.platform))].sort() };
}

/** Groups records by a key, keeping the order each key was first seen in. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
