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

/** How each way is started, as argv after `node`. */
const ways = {
  tsx: { command: 'node --import tsx adapters/start.ts', args: () => ['--import', import.meta.resolve('tsx'), '--import', reportMemoryPreload, repoPath('adapters/start.ts')] },
  compiled: { command: 'node dist/adapters/start.js', args: () => ['--import', reportMemoryPreload, repoPath(compiledStart)] },
} as const;

/** Min, median and max of some samples, rounded. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** One way of starting, measured. */
export interface StartupWay {
  way: keyof typeof ways;
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

/** Starts the bot one way, waits until it answers, lets it idle, and measures it; then stops it. */
async function startOnce(way: keyof typeof ways, apiUrl: string, idleMs: number): Promise<{ readyMs: number; rssMiB: number; heapMiB: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rtp-load-startup-'));
  const startedAt = performance.now();
  const bot = spawn(process.execPath, ways[way].args(), {
    cwd: emptyWorkDir(),
    env: cleanEnv({ SLACK_BOT_TOKEN: testBotToken, SLACK_SIGNING_SECRET: testSigningSecret, PORT: '0', HOST: '127.0.0.1', SLACK_API_URL: apiUrl, DATA_DIR: dataDir, KNOWLEDGE_DIR: defaultKnowledgeDir }),
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

/** Measures both ways, `runs` times each, in turn. */
export async function measureStartup(runs = 5, idleMs = 3_000): Promise<StartupReport> {
  const build = spawnSync(process.execPath, [repoPath('scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed, so the compiled start cannot be measured');
  const standIn = await startStandInSlack();
  const samples = { tsx: [] as { readyMs: number; rssMiB: number; heapMiB: number }[], compiled: [] as { readyMs: number; rssMiB: number; heapMiB: number }[] };
  try {
    for (let run = 0; run < runs; run += 1) {
      for (const way of ['tsx', 'compiled'] as const) samples[way].push(await startOnce(way, standIn.apiUrl, idleMs));
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
    ways: (['tsx', 'compiled'] as const).map((way) => ({
      way,
      command: ways[way].command,
      runs,
      readyMs: spreadOf(samples[way].map((sample) => sample.readyMs)),
      idleRssMiB: spreadOf(samples[way].map((sample) => sample.rssMiB), 1),
      idleHeapMiB: spreadOf(samples[way].map((sample) => sample.heapMiB), 1),
    })),
    prestartCheckMs: spreadOf(prestart),
  };
}

/** The report for a person: one line per way, then the prestart check. */
export function formatStartupReport(report: StartupReport): string {
  const spread = (value: Spread, unit: string): string => `${value.median} ${unit} (${value.min} to ${value.max})`;
  return [
    `startup: Slack over HTTP, ready = "Slack started"; memory after ${report.idleMs / 1000} s idle; median (min to max) of ${report.ways[0]?.runs ?? 0} runs each`,
    ...report.ways.map((way) => `  ${way.command.padEnd(36)} ready ${spread(way.readyMs, 'ms')}, rss ${spread(way.idleRssMiB, 'MiB')}, heap ${spread(way.idleHeapMiB, 'MiB')}`),
    `  npm start's prestart check (dist/ up to date): ${spread(report.prestartCheckMs, 'ms')}`,
  ].join('\n');
}
