/**
 * `npm run bench:question-log`: how fast the question log writes to
 * PostgreSQL, batched as the bot batches, on this machine. Starts its own
 * throwaway cluster (Debian's postgresql, initdb and pg_ctl, on a loopback
 * port, with the server's default durability: fsync and synchronous commit
 * on), so the figures are a real server's; removes it afterwards.
 *
 * For each batch size (1 is one INSERT per record, as an unbatched log would
 * write), and for one and for two writers at once (two replicas), it records
 * `--records` questions the way the bot does (recordAnswer, a thousand per
 * turn of the event loop, as answers arriving under load), waits for all to
 * be written, and reports records per second from the first record to the
 * last write, the median of `--runs` runs. It also times recordAnswer itself:
 * the only part an answer ever waits for.
 *
 *   npm run bench:question-log                         100,000 records, 3 runs
 *   npm run bench:question-log -- --records 20000 --runs 1 --json
 *
 * Not part of `npm test` (tests/bench/question-log-bench.test.ts only checks it runs, at a tiny size).
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { openPostgresQuestionLog } from '../adapters/shared/postgres-question-log.js';
import type { Answer } from '../src/index.js';
import { startPostgresServer, type PostgresServer } from '../tests/support/postgres-server.js';

/** Options for {@link measureQuestionLogWrites}. */
export interface QuestionLogBenchOptions {
  /** Records per run and writer. */
  records: number;
  runs: number;
  batchSizes: readonly number[];
  writers: readonly number[];
  /** Where progress lines go. */
  log: (line: string) => void;
}

/** One measured configuration. */
export interface QuestionLogBenchRow {
  batchSize: number;
  writers: number;
  /** Records written by all writers together, per run. */
  records: number;
  /** Median over the runs: records written per second, all writers together. */
  recordsPerSecond: number;
  /** Every run's figure. */
  runs: number[];
  /** Median time one recordAnswer call took, in microseconds (what an answer waits for). */
  recordMicroseconds: number;
}

/** What the benchmark found, with the machine and server it ran on. */
export interface QuestionLogBenchResults {
  server: string;
  rows: QuestionLogBenchRow[];
}

const answer: Answer = {
  question: '',
  status: 'answered',
  answer: 'x',
  entryId: 'right-to-provide',
  title: 'The Right to Provide',
  asOf: '2010-01-01',
  reviewed: null,
  score: 12.5,
  confidence: 'high',
  sources: [],
  related: [],
  suggestions: [],
  reason: 'answer',
  probability: 0.9,
  kind: 'entry',
  gap: null,
  lead: null,
  parts: [],
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** One writer (one replica's log) recording `records` questions, a thousand per event-loop turn; resolves with the time spent inside recordAnswer. */
async function runWriter(url: string, records: number, batchSize: number, tag: string): Promise<number[]> {
  // Waits at close for every record however long it takes: the clock stops when the last one is written.
  const log = await openPostgresQuestionLog(url, { log: () => undefined, batchSize, maxBufferedRecords: records, retentionDays: 0, closeTimeoutMs: 600_000 });
  const recordTimes: number[] = [];
  for (let index = 0; index < records; index += 1) {
    const started = performance.now();
    log.recordAnswer('slack', { ...answer, question: `${tag} question ${index}: what is the Right to Provide?` }, undefined, { via: 'command' });
    if (index % 100 === 0) recordTimes.push((performance.now() - started) * 1000);
    if ((index + 1) % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await log.close();
  if (log.dropped > 0 || log.pending > 0) throw new Error(`writer ${tag}: ${log.dropped} records dropped and ${log.pending} not written`);
  return recordTimes;
}

/** Runs every configuration against a new throwaway cluster and removes it. */
export async function measureQuestionLogWrites(options: QuestionLogBenchOptions): Promise<QuestionLogBenchResults> {
  let server: PostgresServer | undefined;
  try {
    server = await startPostgresServer({ fast: false });
    const { default: pg } = await import('pg');
    const version = new pg.Client({ connectionString: server.url });
    await version.connect();
    const serverVersion = String((await version.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version);
    await version.end();
    const rows: QuestionLogBenchRow[] = [];
    let database = 0;
    for (const writers of options.writers) {
      for (const batchSize of options.batchSizes) {
        // An unbatched log writes one record per round trip: fewer records keep that run short.
        const records = batchSize === 1 ? Math.min(options.records, 10_000) : options.records;
        const runs: number[] = [];
        const recordTimes: number[] = [];
        for (let run = 0; run < options.runs; run += 1) {
          const url = await server.createDatabase(`bench_${(database += 1)}`);
          // The schema exists before the clock starts, as it does for a running bot.
          await (await openPostgresQuestionLog(url, { log: () => undefined, retentionDays: 0 })).close();
          const started = performance.now();
          const times = await Promise.all(Array.from({ length: writers }, (_, writer) => runWriter(url, records, batchSize, `w${writer}`)));
          const seconds = (performance.now() - started) / 1000;
          runs.push(Math.round((records * writers) / seconds));
          recordTimes.push(...times.flat());
          options.log(
            `batch ${batchSize}, ${writers} writer${writers === 1 ? '' : 's'}, run ${run + 1}: ${records * writers} records in ${seconds.toFixed(2)} s (${runs.at(-1)}/s)`,
          );
        }
        rows.push({ batchSize, writers, records: records * writers, recordsPerSecond: median(runs), runs, recordMicroseconds: Math.round(median(recordTimes) * 10) / 10 });
      }
    }
    return { server: `PostgreSQL ${serverVersion} (Debian's package, default settings, on this machine)`, rows };
  } finally {
    await server?.close();
  }
}

/** The results as a table for a person. */
export function formatQuestionLogBench(results: QuestionLogBenchResults): string {
  const lines = [
    `Question log writes to ${results.server}`,
    '',
    '| batch size | writers | records | records/s (median) | runs | recordAnswer (median) |',
    '|---:|---:|---:|---:|---|---:|',
    ...results.rows.map((row) => `| ${row.batchSize} | ${row.writers} | ${row.records} | ${row.recordsPerSecond} | ${row.runs.join(', ')} | ${row.recordMicroseconds} µs |`),
  ];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { records: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean' } } });
  const records = Number(values.records ?? 100_000);
  const runs = Number(values.runs ?? 3);
  if (!(Number.isInteger(records) && records > 0 && Number.isInteger(runs) && runs > 0)) {
    process.stderr.write('--records and --runs must be whole numbers above 0\n');
    process.exit(2);
  }
  try {
    const results = await measureQuestionLogWrites({ records, runs, batchSizes: [1, 50, 500, 2000], writers: [1, 2], log: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(values.json ? `${JSON.stringify(results)}\n` : `${formatQuestionLogBench(results)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
