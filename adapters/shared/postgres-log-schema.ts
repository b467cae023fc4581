import type { ClientBase, Pool } from 'pg';
import type { LogRecord } from '../../src/index.js';

/**
 * How the question log is laid out in PostgreSQL, and how a record maps to a
 * row and back. One table, one row per question or rating, in the order they
 * were written (`id`), so a reader sees the same records in the same order as
 * from the JSON Lines files.
 */

/** The table of records. */
export const questionLogTable = 'rtp_question_log';

/** The table that says which migrations ran. */
export const migrationsTable = 'rtp_schema_migrations';

/** One step of the schema: applied once, in version order, inside one transaction with the others. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/**
 * Every migration, oldest first. Never edit one that has shipped: a new column
 * or index is a new migration with the next version, so every database, old
 * or new, ends up the same.
 */
export const questionLogMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'the question log: one row per question or rating',
    sql: `
      CREATE TABLE ${questionLogTable} (
        id            bigserial PRIMARY KEY,
        -- What makes a record the same record when written twice (a retry, or kb log import run again).
        record_key    text NOT NULL UNIQUE,
        type          text NOT NULL CHECK (type IN ('question', 'feedback')),
        time          timestamptz NOT NULL,
        platform      text NOT NULL,
        answer_id     text NOT NULL,
        question      text,
        status        text,
        entry_id      text,
        score         double precision,
        confidence    text,
        reason        text,
        asker         text,
        via           text,
        followed_from text,
        rating        text CHECK (rating IN ('up', 'down')),
        CHECK (type <> 'question' OR (question IS NOT NULL AND status IS NOT NULL)),
        CHECK (type <> 'feedback' OR rating IS NOT NULL)
      );
      -- Retention deletes by time.
      CREATE INDEX ${questionLogTable}_time ON ${questionLogTable} (time);
    `,
  },
  {
    version: 2,
    description: 'the entry a follow-up was read against',
    sql: `ALTER TABLE ${questionLogTable} ADD COLUMN previous text;`,
  },
  {
    version: 3,
    description: "whether Slack's assistant pane reported a channel the person was viewing (never which)",
    sql: `ALTER TABLE ${questionLogTable} ADD COLUMN channel_context boolean;`,
  },
];

/** An arbitrary constant: the advisory lock that lets one replica at a time migrate. */
const migrationLock = 7_022_001;

/**
 * Brings the schema up to date: creates the tables the first time, applies
 * the migrations not yet applied, and records each. Several replicas starting
 * at once take turns (an advisory lock), so each migration runs once.
 * @returns the versions applied now (none when the schema was up to date).
 */
export async function migrateQuestionLog(client: ClientBase): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${migrationsTable} (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>(`SELECT version FROM ${migrationsTable}`)).rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of questionLogMigrations) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${migrationsTable} (version, description) VALUES ($1, $2)`, [migration.version, migration.description]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The columns written, with their types, in the order of {@link rowOf}'s values. */
const columns = [
  ['record_key', 'text'],
  ['type', 'text'],
  ['time', 'timestamptz'],
  ['platform', 'text'],
  ['answer_id', 'text'],
  ['question', 'text'],
  ['status', 'text'],
  ['entry_id', 'text'],
  ['score', 'float8'],
  ['confidence', 'text'],
  ['reason', 'text'],
  ['previous', 'text'],
  ['asker', 'text'],
  ['via', 'text'],
  ['followed_from', 'text'],
  ['channel_context', 'bool'],
  ['rating', 'text'],
] as const;

/**
 * What makes two records one: a question's answer id (a new UUID each), or
 * for a rating its answer, time, vote and asker (a person may change their
 * vote, which is a new record).
 */
export function recordKeyOf(record: LogRecord): string {
  return record.type === 'question' ? `q:${record.answerId}` : `f:${record.answerId}:${record.time}:${record.rating}:${record.asker ?? ''}`;
}

/** PostgreSQL text cannot hold NUL, which a question as typed may; it becomes U+FFFD, the replacement character. */
const storable = (text: string | null | undefined): string | null => (text === null || text === undefined ? null : text.replaceAll('\u0000', '\uFFFD'));

/** A record's values, in {@link columns} order. */
function rowOf(record: LogRecord): (string | number | boolean | null)[] {
  const question = record.type === 'question' ? record : undefined;
  return [
    storable(recordKeyOf(record)),
    record.type,
    record.time,
    record.platform,
    storable(record.answerId),
    storable(question?.question),
    question?.status ?? null,
    storable(record.entryId),
    question?.score ?? null,
    question?.confidence ?? null,
    storable(question?.reason),
    storable(question?.previous),
    storable(record.asker),
    question?.via ?? null,
    storable(question?.followedFrom),
    question?.channelContext ?? null,
    record.type === 'feedback' ? record.rating : null,
  ];
}

/** Something that runs a query: a pool or one client. */
type Queryable = Pick<Pool, 'query'>;

/**
 * Inserts records in one statement (each column as one array, unnested, so a
 * batch of any size is 17 parameters), in order; a record already there is
 * left alone, so a batch retried after a lost reply, or an import run twice,
 * adds nothing twice.
 * @returns how many were new.
 */
export async function insertRecords(target: Queryable, records: readonly LogRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const arrays: (string | number | boolean | null)[][] = columns.map(() => []);
  for (const record of records) rowOf(record).forEach((value, index) => arrays[index]!.push(value));
  const result = await target.query(
    `INSERT INTO ${questionLogTable} (${columns.map(([name]) => name).join(', ')})
     SELECT * FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
     ON CONFLICT (record_key) DO NOTHING`,
    arrays,
  );
  return result.rowCount ?? 0;
}

/** A row as read back. */
export interface QuestionLogRow {
  id: string;
  type: string;
  time: Date;
  platform: string;
  answer_id: string;
  question: string | null;
  status: string | null;
  entry_id: string | null;
  score: number | null;
  confidence: string | null;
  reason: string | null;
  previous: string | null;
  asker: string | null;
  via: string | null;
  followed_from: string | null;
  channel_context: boolean | null;
  rating: string | null;
}

/** The query that reads every record back, oldest first. */
export const selectRecords = `SELECT id, type, time, platform, answer_id, question, status, entry_id, score, confidence, reason, previous, asker, via, followed_from, channel_context, rating FROM ${questionLogTable} ORDER BY id`;

/**
 * A row as the record it was written from, in the fields and order of a JSON
 * line: the optional fields (reason, previous, asker, via, followedFrom) are left out
 * when empty, as the JSON Lines log leaves them out. The caller checks it
 * with `parseLogRecord`, as a JSON line is.
 */
export function recordOfRow(row: QuestionLogRow): Record<string, unknown> {
  const optional = (name: string, value: string | null): Record<string, string> => (value === null ? {} : { [name]: value });
  const common = { type: row.type, time: row.time.toISOString(), platform: row.platform, answerId: row.answer_id };
  if (row.type === 'feedback') return { ...common, entryId: row.entry_id, rating: row.rating, ...optional('asker', row.asker) };
  return {
    ...common,
    question: row.question,
    status: row.status,
    entryId: row.entry_id,
    score: row.score,
    confidence: row.confidence,
    ...optional('reason', row.reason),
    ...optional('previous', row.previous),
    ...optional('asker', row.asker),
    ...optional('via', row.via),
    ...optional('followedFrom', row.followed_from),
    ...(row.channel_context === null ? {} : { channelContext: row.channel_context }),
  };
}
