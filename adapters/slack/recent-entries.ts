import { statSync } from 'node:fs';
import type { Entry, EntryLink } from '../../src/index.js';

/** An entry as the App Home lists it: what to ask, and when it was last reviewed or changed. */
export interface RecentEntry extends EntryLink {
  /** e.g. `reviewed 2026-03-01` or `updated 2026-03-01`. */
  when: string;
}

const isoDay = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** The date a maintainer last checked the entry against its sources, when the knowledge records one. */
function reviewedAt(entry: Entry): number | null {
  // `reviewed` is optional front matter (the maintainers' review dates); entries without it fall back to their file's date.
  const reviewed: unknown = (entry as Entry & { reviewed?: unknown }).reviewed;
  const time = reviewed instanceof Date ? reviewed.getTime() : typeof reviewed === 'string' ? Date.parse(reviewed) : NaN;
  return Number.isFinite(time) ? time : null;
}

/** When the entry's file last changed: a pull of new or edited knowledge moves it forward. */
function modifiedAt(entry: Entry): number | null {
  try {
    return statSync(entry.file).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * The `count` entries most recently reviewed (their `reviewed` date) or added
 * or changed (their file's date), newest first.
 */
export function recentEntries(entries: readonly Entry[], count: number): RecentEntry[] {
  return entries
    .map((entry) => {
      const reviewed = reviewedAt(entry);
      const modified = reviewed === null ? modifiedAt(entry) : null;
      const time = reviewed ?? modified;
      return { entry, time, when: reviewed !== null ? `reviewed ${isoDay(reviewed)}` : modified !== null ? `updated ${isoDay(modified)}` : '' };
    })
    .filter((item): item is typeof item & { time: number } => item.time !== null && item.entry.questions[0] !== undefined)
    .sort((a, b) => b.time - a.time || a.entry.id.localeCompare(b.entry.id))
    .slice(0, count)
    .map(({ entry, when }) => ({ id: entry.id, title: entry.title, question: entry.questions[0] ?? entry.title, when }));
}
