import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A folder's state: each file (relative path) with its size and a hash of its content; `null` when the folder does not exist. */
export type FolderState = Map<string, string> | null;

/** Records a folder's files, so that a later {@link describeFolderChanges} can tell whether anything touched it. */
export function recordFolderState(dir: string): FolderState {
  if (!existsSync(dir)) return null;
  const state = new Map<string, string>();
  const visit = (relative: string): void => {
    for (const item of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${item.name}` : item.name;
      if (item.isDirectory()) {
        state.set(`${path}/`, 'folder');
        visit(path);
      } else {
        const full = join(dir, path);
        state.set(path, `${statSync(full).size} bytes, sha256 ${createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 16)}`);
      }
    }
  };
  visit('');
  return state;
}

/** What changed between two states of one folder, one line per change; empty when nothing did. */
export function describeFolderChanges(name: string, before: FolderState, after: FolderState): string[] {
  if (before === null && after === null) return [];
  if (before === null) return [`${name} was created (it did not exist before the run), holding: ${[...after!.keys()].join(', ') || 'nothing'}`];
  if (after === null) return [`${name} was removed`];
  const changes: string[] = [];
  for (const [path, was] of before) {
    const now = after.get(path);
    if (now === undefined) changes.push(`${name}/${path} was removed`);
    else if (now !== was) changes.push(`${name}/${path} changed (${was} -> ${now})`);
  }
  for (const path of after.keys()) if (!before.has(path)) changes.push(`${name}/${path} was created`);
  return changes;
}

/** The entries of a temporary folder that tests left behind: those named like the tests' own (`rtp-…`). */
export function listLeftovers(tempDir: string, prefix = 'rtp-'): string[] {
  if (!existsSync(tempDir)) return [];
  return readdirSync(tempDir)
    .filter((name) => name.startsWith(prefix))
    .sort();
}
