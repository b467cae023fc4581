import { spawn, spawnSync } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { msSince, quantile } from './measure.js';

/** The question the one-shot start answers. */
export const oneShotQuestion = 'What is the Right to Provide?';

/** A one-shot CLI answer (`node dist/adapters/cli/ask.js "…"`), start to exit, against a bare `node -e ""` timed in the same run. */
export interface OneShotResult {
  command: string;
  /** The first start, with an empty cache folder: it reads the knowledge files and builds the cache. */
  firstMs: number;
  /** Later starts, each a fresh process reading the cache the first one wrote (one per round, each beside a bare start). */
  warmMs: number[];
  /** `node -e ""`, one per round, beside each warm start. */
  bareMs: number[];
  warmMedianMs: number;
  bareMedianMs: number;
  /** Warm median over bare median. */
  ratio: number;
  /** First start over bare median. */
  firstRatio: number;
}

/** `npm start` with Slack over HTTP (a stand-in for Slack's Web API on 127.0.0.1), from spawning to `/readyz` answering 200. */
export interface SlackStartResult {
  command: string;
  /** Through `npm start` (its prestart build check included, dist/ already built): the first start, with an empty cache folder. */
  npmFirstMs: number;
  /** Through `npm start`, later starts (the cache warm). */
  npmMs: number[];
  npmMedianMs: number;
  /** `node dist/adapters/start.js` itself, what `npm start` runs after its build check: later starts (the cache warm). */
  nodeMs: number[];
  nodeMedianMs: number;
}

const median = (values: readonly number[]): number =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/** Builds dist/ when its sources changed since the last build, as `npm start`'s prestart step does. */
export function buildDist(root: string): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed, so the compiled start cannot be timed: ${build.stderr.slice(-500)}`);
}

/** A minimal environment: nothing of the developer's own settings reaches the timed process. */
const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? '', HOME: extra.HOME ?? process.env.HOME ?? '', LANG: 'C', ...extra });

/** Spawns a command and resolves with its wall time once it has exited. */
function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = msSince(start);
      // Exit 0 (answered) and 1 (not answered) are both answers; anything else is a failure to report.
      if (code === 0 || code === 1) resolve(ms);
      else reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}): ${stderr.slice(-300)}`));
    });
  });
}

/**
 * Times one-shot CLI answers from the compiled dist/, each in a fresh
 * process: the first with an empty cache folder, then `runs` rounds of a
 * warm start beside a bare `node -e ""`, so both see the same machine load.
 */
export async function measureOneShot(root: string, knowledgeDir: string, runs: number, work: string): Promise<OneShotResult> {
  buildDist(root);
  const script = join(root, 'dist', 'adapters', 'cli', 'ask.js');
  // DATA_DIR: the question log goes to the scratch folder, not the repository's data/.
  const env = cleanEnv({ HOME: work, KNOWLEDGE_DIR: knowledgeDir, KNOWLEDGE_CACHE_DIR: join(work, 'one-shot-cache'), DATA_DIR: join(work, 'one-shot-data'), NO_COLOR: '1' });
  const ask = (): Promise<number> => timeProcess(process.execPath, [script, oneShotQuestion], env, work);
  const bare = (): Promise<number> => timeProcess(process.execPath, ['-e', ''], env, work);
  const firstMs = await ask();
  const warmMs: number[] = [];
  const bareMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    bareMs.push(await bare());
    warmMs.push(await ask());
  }
  const warmMedianMs = median(warmMs);
  const bareMedianMs = median(bareMs);
  return {
    command: `node dist/adapters/cli/ask.js "${oneShotQuestion}"`,
    firstMs,
    warmMs,
    bareMs,
    warmMedianMs,
    bareMedianMs,
    ratio: warmMedianMs / bareMedianMs,
    firstRatio: firstMs / bareMedianMs,
  };
}

const listen = (server: Server): Promise<number> => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** A free port on 127.0.0.1, for the bot to listen on. */
async function freePort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The HTTP status of a GET, or 0 when nothing answers. */
const statusOf = (port: number, path: string): Promise<number> =>
  new Promise((resolve) => {
    const probe = request({ host: '127.0.0.1', port, path, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    probe.on('error', () => resolve(0));
    probe.end();
  });

/**
 * Times starts of the bot with Slack over HTTP, against a stand-in for
 * Slack's Web API on 127.0.0.1 (it answers `auth.test`, which the start
 * checks the token with): spawned, then `/readyz` asked every few
 * milliseconds until it says ready (the knowledge loaded, Slack listening).
 */
export async function measureSlackStart(root: string, knowledgeDir: string, runs: number, work: string): Promise<SlackStartResult> {
  buildDist(root);
  const api = createServer((incoming, response) => {
    incoming.resume();
    const authTest = (incoming.url ?? '').includes('auth.test');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        authTest ? { ok: true, url: 'https://stand-in.example/', team: 'Stand-in', user: 'rtp-bot', team_id: 'T0BENCH', user_id: 'U0BOT', bot_id: 'B0BOT' } : { ok: true },
      ),
    );
  });
  const apiPort = await listen(api);
  const cacheDir = join(work, 'slack-cache');
  const startOnce = async (viaNpm: boolean): Promise<number> => {
    const [port, healthPort] = [await freePort(), await freePort()];
    const env = cleanEnv({
      HOME: work,
      // npm's own update check would reach the network.
      npm_config_update_notifier: 'false',
      KNOWLEDGE_DIR: knowledgeDir,
      KNOWLEDGE_CACHE_DIR: cacheDir,
      DATA_DIR: join(work, 'slack-data'),
      SLACK_BOT_TOKEN: 'xoxb-BENCH-stand-in-token-000000000',
      SLACK_SIGNING_SECRET: 'bench-stand-in-signing-secret-0123456789',
      SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
      PORT: String(port),
      HOST: '127.0.0.1',
      HEALTH_PORT: String(healthPort),
      HEALTH_HOST: '127.0.0.1',
    });
    const start = process.hrtime.bigint();
    // Its own process group, so that stopping npm stops the bot it started too.
    const child = viaNpm
      ? spawn('npm', ['start'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true })
      : spawn(process.execPath, [join(root, 'dist', 'adapters', 'start.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let exited = false;
    const closed = new Promise<void>((resolve) =>
      child.on('close', () => {
        exited = true;
        resolve();
      }),
    );
    let readyMs: number | null = null;
    while (readyMs === null && !exited && msSince(start) < 60_000) {
      if ((await statusOf(healthPort, '/readyz')) === 200) readyMs = msSince(start);
      else await new Promise((resolve) => setTimeout(resolve, 3));
    }
    if (!exited) process.kill(-child.pid!, 'SIGTERM');
    await closed;
    if (readyMs === null) throw new Error(`the bot never said it was ready: ${stderr.slice(-500)}`);
    return readyMs;
  };
  try {
    const npmFirstMs = await startOnce(true);
    const npmMs: number[] = [];
    const nodeMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      npmMs.push(await startOnce(true));
      nodeMs.push(await startOnce(false));
    }
    return {
      command: 'npm start (Slack over HTTP)',
      npmFirstMs,
      npmMs,
      npmMedianMs: median(npmMs),
      nodeMs,
      nodeMedianMs: median(nodeMs),
    };
  } finally {
    await new Promise((resolve) => api.close(resolve));
  }
}
