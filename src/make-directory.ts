import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const codeOf = (error: unknown): unknown => (error as NodeJS.ErrnoException | undefined)?.code;

const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

/**
 * Makes a folder and any missing parents, like `mkdirSync(path, { recursive: true })`,
 * but throws where that spins for ever.
 *
 * Node's own recursive mkdir takes every ENOENT to mean "the parent is missing":
 * under `/proc`, or below a link to nowhere, the parent exists yet the child
 * still cannot be made, so it retries without end at 100% CPU (nodejs/node has
 * the report; Node 20 and 22 both do it). Here a second ENOENT after the parent
 * was made is final. Synchronous on purpose: it runs once per folder, at start
 * or before a first write, and one code path is easier to trust than two.
 * @throws the system error (`ENOENT`, `EACCES`, `EEXIST` for a file in the way, …)
 */
export function makeDirectory(path: string): void {
  try {
    mkdirSync(path);
    return;
  } catch (error) {
    if (codeOf(error) === 'EEXIST' && isDirectory(path)) return;
    if (codeOf(error) !== 'ENOENT' || dirname(path) === path) throw error;
  }
  makeDirectory(dirname(path));
  try {
    mkdirSync(path);
  } catch (error) {
    // Another process may have made it in between, which is as good.
    if (!(codeOf(error) === 'EEXIST' && isDirectory(path))) throw error;
  }
}
