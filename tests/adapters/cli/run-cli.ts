import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: CLIs run here, so paths in their messages are relative to it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// An absolute loader, so that a CLI can also run from a folder with no node_modules (and no .env).
const tsxLoader = import.meta.resolve('tsx');

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
/** The command line that runs a CLI script as `npm run` would: node with the tsx loader. */
export function cliCommand(script: string, args: string[] = []): [string, string[]] {
  return [process.execPath, ['--import', tsxLoader, join(repoRoot, script), ...args]];
}

/** A minimal environment for a CLI: no settings of the developer's leak in; the question log goes to a throwaway folder. */
export function cliEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KNOWLEDGE_DIR: '', DATA_DIR: join(tmpdir(), 'rtp-bot-test-unused-data'), NO_COLOR: '1', ...extra };
}

export function runCli(script: string, args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<CliResult> {
  const [command, commandArgs] = cliCommand(script, args);
  return new Promise((resolve) => {
    const child = execFile(command, commandArgs, { cwd: options.cwd ?? repoRoot, env: cliEnvironment(options.env), maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(options.input ?? '');
  });
}

/** A temporary folder, removed by the returned function. */
export function makeTempDir(prefix = 'rtp-bot-cli-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies a fixture folder from tests/fixtures into `target`. */
export function copyFixture(name: string, target: string): string {
  cpSync(join(repoRoot, 'tests', 'fixtures', name), target, { recursive: true });
  return target;
}
