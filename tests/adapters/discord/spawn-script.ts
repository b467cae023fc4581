import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A script started the way npm runs it, in an empty folder (so no developer's .env is read). */
export interface SpawnedScript {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Stops a script: SIGTERM, then SIGKILL if it has not exited within a few seconds. */
export async function stopScript(script: SpawnedScript): Promise<void> {
  if (script.child.exitCode !== null || script.child.signalCode !== null) return;
  script.child.kill('SIGTERM');
  const timer = setTimeout(() => script.child.kill('SIGKILL'), 5_000);
  await script.exited;
  clearTimeout(timer);
}

/**
 * Runs a repository script with tsx and exactly the given environment (plus
 * PATH and HOME), never the test runner's own, so stray Slack or Discord
 * settings cannot leak in.
 */
export function spawnScript(script: string, env: Record<string, string>): SpawnedScript {
  // Node itself with tsx's loader, not the tsx wrapper, so a signal reaches the script and nothing is orphaned.
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, script)], {
    cwd: mkdtempSync(join(tmpdir(), 'rtp-bot-discord-')),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
