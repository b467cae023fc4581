import { describeReview, isoDay, KnowledgeError, readKnowledge, reviewEntries, type EntryReview } from '../../../src/index.js';
import { knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';
import { UsageError } from '../../shared/exit-codes.js';

const usage = `Usage: npm run kb -- stale [--knowledge DIR] [--by YYYY-MM-DD] [--owner TEAM] [--all] [--json] [--strict]

Lists the entries due for review, most overdue first, with their owner: those never reviewed (no
"reviewed" date), and those whose last review is older than their period ("review_every" in the entry,
else in review.yaml, else 365 days). Each line names the file and line to edit, once the entry has been
checked against its sources.
  --by DATE    judge by another day, e.g. the end of next month (default: today)
  --owner      only the entries of one owner (a team or role; case does not matter)
  --all        every entry, due or not, with its next review date
  --strict     exit 1 when any entry is due (for CI)`;

/** Reads a date option (`--by`, `--to`): a calendar date. */
export function parseDay(value: string, option = '--by'): Date {
  const time = Date.parse(`${value.trim()}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) || Number.isNaN(time)) throw new UsageError(`${option} must be a date like 2026-01-31 (got "${value}")`);
  return new Date(time);
}

/** One line per review: where to edit, the owner, and where the review stands. */
export function formatReviews(reviews: readonly EntryReview[], by: string, all: boolean): string {
  const due = reviews.filter((review) => review.overdue).length;
  const heading = all ? `${reviews.length} entries, ${due} due for review by ${by}:` : `${due} entr${due === 1 ? 'y' : 'ies'} due for review by ${by}:`;
  const lines = [heading];
  if (reviews.length === 0) lines.push('  none');
  for (const review of reviews) {
    const state = review.overdue ? describeReview(review) : `reviewed ${review.reviewed}, next due ${review.due}`;
    lines.push(`  ${review.file}:${review.line}  ${review.entryId}  owner: ${review.owner ?? '(none named)'}  ${state}`);
  }
  return lines.join('\n');
}

export const staleCommand: KbCommand = {
  name: 'stale',
  summary: 'entries due for review, with their owner (--strict exits 1 when any are)',
  usage,
  run(argv) {
    const { values } = parseCommandArgs(argv, {
      knowledge: { type: 'string' },
      by: { type: 'string' },
      owner: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
    });
    const today = values.by === undefined ? new Date() : parseDay(values.by);
    const report = readKnowledge(knowledgeDirOf(readEnvironment(), values.knowledge));
    if (!report.knowledge) throw new KnowledgeError(report.issues.filter((issue) => issue.level === 'error'));
    const owner = values.owner?.trim().toLowerCase();
    const reviews = reviewEntries(report.knowledge, { today, locate: report.locate }).filter(
      (review) => (values.all || review.overdue) && (owner === undefined || (review.owner ?? '').toLowerCase() === owner),
    );
    const by = isoDay(today);
    process.stdout.write(values.json ? `${JSON.stringify({ by, reviews })}\n` : `${formatReviews(reviews, by, values.all ?? false)}\n`);
    return values.strict && reviews.some((review) => review.overdue) ? kbExitCodes.problems : kbExitCodes.ok;
  },
};
