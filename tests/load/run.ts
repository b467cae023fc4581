/**
 * `npm run loadtest`: load legs, each bounded in request count and duration,
 * reporting throughput, latency percentiles, errors and memory before and after.
 * Not part of `npm test`: figures depend on the machine.
 *
 * Legs so far:
 * - `engine`: questions straight through the core's `ask` with a memory
 *   question log, checking every answer against the Answer contract and that
 *   the log holds exactly one record per request.
 * - `discord`: interactions through the stand-in gateway to `npm start` (see discord-leg.ts).
 * - `slack`: signed /rtp requests, 200 at a time, to the Slack HTTP adapter on
 *   loopback (tests/load/slack-leg.ts).
 * - `startup`: how fast `npm start` is ready and how much memory it holds idle,
 *   from the TypeScript sources through tsx and compiled (tests/load/startup-leg.ts).
 *
 * Options: --requests N (default 5000), --max-duration-ms N (default 60000),
 * --legs engine,slack,discord,startup (default: all), --startup-baseline DIR
 * (also time another checkout's start, e.g. an older commit), --postgres (the
 * slack and discord legs' bots write the question log to PostgreSQL, a
 * throwaway cluster this run starts, instead of JSON Lines files), --json.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { createAnswerer, createMemoryQuestionLog, readQuestionSet } from '../../src/index.js';
import { defaultKnowledgeDir, defaultQuestionSetPath } from '../../adapters/shared/settings.js';
import { answerSchema } from '../support/answer-schema.js';
import { startPostgresServer, type PostgresServer } from '../support/postgres-server.js';
import { hostileText } from '../support/hostile-text.js';
import { discordLeg } from './discord-leg.js';
import { slackLeg } from './slack-leg.js';
import { formatStartupReport, measureStartup, type StartupReport } from './startup-leg.js';
import { snapshotMemory, summariseLatencies, type LatencySummary, type MemorySnapshot } from './summarise-load.js';

/** The limits of one leg's run. */
export interface LoadOptions {
  requests: number;
  maxDurationMs: number;
  /** With `--postgres`: makes a new database for a leg's question log and returns its QUESTION_LOG_URL. */
  newQuestionLogDatabase?: (name: string) => Promise<string>;
}

/** What one leg measured. */
export interface LoadReport {
  leg: string;
  requested: number;
  completed: number;
  errors: number;
  /** Records in the question log afterwards; must equal `completed`. */
  logged: number;
  /** Where they were logged, when not the default JSON Lines files: `postgres`. */
  questionLog?: string;
  durationMs: number;
  perSecond: number;
  latencyMs: LatencySummary;
  memoryBefore: MemorySnapshot;
  memoryAfter: MemorySnapshot;
  /** CPU time the bot's process spent per request, in milliseconds, where the leg measures it. */
  botCpuMsPerRequest?: number;
}

/** One way of putting load on the bot. */
export interface LoadLeg {
  name: string;
  run(options: LoadOptions): Promise<LoadReport>;
}

const engineLeg: LoadLeg = {
  name: 'engine',
  async run({ requests, maxDurationMs }) {
    const answerer = createAnswerer(defaultKnowledgeDir);
    const log = createMemoryQuestionLog();
    // Real questions from the evaluation set, mixed with hostile text, so both search and rejection are loaded.
    const questions = [...readQuestionSet(defaultQuestionSetPath).map((item) => item.question), ...fc.sample(hostileText, { numRuns: 500, seed: 42 })];
    const latencies: number[] = [];
    let errors = 0;
    const memoryBefore = snapshotMemory();
    const started = performance.now();
    for (let index = 0; index < requests && performance.now() - started < maxDurationMs; index += 1) {
      const askedAt = performance.now();
      try {
        const answer = answerer.ask(questions[index % questions.length]!);
        log.recordAnswer('cli', answer);
        latencies.push(performance.now() - askedAt);
        // Checked outside the timing: the figures are the bot's, not the check's.
        if (!answerSchema.safeParse(answer).success) errors += 1;
      } catch {
        latencies.push(performance.now() - askedAt);
        errors += 1;
      }
    }
    const durationMs = performance.now() - started;
    await log.flush();
    return {
      leg: 'engine',
      requested: requests,
      completed: latencies.length,
      errors,
      logged: log.records.length,
      durationMs: Math.round(durationMs),
      perSecond: Math.round((latencies.length / durationMs) * 1000),
      latencyMs: summariseLatencies(latencies),
      memoryBefore,
      memoryAfter: snapshotMemory(),
    };
  },
};

const legs: LoadLeg[] = [engineLeg, slackLeg, discordLeg];

function formatReport(report: LoadReport): string {
  const { p50, p95, p99, max } = report.latencyMs;
  return [
    `${report.leg}: ${report.completed}/${report.requested} requests in ${report.durationMs} ms (${report.perSecond}/s), ${report.errors} errors, ${report.logged} logged${report.questionLog ? ` (${report.questionLog})` : ''}`,
    `  latency ms: p50 ${p50}, p95 ${p95}, p99 ${p99}, max ${max}`,
    `  memory MiB: rss ${report.memoryBefore.rssMiB} -> ${report.memoryAfter.rssMiB}, heap ${report.memoryBefore.heapUsedMiB} -> ${report.memoryAfter.heapUsedMiB}`,
    ...(report.botCpuMsPerRequest === undefined ? [] : [`  bot CPU: ${report.botCpuMsPerRequest} ms per request`]),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string' },
      'max-duration-ms': { type: 'string' },
      legs: { type: 'string' },
      'startup-baseline': { type: 'string' },
      postgres: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const options: LoadOptions = { requests: Number(values.requests ?? 5_000), maxDurationMs: Number(values['max-duration-ms'] ?? 60_000) };
  if (!(options.requests > 0 && options.maxDurationMs > 0)) {
    process.stderr.write('--requests and --max-duration-ms must be positive numbers\n');
    return 2;
  }
  const known = [...legs.map((leg) => leg.name), 'startup'];
  const chosen = values.legs === undefined ? known : values.legs.split(',').map((name) => name.trim());
  const unknown = chosen.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    process.stderr.write(`--legs: no leg named ${unknown.join(', ')} (there are ${known.join(', ')})\n`);
    return 2;
  }
  const reports: LoadReport[] = [];
  let postgres: PostgresServer | undefined;
  try {
    if (values.postgres) {
      // The server's own defaults (fsync on), so the figures are a real server's.
      postgres = await startPostgresServer({ fast: false });
      options.newQuestionLogDatabase = postgres.createDatabase;
    }
    for (const leg of legs.filter((candidate) => chosen.includes(candidate.name))) reports.push(await leg.run(options));
  } finally {
    await postgres?.close();
  }
  const startup: StartupReport | null = chosen.includes('startup') ? await measureStartup({ baselineDir: values['startup-baseline'] }) : null;
  const failed = reports.filter((report) => report.errors > 0 || report.logged !== report.completed);
  if (values.json) process.stdout.write(`${JSON.stringify({ reports, startup })}\n`);
  else process.stdout.write(`${[...reports.map(formatReport), ...(startup ? [formatStartupReport(startup)] : [])].join('\n')}\n`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
