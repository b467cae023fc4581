import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDirectory } from '../make-directory.js';
import { createRecordMaker, recordInto, type LogRecord, type QuestionLog } from './question-log.js';
import { findExpiredQuestionLogFiles, questionLogFileOf } from './read-question-log.js';

/**
 * How many days of questions a log keeps by default. The longest view the
 * maintainers' tools take is `kb report`'s 13 weeks (91 days); twice that lets
 * a maintainer who reviews the log each quarter, and misses one review, still
 * see every question since the last. Questions can hold personal details
 * people typed in, so nothing is kept for longer than that use needs.
 */
export const defaultQuestionLogRetentionDays = 180;

/** Options for {@link createJsonlQuestionLog}. */
export interface JsonlQuestionLogOptions {
  /** The data folder; created when missing. Each UTC day's records go to its own file, `questions-YYYY-MM-DD.jsonl`. */
  dir: string;
  /**
   * A secret salt. When set, each record holds a one-way salted SHA-256 hash of
   * the asker (for counting distinct askers); when not, no asker is stored.
   * @default undefined
   */
  askerSalt?: string;
  /**
   * Most records kept in memory while the disk fails; the oldest go first.
   * @default 10000
   */
  maxBufferedRecords: number;
  /**
   * Days of records kept: a day's file is removed once the whole of its day
   * is older than this (checked at start and every `pruneEveryMs`); 0 keeps every file.
   * @default 180 ({@link defaultQuestionLogRetentionDays})
   */
  retentionDays: number;
  /**
   * How often to look for files past the retention, in milliseconds.
   * @default 3600000 (an hour)
   */
  pruneEveryMs: number;
  /**
   * The clock, in milliseconds since the epoch: each record's time, and the retention's.
   * @default Date.now
   */
  now: () => number;
  /** Called once, on the first failed write; later failures are tolerated quietly. */
  onError?: (error: Error) => void;
  /** Called with the names of the files removed as past the retention, when any were. */
  onPrune?: (removed: string[]) => void;
}

/** The defaults of {@link JsonlQuestionLogOptions}. */
export const defaultJsonlQuestionLogOptions = Object.freeze({ maxBufferedRecords: 10_000, retentionDays: defaultQuestionLogRetentionDays, pruneEveryMs: 3_600_000, now: Date.now });

/**
 * Appends lines to a file, one `write` each, with the file opened for
 * appending (O_APPEND). Several processes (replicas, shards) may share the
 * file: the kernel puts each write at the end of the file as one piece, so
 * lines never interleave. A whole batch in one call would not do: Node splits
 * a long buffer into several writes (512 KiB each), between which another
 * process's lines could land, cutting a line in two.
 * @returns how many lines were written in full before any error.
 */
async function appendLines(path: string, lines: readonly string[]): Promise<{ written: number; error?: unknown }> {
  let written = 0;
  let file;
  try {
    file = await open(path, 'a');
    for (const line of lines) {
      const bytes = Buffer.from(line, 'utf8');
      // A short write happens only when the disk fills; the rest then follows as its own write.
      for (let at = 0; at < bytes.length;) at += (await file.write(bytes, at)).bytesWritten;
      written += 1;
    }
    return { written };
  } catch (error) {
    return { written, error };
  } finally {
    await file?.close().catch(() => undefined);
  }
}

/** A record waiting to be written: its line, and the daily file it goes to. */
interface PendingLine {
  file: string;
  line: string;
}

/** What a buffering log can say about itself, for the operator's metrics. */
export interface QuestionLogBuffer {
  /** Records recorded but not yet written. */
  readonly pending: number;
  /** Records dropped, ever, because the buffer was full while the store failed. */
  readonly dropped: number;
}

/**
 * A question log that appends one JSON object per line to a file per UTC day
 * (`questions-2026-12-07.jsonl`) in a data folder, and removes the days past
 * its retention. Recording only queues the line; writing happens in the
 * background, one batch at a time, so an answer never waits for the disk and
 * a failing disk never breaks an answer. Several processes may append to the
 * same folder (see {@link appendLines}). Readers take the folder's files as
 * one log (`readQuestionLogFiles`).
 */
export function createJsonlQuestionLog(
  options: Partial<JsonlQuestionLogOptions> & Pick<JsonlQuestionLogOptions, 'dir'>,
): QuestionLog & QuestionLogBuffer & { readonly dir: string } {
  const { dir, askerSalt, maxBufferedRecords, retentionDays, pruneEveryMs, now, onError, onPrune } = { ...defaultJsonlQuestionLogOptions, ...options };
  const make = createRecordMaker({ askerSalt, now });
  let pending: PendingLine[] = [];
  let tail: Promise<void> = Promise.resolve();
  let scheduled = false;
  let failed = false;
  let madeDir = false;
  let closed = false;
  let dropped = 0;

  // Never rejects: a failed batch goes back in the queue for the next attempt.
  const writeBatch = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    let left: PendingLine[] = [];
    let failure: unknown;
    try {
      if (!madeDir) {
        makeDirectory(dir);
        madeDir = true;
      }
      // In order, a file at a time: a batch spans two files only around midnight.
      for (let at = 0; at < batch.length;) {
        const file = batch[at]!.file;
        let end = at;
        while (end < batch.length && batch[end]!.file === file) end += 1;
        const result = await appendLines(
          join(dir, file),
          batch.slice(at, end).map((item) => item.line),
        );
        if (result.error !== undefined) {
          // Lines already written stay written; the rest wait for the next attempt.
          left = batch.slice(at + result.written);
          failure = result.error;
          break;
        }
        at = end;
      }
    } catch (error) {
      left = batch;
      failure = error;
    }
    if (failure === undefined) return;
    pending = [...left, ...pending];
    if (pending.length > maxBufferedRecords) {
      dropped += pending.length - maxBufferedRecords;
      pending = pending.slice(-maxBufferedRecords);
    }
    if (!failed) {
      failed = true;
      try {
        onError?.(failure instanceof Error ? failure : new Error(String(failure)));
      } catch {
        // The reporter failing must not break the log either.
      }
    }
  };

  const enqueue = (record: LogRecord): void => {
    if (closed) return;
    pending.push({ file: questionLogFileOf(record.time), line: `${JSON.stringify(record)}\n` });
    if (pending.length > maxBufferedRecords) {
      pending.shift();
      dropped += 1;
    }
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      tail = tail.then(writeBatch);
    });
  };

  // Never rejects; runs in the queue, so a removal never races a write to the same folder from this process.
  const prune = async (): Promise<void> => {
    let removed: string[] = [];
    try {
      removed = findExpiredQuestionLogFiles(dir, retentionDays, now());
      // Another process sharing the folder may have removed a file first: that is no failure.
      await Promise.all(removed.map((name) => unlink(join(dir, name)).catch(() => undefined)));
    } catch {
      // A folder that cannot be read now is tried again at the next check.
      return;
    }
    if (removed.length === 0) return;
    try {
      onPrune?.(removed);
    } catch {
      // As for onError.
    }
  };
  const pruning = retentionDays > 0 ? setInterval(() => (tail = tail.then(prune)), pruneEveryMs) : undefined;
  // A log waiting for its next check must not keep a finished process alive.
  pruning?.unref();
  if (retentionDays > 0) tail = tail.then(prune);

  const flush = (): Promise<void> => {
    tail = tail.then(writeBatch);
    return tail;
  };

  return {
    dir,
    get pending() {
      return pending.length;
    },
    get dropped() {
      return dropped;
    },
    ...recordInto(make, enqueue),
    flush,
    close() {
      clearInterval(pruning);
      const done = flush();
      closed = true;
      return done;
    },
  };
}
