/**
 * The `startup` leg: how long `npm start` takes until it is answering, and how
 * much memory it then holds while idle, started the way it was before the
 * compiled start (node with tsx's loader on adapters/start.ts, compiling the
 * TypeScript as it loads) and the way it is now (plain node on
 * dist/adapters/start.js). Each way is started `runs` times, in turn (tsx,
 * compiled, tsx, …) so that a machine getting busier or quieter moves both
 * alike, with Slack over HTTP against the stand-in Slack on 127.0.0.1:
 * "ready" is the moment it prints "Slack started", after checking the token
 * with the (stand-in) Web API and listening. Memory is asked of the bot itself
 * after `idleMs` of no requests. Also timed: npm start's prestart step, the
 * check that dist/ is up to date, which runs before the compiled bot.
 *
 * With `baselineDir` (`--startup-baseline DIR`: another checkout, e.g. an
 * older commit unpacked with `git archive` and given this node_modules), that
 * checkout's `npm start` of the time (tsx on its adapters/start.ts) is
 * measured in turn too, as "before".
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKnowledgeDir } from '../../adapters/shared/settings.js';
import { testBotToken, testSigningSecret } from '../adapters/slack/slack-requests.js';
import { startStandInSlack } from '../adapters/slack/stand-in-slack.js';
import { cleanEnv, compiledStart, emptyWorkDir, repoPath, waitForOutput } from '../support/processes.js';
import { botMemory, reportMemoryPreload } from './discord-leg.js';

/** One way of starting the bot: how it is described, and its argv after `node`. */
interface Way {
  name: string;
  command: string;
  args: string[];
}

const tsxLoader = import.meta.resolve('tsx');

/** The ways measured: through tsx and compiled, and a baseline checkout's start when given. */
function waysToStart(baselineDir?: string): Way[] {
  return [
    ...(baselineDir
      ? [
          {
            name: 'baseline',
            command: `${baselineDir}: node --import tsx adapters/start.ts`,
            args: ['--import', tsxLoader, '--import', reportMemoryPreload, join(baselineDir, 'adapters/start.ts')],
          },
        ]
      : []),
    { name: 'tsx', command: 'node --import tsx adapters/start.ts', args: ['--import', tsxLoader, '--import', reportMemoryPreload, repoPath('adapters/start.ts')] },
    { name: 'compiled', command: 'node dist/adapters/start.js', args: ['--import', reportMemoryPreload, repoPath(compiledStart)] },
  ];
}

/** Min, median and max of some samples, rounded. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** One way of starting, measured. */
export interface StartupWay {
  way: string;
  command: string;
  runs: number;
  /** From spawning the process to "Slack started", in milliseconds. */
  readyMs: Spread;
  /** Resident memory after `idleMs` idle, in MiB. */
  idleRssMiB: Spread;
  idleHeapMiB: Spread;
}

/** What the leg measured. */
export interface StartupReport {
  idleMs: number;
  ways: StartupWay[];
  /** `node scripts/build.mjs --if-stale` with dist/ up to date, in milliseconds: what npm start adds before the compiled bot. */
  prestartCheckMs: Spread;
}

const spreadOf = (samples: readonly number[], digits = 0): Spread => {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
  const middle = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { min: round(sorted[0] ?? 0), median: round(median), max: round(sorted.at(-1) ?? 0) };
};

/** One start, measured. */
interface Sample {
  readyMs: number;
  rssMiB: number;
  heapMiB: number;
}

/** Starts the bot one way, waits until it answers, lets it idle, and measures it; then stops it. */
async function startOnce(way: Way, apiUrl: string, idleMs: number): Promise<Sample> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rtp-load-startup-'));
  const startedAt = performance.now();
  const bot = spawn(process.execPath, way.args, {
    cwd: emptyWorkDir(),
    env: cleanEnv({
      SLACK_BOT_TOKEN: testBotToken,
      SLACK_SIGNING_SECRET: testSigningSecret,
      PORT: '0',
      HOST: '127.0.0.1',
      SLACK_API_URL: apiUrl,
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: defaultKnowledgeDir,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitForOutput(bot, /Slack started/, 60_000);
    const readyMs = performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const memory = await botMemory(bot);
    return { readyMs, rssMiB: memory.rssMiB, heapMiB: memory.heapUsedMiB };
  } finally {
    const exited = once(bot, 'exit');
    bot.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Options for {@link measureStartup}. */
export interface StartupOptions {
  /** Starts of each way. @default 5 */
  runs: number;
  /** Idle time before memory is read, in milliseconds. @default 3000 */
  idleMs: number;
  /** Another checkout whose tsx start to measure as well. @default none */
  baselineDir?: string;
}

/** Measures every way, `runs` times each, in turn. */
export async function measureStartup({ runs = 5, idleMs = 3_000, baselineDir }: Partial<StartupOptions> = {}): Promise<StartupReport> {
  const build = spawnSync(process.execPath, [repoPath('scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed, so the compiled start cannot be measured');
  const ways = waysToStart(baselineDir);
  const samples = new Map<Way, Sample[]>(ways.map((way) => [way, []]));
  const standIn = await startStandInSlack();
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const way of ways) samples.get(way)!.push(await startOnce(way, standIn.apiUrl, idleMs));
    }
  } finally {
    await standIn.close();
  }
  const prestart: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const startedAt = performance.now();
    spawnSync(process.execPath, [repoPath('scripts/build.mjs'), '--if-stale']);
    prestart.push(performance.now() - startedAt);
  }
  return {
    idleMs,
    ways: ways.map((way) => ({
      way: way.name,
      command: way.command,
      runs,
      readyMs: spreadOf(samples.get(way)!.map((sample) => sample.readyMs)),
      idleRssMiB: spreadOf(
        samples.get(way)!.map((sample) => sample.rssMiB),
        1,
      ),
      idleHeapMiB: spreadOf(
        samples.get(way)!.map((sample) => sample.heapMiB),
        1,
      ),
    })),
    prestartCheckMs: spreadOf(prestart),
  };
}

/** The report for a person: one line per way, then the prestart check. */
export function formatStartupReport(report: StartupReport): string {
  const spread = (value: Spread, unit: string): string => `${value.median} ${unit} (${value.min} to ${value.max})`;
  return [
    `startup: Slack over HTTP, ready = "Slack started"; memory after ${report.idleMs / 1000} s idle; median (min to max) of ${report.ways[0]?.runs ?? 0} runs each`,
    ...report.ways.map(
      (way) => `  ${way.way.padEnd(9)} ${way.command.padEnd(36)} ready ${spread(way.readyMs, 'ms')}, rss ${spread(way.idleRssMiB, 'MiB')}, heap ${spread(way.idleHeapMiB, 'MiB')}`,
    ),
    `  npm start's prestart check (dist/ up to date): ${spread(report.prestartCheckMs, 'ms')}`,
  ].join('\n');
}
