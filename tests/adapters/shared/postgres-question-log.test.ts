import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createBotMetrics } from '../../../adapters/shared/metrics.js';
import { migrationsTable, questionLogMigrations, questionLogTable } from '../../../adapters/shared/postgres-log-schema.js';
import { importQuestionLog, openPostgresQuestionLog, readPostgresQuestionLog, type PostgresQuestionLogOptions } from '../../../adapters/shared/postgres-question-log.js';
import { defaultKnowledgeDir, describeError } from '../../../adapters/shared/settings.js';
import { createAnswerer, createJsonlQuestionLog, readQuestionLogFiles, type Answer, type LogRecord } from '../../../src/index.js';
import { tempFolders } from '../../support/fixture-knowledge.js';
import { usePostgresServer } from '../../support/postgres-fixture.js';
import { skipWithoutPostgres } from '../../support/postgres-server.js';
import { freePort } from '../../support/redis-server.js';

// Against a real PostgreSQL (a throwaway cluster of Debian's postgresql, on a loopback port): no mocks.

const answerer = createAnswerer(defaultKnowledgeDir);
const answered = answerer.ask('What is the Right to Provide?');
const declined = answerer.ask('what is the capital of France');
const folders = tempFolders();

describe.skipIf(skipWithoutPostgres())('the question log in PostgreSQL', () => {
  const postgres = usePostgresServer('log');
  const newDatabase = async () => (await postgres.newDatabase()).url;
  /** Opens a log as npm start does, with its log lines kept. */
  async function open(url: string, options: Partial<PostgresQuestionLogOptions> = {}) {
    const lines: string[] = [];
    const log = await openPostgresQuestionLog(url, { log: (level, message) => lines.push(`${level} ${message}`), ...options });
    return { log, lines };
  }
  async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Row>(sql)).rows;
    } finally {
      await client.end();
    }
  }

  afterAll(folders.removeAll);

  it('creates its schema at the first start, by a versioned migration, once however many replicas start together', async () => {
    const { url, where } = await postgres.newDatabase();
    const opened = await Promise.all([open(url), open(url), open(url)]);
    const migrated = opened.flatMap(({ lines }) => lines.filter((line) => line.includes('schema migrated')));
    expect(migrated).toEqual([`info question log: writing to PostgreSQL at ${where} (schema migrated to version ${questionLogMigrations.at(-1)!.version})`]);
    await Promise.all(opened.map(({ log }) => log.close()));
    expect(await query(url, `SELECT version, description FROM ${migrationsTable} ORDER BY version`)).toEqual(
      questionLogMigrations.map(({ version, description }) => ({ version, description })),
    );
    // Every field of a record has its column, the decision's reason and a follow-up's context included.
    const columns = (await query<{ column_name: string }>(url, `SELECT column_name FROM information_schema.columns WHERE table_name = '${questionLogTable}'`)).map(
      (row) => row.column_name,
    );
    expect(columns).toEqual(
      expect.arrayContaining([
        'question',
        'status',
        'entry_id',
        'score',
        'confidence',
        'reason',
        'previous',
        'platform',
        'via',
        'followed_from',
        'rating',
        'asker',
        'time',
        'answer_id',
      ]),
    );
    // Started again: nothing to migrate.
    const again = await open(url);
    await again.log.close();
    expect(again.lines.filter((line) => line.includes('migrated'))).toEqual([]);
  });

  it('writes records in the background, and reads back exactly the records the JSON Lines log holds for the same answers', async () => {
    const url = await newDatabase();
    const dir = folders.make('rtp-pg-compare-');
    const clock = () => Date.parse('2026-05-04T09:00:00.000Z');
    const { log } = await open(url, { askerSalt: 'a-long-secret-salt-for-tests', now: clock });
    const jsonl = createJsonlQuestionLog({ dir, askerSalt: 'a-long-secret-salt-for-tests', now: clock, retentionDays: 0 });
    const both = (record: (target: typeof log) => void) => [log, jsonl].map((target) => record(target));
    // The same calls to both logs; the answer ids are new UUIDs in each, so they are compared apart.
    const [first] = both((target) => target.recordAnswer('slack', answered, { userId: 'U123' }, { via: 'mention' }));
    both((target) => target.recordAnswer('discord', declined, undefined, { via: 'button', followedFrom: 'earlier-answer' }));
    // A question as typed may hold NUL, which PostgreSQL text cannot: it is kept, replaced, and does not block the batch.
    const withNul: Answer = { ...declined, question: 'nul \u0000 inside' };
    both((target) => target.recordAnswer('cli', withNul));
    both((target) => target.recordFeedback('slack', first!, answered.entryId, 'down', { userId: 'U123' }));
    // Recording only queued the records: they are written after this turn of the event loop.
    expect(log.pending).toBe(4);
    await Promise.all([log.close(), jsonl.close()]);

    const fromPostgres = await readPostgresQuestionLog(url, 'QUESTION_LOG_URL');
    const fromFiles = readQuestionLogFiles(dir);
    expect(fromPostgres.corrupt).toEqual([]);
    const withoutIds = (records: LogRecord[]) => records.map((record) => ({ ...record, answerId: '(id)' }));
    const expected = withoutIds(fromFiles.records).map((record) =>
      record.type === 'question' && record.question.includes('\u0000') ? { ...record, question: 'nul \uFFFD inside' } : record,
    );
    expect(withoutIds(fromPostgres.records)).toEqual(expected);
    // Field for field, in the same order, with no asker id in plain.
    expect(JSON.stringify(fromPostgres.records[1])).toBe(JSON.stringify({ ...fromFiles.records[1], answerId: fromPostgres.records[1]!.answerId }));
    expect(JSON.stringify(fromPostgres.records)).not.toContain('U123');
    expect(fromPostgres.records[3]).toMatchObject({ type: 'feedback', answerId: fromPostgres.records[0]!.answerId, rating: 'down' });
  });

  it('writes what is recorded together as one INSERT of up to batchSize records', async () => {
    const url = await newDatabase();
    const { log } = await open(url, { batchSize: 500 });
    for (let index = 0; index < 1_200; index += 1) log.recordAnswer('slack', { ...answered, question: `batched ${index}` });
    await log.close();
    // Each INSERT is its own transaction, and its rows share the transaction's id (xmin): 500 + 500 + 200.
    const batches = await query<{ rows: number }>(url, `SELECT count(*)::int AS rows FROM ${questionLogTable} GROUP BY xmin::text ORDER BY min(id)`);
    expect(batches.map((batch) => batch.rows)).toEqual([500, 500, 200]);
  });

  it('keeps up to maxBufferedRecords while PostgreSQL is down, writes them all when it is back, and counts (and logs once) what did not fit', async () => {
    const url = await newDatabase();
    const { log, lines } = await open(url, { maxBufferedRecords: 50, maxRetryDelayMs: 200 });
    const metrics = await createBotMetrics(() => 1, ['slack'], log);
    const scrape = async (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(await metrics.registry.metrics())?.[1]);
    for (let index = 0; index < 10; index += 1) log.recordAnswer('slack', { ...answered, question: `before ${index}` });
    await log.flush();

    await postgres.server.stop();
    try {
      // 60 recorded while down: 50 wait, 10 are dropped. Recording never throws or waits.
      for (let index = 0; index < 60; index += 1) expect(() => log.recordAnswer('slack', { ...answered, question: `during ${index}` })).not.toThrow();
      await expect.poll(() => lines.filter((line) => line.startsWith('warn')).length, { timeout: 5_000 }).toBe(2);
      // The buffer filled at once (recording is synchronous), before the first write failed.
      expect(lines.filter((line) => line.startsWith('warn'))).toEqual([
        'warn question log: 50 records are waiting for PostgreSQL, the most kept; new records are dropped until it is back (counted in rtp_question_log_dropped_total)',
        expect.stringMatching(/^warn question log: PostgreSQL unreachable \(.+\): still answering; records wait in memory \(up to 50\)/),
      ]);
      expect([log.pending, log.dropped]).toEqual([50, 10]);
      expect(await scrape('rtp_question_log_pending')).toBe(50);
      expect(await scrape('rtp_question_log_dropped_total')).toBe(10);
    } finally {
      await postgres.server.start();
    }
    await log.flush();
    expect(lines.at(-1)).toBe('info question log: PostgreSQL reachable again; writing the records that waited (10 were dropped while the buffer was full)');
    await log.close();
    const questions = (await readPostgresQuestionLog(url, 'QUESTION_LOG_URL')).records.map((record) => record.type === 'question' && record.question);
    // Nothing within the bound was lost, nothing twice, in order.
    expect(questions).toEqual([...Array.from({ length: 10 }, (_, index) => `before ${index}`), ...Array.from({ length: 50 }, (_, index) => `during ${index}`)]);
    expect(lines.filter((line) => line.startsWith('warn'))).toHaveLength(2);
    expect(await scrape('rtp_question_log_dropped_total')).toBe(10);
  }, 60_000);

  it('gives up waiting at stop when PostgreSQL stays down, saying how many records were not written', async () => {
    const url = await newDatabase();
    const { log, lines } = await open(url, { closeTimeoutMs: 300 });
    await postgres.server.stop();
    try {
      log.recordAnswer('cli', answered);
      log.recordAnswer('cli', declined);
      const started = performance.now();
      await log.close();
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(lines.at(-1)).toBe('warn question log: PostgreSQL still unreachable at stop; 2 records were not written');
    } finally {
      await postgres.server.start();
    }
  }, 30_000);

  it('deletes rows older than the retention at start, and keeps everything with 0', async () => {
    const url = await newDatabase();
    const now = Date.parse('2026-06-30T12:00:00Z');
    const record = (answerId: string, daysAgo: number): LogRecord => ({
      type: 'question',
      time: new Date(now - daysAgo * 86_400_000).toISOString(),
      platform: 'slack',
      answerId,
      question: 'q',
      status: 'no_match',
      entryId: null,
      score: null,
      confidence: null,
    });
    expect(await importQuestionLog(url, 'QUESTION_LOG_URL', [record('old', 31), record('edge', 29.9), record('new', 1)])).toEqual({ added: 3, alreadyThere: 0 });
    const keeper = await open(url, { retentionDays: 0, now: () => now });
    await keeper.log.close();
    expect((await readPostgresQuestionLog(url, 'QUESTION_LOG_URL')).records).toHaveLength(3);
    const { log, lines } = await open(url, { retentionDays: 30, now: () => now });
    await log.close();
    expect((await readPostgresQuestionLog(url, 'QUESTION_LOG_URL')).records.map((item) => item.answerId)).toEqual(['edge', 'new']);
    expect(lines).toContain('info question log: deleted 1 records older than 30 days (QUESTION_LOG_RETENTION_DAYS)');
  });

  it('fails at start with one clear error naming QUESTION_LOG_URL, never the password, for a wrong password or a host where nothing listens', async () => {
    const { server } = postgres;
    const wrongPassword = `postgres://${server.user}:not-the-password-4321@127.0.0.1:${server.port}/postgres`;
    const nobodyThere = `postgres://${server.user}:${server.password}@127.0.0.1:${await freePort()}/postgres`;
    for (const [url, reason] of [
      [wrongPassword, /password authentication failed for user "rtp"/],
      [nobodyThere, /ECONNREFUSED/],
    ] as const) {
      const failure = await openPostgresQuestionLog(url, { log: () => undefined, connectTimeoutMs: 2_000 }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({ code: 'QUESTION_LOG_UNREACHABLE' });
      const message = describeError(failure);
      expect(message).toMatch(
        /^rtp-bot: could not open the question log in PostgreSQL at QUESTION_LOG_URL \(.+\); check that PostgreSQL is running and that QUESTION_LOG_URL is right/,
      );
      expect(message).toMatch(reason);
      expect(message).not.toContain('not-the-password-4321');
      expect(message).not.toContain(server.password);
    }
  });
});
