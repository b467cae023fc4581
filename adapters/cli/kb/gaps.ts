import { summariseGaps, type GapReport } from '../../../src/index.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';
import { UsageError } from '../../shared/exit-codes.js';
import { loadQuestionLog, logOptionHelp } from './question-log-file.js';

const usage = `Usage: npm run kb -- gaps [--since 7d | --since 2026-01-31] [--limit N] [--json] [--log DIR|FILE|URL]

Reads the question log and lists, most frequent first:
  - questions the bot declined, clarified (asked which of a few was meant) or answered with low
    confidence, grouped by their normalised text,
    with how often and when last they were asked;
  - entries whose answers were rated 👎, with the questions they answered.
--since takes an ISO date or time, or an age: 12h, 7d, 4w. Corrupt lines are skipped with a warning.
${logOptionHelp}`;

const units: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses `--since`: an age like "7d" (hours, days, weeks) or an ISO date or time. */
export function parseSince(value: string, now = Date.now()): Date {
  const age = /^(\d+)\s*([hdw])$/i.exec(value.trim());
  if (age) return new Date(now - Number(age[1]) * units[age[2]!.toLowerCase()]!);
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim()) || Number.isNaN(time))
    throw new UsageError(`--since must be an ISO date like 2026-01-31 or an age like 7d, 12h or 4w (got "${value}")`);
  return new Date(time);
}

const day = (time: string): string => time.replace('T', ' ').slice(0, 16);

/** Prints a gap report for a person. */
export function formatGaps(report: GapReport, limit: number): string {
  const lines: string[] = [];
  lines.push(`Questions declined, clarified or answered with low confidence (${report.questions.length} distinct, from ${report.asked} asked):`);
  if (report.questions.length === 0) lines.push('  none');
  for (const gap of report.questions.slice(0, limit)) {
    const why = [
      gap.declined > 0 ? `declined ${gap.declined}` : '',
      gap.clarified > 0 ? `clarified ${gap.clarified}` : '',
      gap.lowConfidence > 0 ? `low confidence ${gap.lowConfidence} (${gap.entryIds.join(', ')})` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${String(gap.count).padStart(4)}x  "${gap.question}"  ${why}; last ${day(gap.lastSeen)}`);
  }
  if (report.questions.length > limit) lines.push(`  … and ${report.questions.length - limit} more (use --limit or --json)`);
  lines.push('', 'Answers rated 👎:');
  if (report.downvoted.length === 0) lines.push('  none');
  for (const entry of report.downvoted.slice(0, limit)) {
    lines.push(`  ${String(entry.down).padStart(4)}x  ${entry.entryId ?? '(no entry)'}  (👍 ${entry.up}); last ${day(entry.lastSeen)}`);
    for (const question of entry.questions.slice(0, 5)) lines.push(`          "${question}"`);
  }
  return lines.join('\n');
}

export const gapsCommand: KbCommand = {
  name: 'gaps',
  summary: 'what users asked that the bot declined, clarified, was unsure of, or got a 👎 for',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { since: { type: 'string' }, json: { type: 'boolean' }, log: { type: 'string' }, limit: { type: 'string' } });
    const limit = values.limit === undefined ? 25 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number above 0 (got "${values.limit}")`);
    const since = values.since === undefined ? undefined : parseSince(values.since);
    const { path, records, corrupt } = await loadQuestionLog(values.log);
    const report = summariseGaps(records, since ? { since } : {});
    process.stdout.write(values.json ? `${JSON.stringify({ log: path, since: since?.toISOString() ?? null, ...report, corrupt })}\n` : `${formatGaps(report, limit)}\n`);
    return kbExitCodes.ok;
  },
};
