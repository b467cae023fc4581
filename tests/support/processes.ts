import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where npm scripts run. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** An absolute path inside the repository. */
export const repoPath = (path: string): string => join(repoRoot, path);

// tsx's loader by absolute URL, so a script also runs from a folder with no node_modules (and no .env).
const tsxLoader = import.meta.resolve('tsx');

/**
 * The command line for a TypeScript script, as `npm run ask` and the other
 * tsx scripts run it (`npm start` runs compiled JavaScript: {@link compiledStart}).
 * Node itself with tsx's loader, not the tsx CLI: the CLI is a wrapper that
 * relays signals to a second process, which a kill could leave orphaned.
 */
export const nodeWithTsx = (script: string, args: string[] = []): [string, string[]] => [process.execPath, ['--import', tsxLoader, repoPath(script), ...args]];

/** What `npm start` runs (after its prestart build): plain node on the compiled JavaScript, no TypeScript loader. */
export const compiledStart = 'dist/adapters/start.js';

/** The command line for a repository script: compiled JavaScript (`dist/…`) with plain node, TypeScript through tsx. */
export const nodeCommand = (script: string, args: string[] = []): [string, string[]] =>
  script.endsWith('.js') ? [process.execPath, [repoPath(script), ...args]] : nodeWithTsx(script, args);

/**
 * A minimal environment for a child process: enough to run Node, and nothing
 * of the developer's own (no Slack or Discord settings, no KNOWLEDGE_DIR), so a
 * test can never start a real adapter or pick up real tokens.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of keep) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

/**
 * A minimal environment for a CLI: no settings of the developer's leak in. The
 * spawning helpers below add a DATA_DIR in the child's scratch folder, so the
 * question log never reaches the repository's data/.
 */
export function cliEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KNOWLEDGE_DIR: '', SOURCES_DIR: '', NO_COLOR: '1', ...extra };
}

/**
 * An empty folder, e.g. a working folder in which the child's dotenv finds no
 * `.env` (a developer's real settings must never reach a test). The caller
 * removes it; the spawning helpers below make and remove their own.
 */
export const emptyWorkDir = (): string => mkdtempSync(join(tmpdir(), 'rtp-bot-test-'));

/** Options for {@link spawnInScratch}. */
export interface ScratchSpawnOptions {
  /** Default: {@link cleanEnv}(). A DATA_DIR inside the scratch folder is added unless it sets one. */
  env?: NodeJS.ProcessEnv;
  /** Default: the scratch folder itself, which is empty. */
  cwd?: string;
  stdio?: SpawnOptions['stdio'];
}

// Children not yet exited. A test that times out cannot stop its own await, so its child would run on after the
// test file, spinning or holding a port: kill-leftover-children.ts ends them when the file is done.
const running = new Set<ChildProcess>();

/** Kills (SIGKILL) every child {@link spawnInScratch} started that has not exited yet. @returns how many it killed. */
export function killLeftoverChildren(): number {
  const leftover = [...running];
  running.clear();
  for (const child of leftover) child.kill('SIGKILL');
  return leftover.length;
}

/**
 * Spawns a process with a scratch folder of its own: its working folder (unless
 * `cwd` is given) and its DATA_DIR (unless `env` sets one), so whatever it
 * logs stays out of the repository. The folder is removed once the process has
 * exited (or failed to start).
 */
export function spawnInScratch(command: string, args: string[], options: ScratchSpawnOptions = {}): ChildProcess {
  const scratch = emptyWorkDir();
  const env = options.env ?? cleanEnv();
  const child = spawn(command, args, {
    cwd: options.cwd ?? scratch,
    env: env.DATA_DIR === undefined ? { ...env, DATA_DIR: join(scratch, 'data') } : env,
    stdio: options.stdio ?? ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const remove = () => {
    running.delete(child);
    rmSync(scratch, { recursive: true, force: true });
  };
  child.once('exit', remove);
  child.once('error', remove);
  return child;
}

/** What a finished child process said and how it ended. */
export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** The exit code, or `null` when a signal ended it. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

/** Options for {@link runProcess}. */
export interface RunProcessOptions {
  /** Default: {@link cleanEnv}(). A DATA_DIR in a scratch folder is added unless it sets one. */
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. Default: stdin is closed at once (after `whileRunning`, if given, unless `input` is). */
  input?: string;
  /** Default: a fresh empty folder, removed afterwards. */
  cwd?: string;
  /** The child is killed after this long; a test timeout, not a speed assertion. @default 30000 */
  timeoutMs?: number;
  /** Called once the process is running, e.g. to send it requests or a signal; stdin stays open meanwhile unless `input` is given. */
  whileRunning?: (child: ChildProcess) => void | Promise<void>;
}

/** Collects a spawned child's output until it exits; kills it and rejects after `timeoutMs`. */
export function collectOutput(child: ChildProcess, timeoutMs = 30_000): Promise<ProcessResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process did not finish within ${timeoutMs} ms\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode, signal });
    });
  });
}

/** Runs a command to the end (in a scratch folder, see {@link spawnInScratch}) and returns its output. */
export async function runProcess(command: string, args: string[], options: RunProcessOptions = {}): Promise<ProcessResult> {
  const child = spawnInScratch(command, args, { env: options.env, cwd: options.cwd });
  const done = collectOutput(child, options.timeoutMs);
  // A child that exits before reading all its input must not fail the write.
  child.stdin?.on('error', () => {});
  if (options.whileRunning) await options.whileRunning(child);
  if (options.input !== undefined || !options.whileRunning) child.stdin?.end(options.input ?? '');
  return done;
}

/** Resolves once the child has printed text matching `pattern` (on stdout or stderr); rejects if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer | string) => {
      seen += String(chunk);
      const match = seen.match(pattern);
      if (match) finish(() => resolve(match));
    };
    const onExit = () => finish(() => reject(new Error(`process exited before printing ${pattern}:\n${seen}`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${seen}`))), timeoutMs);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      settle();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** How a repository script run by {@link runScript} or {@link runCli} ended. */
export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the repository's TypeScript entry points as a real process (node
 * with the tsx loader, as npm scripts do) from the repository root, feeding
 * `input` on stdin, with the test runner's environment plus NODE_NO_WARNINGS=1
 * and a temporary DATA_DIR (unless `env` sets one; the runner's own never counts).
 */
export async function runScript(script: string, args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ScriptResult> {
  const { DATA_DIR: _runnersDataDir, ...runnerEnv } = process.env;
  const { exitCode, stdout, stderr } = await runProcess(...nodeWithTsx(script, args), {
    cwd: repoRoot,
    env: { ...runnerEnv, NODE_NO_WARNINGS: '1', ...options.env },
    input: options.input ?? '',
    timeoutMs: options.timeoutMs ?? 15_000,
  });
  return { code: exitCode, stdout, stderr };
}

/**
 * Runs one of the real CLI scripts (e.g. `adapters/cli/kb.ts`) as `npm run`
 * would, with {@link cliEnvironment} (plus `env`), so a developer's settings
 * cannot leak in; from the repository root unless `cwd` is given, so paths in
 * its messages are relative to it. A signal ending it counts as exit code 1.
 */
export async function runCli(
  script: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string } = {},
): Promise<ScriptResult & { code: number }> {
  const { exitCode, stdout, stderr } = await runProcess(...nodeWithTsx(script, args), {
    cwd: options.cwd ?? repoRoot,
    env: cliEnvironment(options.env),
    input: options.input ?? '',
  });
  return { code: exitCode ?? 1, stdout, stderr };
}

/** A long-running script started by {@link spawnScript}. */
export interface SpawnedScript {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves once all the output so far matches `pattern`; rejects after `timeoutMs`. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
}

/**
 * Starts a repository script (TypeScript with tsx, or compiled JavaScript such
 * as {@link compiledStart} with plain node) in an empty scratch folder (so no
 * developer's .env is read; see {@link spawnInScratch}) and exactly the given
 * environment plus PATH, HOME and a scratch DATA_DIR (unless `env` sets one),
 * never the test runner's own, so stray Slack or Discord settings cannot leak
 * in. Stop it with {@link stopScript}.
 */
export function spawnScript(script: string, env: Record<string, string>): SpawnedScript {
  const [command, args] = nodeCommand(script);
  const child = spawnInScratch(command, args, { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in output:\n${output}`)), timeoutMs);
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          resolve(match);
        }
      };
      // Registered after the listeners that fill `output`, so each check sees the chunk that triggered it.
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      check();
    });
  return { child, output: () => output, exited, waitFor };
}

/** Stops a script: SIGTERM, then SIGKILL if it has not exited within a few seconds. */
export async function stopScript(script: SpawnedScript): Promise<void> {
  if (script.child.exitCode !== null || script.child.signalCode !== null) return;
  script.child.kill('SIGTERM');
  const timer = setTimeout(() => script.child.kill('SIGKILL'), 5_000);
  await script.exited;
  clearTimeout(timer);
}
