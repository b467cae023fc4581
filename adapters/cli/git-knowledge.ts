import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { UsageError } from '../shared/exit-codes.js';

const git = (cwd: string, args: string[]): { ok: boolean; stdout: Buffer; stderr: string } => {
  const result = spawnSync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new UsageError(`--compare needs git, which could not be run (${result.error.message})`);
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString().trim() };
};

/** A copy of a knowledge folder as it was at a git ref. */
export interface ExportedKnowledge {
  /** The copied knowledge folder. */
  dir: string;
  /** Deletes the copy. */
  remove(): void;
}

/**
 * Copies the knowledge folder as it is at a git ref (a branch, tag or commit)
 * into a temporary folder, without touching the working tree.
 * @throws {UsageError} when the folder is not in a git repository, the ref is unknown, or the folder did not exist at the ref.
 */
export function exportKnowledgeAt(ref: string, knowledgeDir: string): ExportedKnowledge {
  // A ref that looks like an option would be read as one by git.
  if (ref.startsWith('-') || ref.trim() === '') throw new UsageError(`--compare: "${ref}" is not a branch, tag or commit`);
  const realDir = realpathSync(knowledgeDir);
  const top = git(realDir, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new UsageError(`--compare: ${knowledgeDir} is not inside a git repository`);
  const root = realpathSync(top.stdout.toString().trim());
  const path = relative(root, realDir).split('\\').join('/') || '.';
  if (!git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).ok) throw new UsageError(`--compare: "${ref}" is not a branch, tag or commit in ${root}`);
  const archive = git(root, ['archive', '--format=tar', ref, '--', path]);
  if (!archive.ok) throw new UsageError(`--compare: ${ref} has no ${path} folder (${archive.stderr})`);
  const temp = mkdtempSync(join(tmpdir(), 'rtp-bot-knowledge-'));
  const remove = () => rmSync(temp, { recursive: true, force: true });
  const untar = spawnSync('tar', ['-x', '-C', temp], { input: archive.stdout, maxBuffer: 16 * 1024 * 1024 });
  if (untar.status !== 0) {
    remove();
    throw new UsageError(`--compare: could not unpack ${path} at ${ref} (${untar.error?.message ?? untar.stderr.toString().trim()})`);
  }
  return { dir: join(temp, path), remove };
}
