import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Answer } from '../types.js';
import { answerFields, contextFields, type AskerRef, type LogRecord, type Platform, type QuestionLog, type RecordContext } from './question-log.js';

/** Options for {@link createJsonlQuestionLog}. */
export interface JsonlQuestionLogOptions {
  /** The data folder; created when missing. */
  dir: string;
  /**
   * The log file's name inside `dir`.
   * @default 'questions.jsonl'
   */
  fileName: string;
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
  /** Called once, on the first failed write; later failures are tolerated quietly. */
  onError?: (error: Error) => void;
}

/** The defaults of {@link JsonlQuestionLogOptions}. */
export const defaultJsonlQuestionLogOptions = Object.freeze({ fileName: 'questions.jsonl', maxBufferedRecords: 10_000 });

/**
 * A one-way hash of an asker: the same person on the same platform always
 * gets the same hash, and without the salt nobody can tell who it was.
 */
export function hashAsker(salt: string, platform: Platform, userId: string): string {
  return createHash('sha256').update(`${salt}\u0000${platform}\u0000${userId}`).digest('hex');
}

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
      for (let at = 0; at < bytes.length; ) at += (await file.write(bytes, at)).bytesWritten;
      written += 1;
    }
    return { written };
  } catch (error) {
    return { written, error };
  } finally {
    await file?.close().catch(() => undefined);
  }
}

/**
 * A question log that appends one JSON object per line to a file. Recording
 * only queues the line; writing happens in the background, one batch at a
 * time, so an answer never waits for the disk and a failing disk never breaks
 * an answer. Several processes may append to the same file (see
 * {@link appendLines}).
 */
export function createJsonlQuestionLog(options: Partial<JsonlQuestionLogOptions> & Pick<JsonlQuestionLogOptions, 'dir'>): QuestionLog & { readonly path: string } {
  const { dir, fileName, askerSalt, maxBufferedRecords, onError } = { ...defaultJsonlQuestionLogOptions, ...options };
  const path = join(dir, fileName);
  let pending: string[] = [];
  let tail: Promise<void> = Promise.resolve();
  let scheduled = false;
  let failed = false;
  let madeDir = false;
  let closed = false;

  // Never rejects: a failed batch goes back in the queue for the next attempt.
  const writeBatch = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    let result: { written: number; error?: unknown };
    try {
      if (!madeDir) {
        await mkdir(dir, { recursive: true });
        madeDir = true;
      }
      result = await appendLines(path, batch);
    } catch (error) {
      result = { written: 0, error };
    }
    if (result.error !== undefined) {
      const { error } = result;
      // Lines already written stay written; the rest wait for the next attempt.
      pending = [...batch.slice(result.written), ...pending].slice(-maxBufferedRecords);
      if (!failed) {
        failed = true;
        try {
          onError?.(error instanceof Error ? error : new Error(String(error)));
        } catch {
          // The reporter failing must not break the log either.
        }
      }
    }
  };

  const enqueue = (record: LogRecord): void => {
    if (closed) return;
    pending.push(`${JSON.stringify(record)}\n`);
    if (pending.length > maxBufferedRecords) pending.shift();
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      tail = tail.then(writeBatch);
    });
  };

  const askerOf = (platform: Platform, asker?: AskerRef): { asker?: string } =>
    askerSalt && asker?.userId ? { asker: hashAsker(askerSalt, platform, asker.userId) } : {};

  const flush = (): Promise<void> => {
    tail = tail.then(writeBatch);
    return tail;
  };

  return {
    path,
    recordAnswer(platform: Platform, answer: Answer, asker?: AskerRef, context?: RecordContext): string {
      const answerId = randomUUID();
      enqueue({
        type: 'question',
        time: new Date().toISOString(),
        platform,
        answerId,
        ...answerFields(answer),
        ...askerOf(platform, asker),
        ...contextFields(context),
      });
      return answerId;
    },
    recordFeedback(platform, answerId, entryId, rating, asker) {
      enqueue({ type: 'feedback', time: new Date().toISOString(), platform, answerId, entryId, rating, ...askerOf(platform, asker) });
    },
    flush,
    close() {
      const done = flush();
      closed = true;
      return done;
    },
  };
}
