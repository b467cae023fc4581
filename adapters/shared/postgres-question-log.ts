import type { Pool, PoolConfig } from 'pg';
import {
  createRecordMaker,
  defaultQuestionLogRetentionDays,
  parseLogRecord,
  recordInto,
  RtpError,
  UnreachableError,
  type CorruptLogLine,
  type LogRecord,
  type QuestionLog,
  type QuestionLogBuffer,
  type StoredQuestionLog,
} from '../../src/index.js';
import type { LogLine } from './log-format.js';
import { insertRecords, migrateQuestionLog, questionLogTable, recordOfRow, selectRecords, type QuestionLogRow } from './postgres-log-schema.js';
import { redactSecrets } from './redact.js';

/** True for a `postgres://` or `postgresql://` URL: the question log goes to PostgreSQL. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location.trim());

/** Where a PostgreSQL URL points, without its user or password: `postgres://db.internal:5432/rtp`. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'postgres://(unreadable URL)';
  }
}

/** One line about a PostgreSQL failure: its message (or, for a refused connection tried on several addresses, the first one's), never a secret. */
export function describePostgresError(error: unknown): string {
  if (!(error instanceof Error)) return redactSecrets(String(error));
  const inner = (error as Partial<AggregateError>).errors?.[0] as Error | undefined;
  const code = (error as { code?: unknown }).code;
  return redactSecrets(error.message || inner?.message || (typeof code === 'string' ? code : '') || error.name);
}

/** Options for {@link openPostgresQuestionLog}. Every one but `log` has a default in `defaultPostgresQuestionLogOptions`. */
export interface PostgresQuestionLogOptions {
  /** Where the log says it could not write, and that it recovered. */
  log: LogLine;
  /** The salt for hashing askers (`QUESTION_LOG_SALT`); without it no asker is stored. */
  askerSalt?: string;
  /**
   * Most records waiting in memory while PostgreSQL cannot be reached; past
   * it, new records are dropped and counted (`dropped`, `rtp_question_log_dropped_total`).
   * @default 10000
   */
  maxBufferedRecords: number;
  /**
   * Most records in one INSERT. Records that arrive while one is written go
   * in the next together, so under load each statement carries many.
   * @default 500
   */
  batchSize: number;
  /**
   * Days of records kept; older rows are deleted at start and every
   * `pruneEveryMs`. 0 keeps every row.
   * @default 180
   */
  retentionDays: number;
  /** @default 3600000 (an hour) */
  pruneEveryMs: number;
  /** First pause before retrying a failed write, doubled on each failure up to `maxRetryDelayMs`. @default 100 */
  minRetryDelayMs: number;
  /** @default 2000 */
  maxRetryDelayMs: number;
  /** Longest wait at stop for the records still waiting, in milliseconds. @default 3000 */
  closeTimeoutMs: number;
  /** Longest wait for a connection, in milliseconds. @default 5000 */
  connectTimeoutMs: number;
  /** Longest wait for one statement, in milliseconds; past it the write counts as failed and is retried. @default 15000 */
  queryTimeoutMs: number;
  /** The clock, in milliseconds since the epoch. @default Date.now */
  now: () => number;
}

/** The defaults of {@link PostgresQuestionLogOptions}. */
export const defaultPostgresQuestionLogOptions = Object.freeze({
  maxBufferedRecords: 10_000,
  batchSize: 500,
  retentionDays: defaultQuestionLogRetentionDays,
  pruneEveryMs: 3_600_000,
  minRetryDelayMs: 100,
  maxRetryDelayMs: 2_000,
  closeTimeoutMs: 3_000,
  connectTimeoutMs: 5_000,
  queryTimeoutMs: 15_000,
  now: Date.now,
});

/** The client's settings for a URL: one place, so the bot and the kb tools connect the same way. */
function poolConfig(url: string, connectTimeoutMs: number, queryTimeoutMs: number, max: number): PoolConfig {
  return { connectionString: url, max, connectionTimeoutMillis: connectTimeoutMs, query_timeout: queryTimeoutMs, keepAlive: true, application_name: 'rtp-bot' };
}

/**
 * Connects (a pool of `max` connections), checks the connection, and brings
 * the schema up to date.
 * @throws {UnreachableError} `QUESTION_LOG_UNREACHABLE`, naming `setting` and never its value.
 */
async function connectAndMigrate(
  url: string,
  setting: string,
  config: { connectTimeoutMs: number; queryTimeoutMs: number; max: number },
): Promise<{ pool: Pool; applied: number[] }> {
  // Loaded only when the log is in PostgreSQL: a bot writing JSON Lines never pays for the client.
  const { Pool } = (await import('pg')).default;
  const pool = new Pool(poolConfig(url, config.connectTimeoutMs, config.queryTimeoutMs, config.max));
  // An idle connection cut by the server (a restart) is reported here; the next query fails and is retried.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      return { pool, applied: await migrateQuestionLog(client) };
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UnreachableError(
      'QUESTION_LOG_UNREACHABLE',
      `rtp-bot: could not open the question log in PostgreSQL at ${setting} (${describePostgresError(error)}); check that PostgreSQL is running and that ${setting} is right (postgres://USER:PASSWORD@HOST:5432/DATABASE, as in .env.example).`,
      { cause: error },
    );
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity): the record itself is refused, and retrying it would fail the same way. */
const isRecordRefused = (error: unknown): boolean => /^2[23]/.test(String((error as { code?: unknown }).code ?? ''));

const dayMs = 86_400_000;

/** Waits for `work` to settle, but no longer than `ms`; never rejects. */
const settleWithin = (work: Promise<unknown>, ms: number): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    work.then(
      () => (clearTimeout(timer), resolve()),
      () => (clearTimeout(timer), resolve()),
    );
  });

/**
 * Deletes the rows older than `retentionDays` days, a few thousand at a
 * time, so no statement holds the table for long.
 * @returns how many rows were deleted.
 */
export async function deleteExpiredRecords(pool: Pick<Pool, 'query'>, retentionDays: number, now: number): Promise<number> {
  if (retentionDays <= 0) return 0;
  const cutoff = new Date(now - retentionDays * dayMs);
  const chunk = 5_000;
  let deleted = 0;
  for (;;) {
    const result = await pool.query(`DELETE FROM ${questionLogTable} WHERE id IN (SELECT id FROM ${questionLogTable} WHERE time < $1 ORDER BY id LIMIT ${chunk})`, [cutoff]);
    deleted += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < chunk) return deleted;
  }
}

/**
 * The question log in PostgreSQL (`QUESTION_LOG_URL`), for several replicas
 * that share no disk. Opening it connects and migrates the schema, and fails
 * clearly when it cannot. After that, recording never waits and never throws:
 * records queue in memory and are written in the background, a batch per
 * INSERT. While PostgreSQL cannot be reached they wait (at most
 * `maxBufferedRecords`; past that new ones are dropped and counted) and the
 * write is retried with a growing pause; one warning is logged per outage,
 * one when the buffer fills, and one line when it is back. Rows older than
 * the retention are deleted at start and every hour.
 * @throws {UnreachableError} `QUESTION_LOG_UNREACHABLE`, naming QUESTION_LOG_URL and never its value.
 */
export async function openPostgresQuestionLog(
  url: string,
  options: Partial<PostgresQuestionLogOptions> & Pick<PostgresQuestionLogOptions, 'log'>,
): Promise<QuestionLog & QuestionLogBuffer> {
  const { log, askerSalt, maxBufferedRecords, batchSize, retentionDays, pruneEveryMs, minRetryDelayMs, maxRetryDelayMs, closeTimeoutMs, connectTimeoutMs, queryTimeoutMs, now } = {
    ...defaultPostgresQuestionLogOptions,
    ...options,
  };
  // Two connections: one writing, one free for the retention's deletes.
  const { pool, applied } = await connectAndMigrate(url, 'QUESTION_LOG_URL', { connectTimeoutMs, queryTimeoutMs, max: 2 });
  log('info', `question log: writing to PostgreSQL at ${describePostgresUrl(url)}${applied.length > 0 ? ` (schema migrated to version ${applied.at(-1)})` : ''}`);
  const make = createRecordMaker({ askerSalt, now });

  const queue: LogRecord[] = [];
  // Records accepted into the queue, and those since written (or refused): flush() waits for the one to reach the other.
  let accepted = 0;
  let settled = 0;
  const waiters: { target: number; resolve: () => void }[] = [];
  let dropped = 0;
  let droppedThisOutage = 0;
  let outage = false;
  let warnedFull = false;
  let warnedRefused = false;
  let closed = false;
  let abandoned = false;
  let draining: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  const settle = (count: number): void => {
    settled += count;
    for (let index = waiters.length - 1; index >= 0; index -= 1) {
      if (waiters[index]!.target > settled) continue;
      waiters[index]!.resolve();
      waiters.splice(index, 1);
    }
  };

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      // close() wakes a pausing writer rather than wait out the pause.
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  /** Writes a batch: undefined when done, or the error that stopped it (to retry the rest). */
  const writeBatch = async (batch: readonly LogRecord[]): Promise<unknown> => {
    try {
      await insertRecords(pool, batch);
      return undefined;
    } catch (error) {
      if (!isRecordRefused(error)) return error;
    }
    // A record PostgreSQL refuses (it should never happen) must not hold up the others: one at a time, dropping what it refuses.
    for (const record of batch) {
      try {
        await insertRecords(pool, [record]);
      } catch (error) {
        if (!isRecordRefused(error)) return error;
        dropped += 1;
        if (!warnedRefused) {
          warnedRefused = true;
          log(
            'warn',
            `question log: PostgreSQL refused a record (${describePostgresError(error)}); it was dropped (counted in rtp_question_log_dropped_total), and the others are written`,
          );
        }
      }
    }
    return undefined;
  };

  const drain = async (): Promise<void> => {
    // Records recorded in the same turn of the event loop go in one batch.
    await new Promise((resolve) => setImmediate(resolve));
    let delay = minRetryDelayMs;
    while (queue.length > 0 && !abandoned) {
      const batch = queue.slice(0, batchSize);
      const failure = await writeBatch(batch);
      if (failure === undefined) {
        queue.splice(0, batch.length);
        settle(batch.length);
        delay = minRetryDelayMs;
        if (outage) {
          outage = false;
          warnedFull = false;
          log(
            'info',
            `question log: PostgreSQL reachable again; writing the records that waited${droppedThisOutage > 0 ? ` (${droppedThisOutage} were dropped while the buffer was full)` : ''}`,
          );
          droppedThisOutage = 0;
        }
        continue;
      }
      if (!outage && !abandoned) {
        outage = true;
        log(
          'warn',
          `question log: PostgreSQL unreachable (${describePostgresError(failure)}): still answering; records wait in memory (up to ${maxBufferedRecords}) and are written when it is back`,
        );
      }
      await pause(delay);
      delay = Math.min(delay * 2, maxRetryDelayMs);
    }
  };

  const startDraining = (): void => {
    if (draining || abandoned) return;
    draining = drain().finally(() => {
      draining = null;
      // Records that came while the last batch was being written.
      if (queue.length > 0) startDraining();
    });
  };

  const enqueue = (record: LogRecord): void => {
    if (closed) return;
    if (queue.length >= maxBufferedRecords) {
      dropped += 1;
      droppedThisOutage += 1;
      if (!warnedFull) {
        warnedFull = true;
        log(
          'warn',
          `question log: ${maxBufferedRecords} records are waiting for PostgreSQL, the most kept; new records are dropped until it is back (counted in rtp_question_log_dropped_total)`,
        );
      }
      return;
    }
    queue.push(record);
    accepted += 1;
    startDraining();
  };

  const flush = (): Promise<void> => {
    const target = accepted;
    if (settled >= target) return Promise.resolve();
    startDraining();
    return new Promise((resolve) => waiters.push({ target, resolve }));
  };

  const prune = async (): Promise<void> => {
    try {
      const deleted = await deleteExpiredRecords(pool, retentionDays, now());
      if (deleted > 0) log('info', `question log: deleted ${deleted} records older than ${retentionDays} days (QUESTION_LOG_RETENTION_DAYS)`);
    } catch {
      // Unreachable now: the writer reports the outage, and the next check deletes what this one could not.
    }
  };
  const pruning = retentionDays > 0 ? setInterval(() => void prune(), pruneEveryMs) : undefined;
  pruning?.unref();
  const firstPrune = retentionDays > 0 ? prune() : Promise.resolve();

  return {
    get pending() {
      return queue.length;
    },
    get dropped() {
      return dropped;
    },
    ...recordInto(make, enqueue),
    flush,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pruning);
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = await Promise.race([flush().then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), closeTimeoutMs)))]);
      clearTimeout(timer);
      if (gaveUp) {
        abandoned = true;
        wake?.();
        log('warn', `question log: PostgreSQL still unreachable at stop; ${queue.length} records were not written`);
      }
      // A statement still in flight to an unresponsive server gets a moment, not its whole timeout: the stop has a deadline.
      await settleWithin(Promise.allSettled([firstPrune, draining]), 1_000);
      await settleWithin(pool.end(), 1_000);
    },
  };
}

/**
 * Reads every record of the question log in PostgreSQL, oldest first, checked
 * as a JSON line is; a table not there yet is an empty log.
 * @throws {UnreachableError} `QUESTION_LOG_UNREACHABLE`, naming `setting` (`QUESTION_LOG_URL` or `--log`).
 */
export async function readPostgresQuestionLog(url: string, setting: string): Promise<StoredQuestionLog> {
  const { pool } = await connectForReading(url, setting);
  try {
    const exists = (await pool.query<{ table: string | null }>('SELECT to_regclass($1) AS table', [questionLogTable])).rows[0]?.table != null;
    if (!exists) return { exists: false, files: [], records: [], corrupt: [] };
    const rows = (await pool.query<QuestionLogRow>(selectRecords)).rows;
    const records: LogRecord[] = [];
    const corrupt: CorruptLogLine[] = [];
    for (const row of rows) {
      const parsed = parseLogRecord(recordOfRow(row));
      if ('record' in parsed) records.push(parsed.record);
      else corrupt.push({ line: Number(row.id), message: parsed.problem, file: `${questionLogTable} row` });
    }
    return { exists: true, files: [], records, corrupt };
  } catch (error) {
    if (error instanceof RtpError) throw error;
    throw new UnreachableError('QUESTION_LOG_UNREACHABLE', `rtp-bot: could not read the question log in PostgreSQL at ${setting} (${describePostgresError(error)}).`, {
      cause: error,
    });
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** Connects for reading only: never creates or migrates anything. */
async function connectForReading(url: string, setting: string): Promise<{ pool: Pool }> {
  const { Pool } = (await import('pg')).default;
  const pool = new Pool(poolConfig(url, defaultPostgresQuestionLogOptions.connectTimeoutMs, 60_000, 1));
  pool.on('error', () => undefined);
  try {
    (await pool.connect()).release();
    return { pool };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UnreachableError(
      'QUESTION_LOG_UNREACHABLE',
      `rtp-bot: could not connect to PostgreSQL at ${setting} (${describePostgresError(error)}); check that PostgreSQL is running and that ${setting} is right (postgres://USER:PASSWORD@HOST:5432/DATABASE).`,
      { cause: error },
    );
  }
}

/** What {@link importQuestionLog} did. */
export interface ImportResult {
  /** Records added now. */
  added: number;
  /** Records already there (from an earlier import, or written by the bot). */
  alreadyThere: number;
}

/**
 * Copies records into the question log in PostgreSQL, creating or migrating
 * its schema first, in batches, each record once: run twice, the second run
 * adds nothing.
 * @throws {UnreachableError} `QUESTION_LOG_UNREACHABLE`, naming `setting`.
 */
export async function importQuestionLog(url: string, setting: string, records: readonly LogRecord[], batchSize = 2_000): Promise<ImportResult> {
  const { pool } = await connectAndMigrate(url, setting, { connectTimeoutMs: defaultPostgresQuestionLogOptions.connectTimeoutMs, queryTimeoutMs: 60_000, max: 1 });
  try {
    let added = 0;
    for (let at = 0; at < records.length; at += batchSize) added += await insertRecords(pool, records.slice(at, at + batchSize));
    return { added, alreadyThere: records.length - added };
  } catch (error) {
    throw new UnreachableError(
      'QUESTION_LOG_UNREACHABLE',
      `rtp-bot: the import into PostgreSQL at ${setting} stopped (${describePostgresError(error)}); what was added stays, and running it again adds the rest.`,
      { cause: error },
    );
  } finally {
    await pool.end().catch(() => undefined);
  }
}
