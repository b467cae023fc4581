import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as z from 'zod';
import { vias, type LogRecord } from './question-log.js';

const platform = z.enum(['cli', 'slack', 'discord']);
const time = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { message: 'must be an ISO 8601 time' });

const recordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('question'),
    time,
    platform,
    answerId: z.string(),
    question: z.string(),
    status: z.enum(['answered', 'clarify', 'no_match', 'small_talk', 'invalid']),
    entryId: z.string().nullable(),
    score: z.number().nullable(),
    confidence: z.enum(['high', 'medium', 'low']).nullable(),
    asker: z.string().optional(),
    via: z.enum(vias).optional(),
    followedFrom: z.string().optional(),
    reason: z.string().nullable().optional(),
    previous: z.string().nullable().optional(),
    channelContext: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('feedback'),
    time,
    platform,
    answerId: z.string(),
    entryId: z.string().nullable(),
    rating: z.enum(['up', 'down']),
    asker: z.string().optional(),
  }),
]);

/** A line (or, in a database, a row) of the log that could not be read. */
export interface CorruptLogLine {
  /** 1-based line number (a database's row id). */
  line: number;
  message: string;
  /** The file it is in, when the log is read from several. */
  file?: string;
}

/**
 * Checks one stored record, whichever store it came from (a JSON line, a
 * database row): the record as every reader sees it, or why it is not one.
 */
export function parseLogRecord(value: unknown): { record: LogRecord } | { problem: string } {
  const parsed = recordSchema.safeParse(value);
  if (parsed.success) return { record: parsed.data };
  return { problem: `is not a question or feedback record (wrong or missing: ${[...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'type'))].join(', ')})` };
}

/** Reads JSON Lines question log text; corrupt lines are reported and skipped, never fatal. */
export function readQuestionLog(text: string): { records: LogRecord[]; corrupt: CorruptLogLine[] } {
  const records: LogRecord[] = [];
  const corrupt: CorruptLogLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      corrupt.push({ line: index + 1, message: 'is not valid JSON' });
      return;
    }
    const parsed = parseLogRecord(value);
    if ('record' in parsed) records.push(parsed.record);
    else corrupt.push({ line: index + 1, message: parsed.problem });
  });
  return { records, corrupt };
}

/** The file of the log before it was kept in daily files; still read, and removed once it is past the retention. */
export const legacyQuestionLogFile = 'questions.jsonl';

/** The daily files: `questions-2026-12-07.jsonl`, one per UTC day, each holding the records of its day. */
const dailyFilePattern = /^questions-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** The daily file a record made at `time` (ISO 8601, UTC) belongs in. */
export const questionLogFileOf = (time: string): string => `questions-${time.slice(0, 10)}.jsonl`;

/** A file of the log in a data folder, with the UTC day it holds (`null` for the older single file). */
export interface QuestionLogFile {
  path: string;
  day: string | null;
}

/** The log's files in `dir`, oldest first: the older single file (if any), then each day's. */
export function listQuestionLogFiles(dir: string): QuestionLogFile[] {
  if (!existsSync(dir)) return [];
  const names = readdirSync(dir);
  const daily = names
    .map((name) => ({ name, day: dailyFilePattern.exec(name)?.[1] }))
    .filter((file): file is { name: string; day: string } => file.day !== undefined)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map(({ name, day }) => ({ path: join(dir, name), day }));
  return [...(names.includes(legacyQuestionLogFile) ? [{ path: join(dir, legacyQuestionLogFile), day: null }] : []), ...daily];
}

/** A question log as read from its files. */
export interface StoredQuestionLog {
  /** False when there is no log there yet (an empty log, not an error). */
  exists: boolean;
  /** The files read, oldest first. */
  files: string[];
  records: LogRecord[];
  /** Lines skipped as unreadable, each naming its file. */
  corrupt: CorruptLogLine[];
}

/**
 * Reads a question log kept in files: a data folder (every file of the log in
 * it, oldest first, read as one log) or a single file. A missing folder or
 * file is an empty log (it fills as people ask); corrupt lines are reported and skipped.
 */
export function readQuestionLogFiles(path: string): StoredQuestionLog {
  if (!existsSync(path)) return { exists: false, files: [], records: [], corrupt: [] };
  const files = statSync(path).isDirectory() ? listQuestionLogFiles(path).map((file) => file.path) : [path];
  const records: LogRecord[] = [];
  const corrupt: CorruptLogLine[] = [];
  for (const file of files) {
    const read = readQuestionLog(readFileSync(file, 'utf8'));
    // push(...) would overflow the stack on a file of a few hundred thousand records.
    for (const record of read.records) records.push(record);
    for (const line of read.corrupt) corrupt.push({ ...line, file });
  }
  return { exists: files.length > 0, files, records, corrupt };
}

const dayMs = 86_400_000;

/**
 * The files of the log in `dir` whose every record is older than
 * `retentionDays` days at `now`: a daily file once the whole of its day is
 * past the limit; the older single file once it was last written that long
 * ago. None when `retentionDays` is 0 (keep everything).
 */
export function findExpiredQuestionLogFiles(dir: string, retentionDays: number, now: number): string[] {
  if (retentionDays <= 0) return [];
  const cutoff = now - retentionDays * dayMs;
  return listQuestionLogFiles(dir)
    .filter((file) => (file.day === null ? statSync(file.path).mtimeMs <= cutoff : Date.parse(`${file.day}T00:00:00Z`) + dayMs <= cutoff))
    .map((file) => basename(file.path));
}
