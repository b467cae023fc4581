import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** An absolute path inside the repository. */
export const repoPath = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The `tsx` that `npm run ask` uses. */
export const tsxBin = repoPath('node_modules/.bin/tsx');

/**
 * The command line `npm start` runs (`node --import tsx adapters/start.ts`),
 * with tsx's loader named by path so it is found from any working folder.
 */
export const nodeWithTsx = (script: string): [string, string[]] => [
  process.execPath,
  ['--import', pathToFileURL(repoPath('node_modules/tsx/dist/loader.mjs')).href, repoPath(script)],
];

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
 * An empty working folder, so that the child's dotenv finds no `.env` (a
 * developer's real settings must never reach a test).
 */
export const emptyWorkDir = (): string => mkdtempSync(join(tmpdir(), 'rtp-bot-test-'));

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
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. Default: stdin is closed at once. */
  input?: string;
  /** Default: a fresh empty folder. */
  cwd?: string;
  /** The child is killed after this long; a test timeout, not a speed assertion. @default 30000 */
  timeoutMs?: number;
}

/** Collects a spawned child's output until it exits. */
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

/** Runs a command to the end and returns its output. */
export function runProcess(command: string, args: string[], options: RunProcessOptions = {}): Promise<ProcessResult> {
  const child = spawn(command, args, { cwd: options.cwd ?? emptyWorkDir(), env: options.env ?? cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  const done = collectOutput(child, options.timeoutMs);
  // A child that exits before reading all its input must not fail the write.
  child.stdin?.on('error', () => {});
  child.stdin?.end(options.input ?? '');
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
