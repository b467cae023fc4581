import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: CLIs run here, so paths in their messages are relative to it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the real CLI scripts (e.g. `adapters/cli/kb.ts`) in a child
 * process with tsx, as `npm run` would, with a minimal environment: a
 * developer's .env or settings cannot leak in, and the question log goes to
 * `DATA_DIR` (a temporary folder unless given).
 */
export function runCli(script: string, args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KNOWLEDGE_DIR: '', DATA_DIR: join(tmpdir(), 'rtp-bot-test-unused-data'), NO_COLOR: '1', ...options.env };
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', join(repoRoot, script), ...args], { cwd: options.cwd ?? repoRoot, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

/** A temporary folder, removed by the returned function. */
export function makeTempDir(prefix = 'rtp-bot-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies a fixture folder from tests/fixtures into `target`. */
export function copyFixture(name: string, target: string): string {
  cpSync(join(repoRoot, 'tests', 'fixtures', name), target, { recursive: true });
  return target;
}
