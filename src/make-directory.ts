import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/** Makes one folder: `undefined` when it is there afterwards (made now, or already), else the error. */
function makeOneFolder(path: string): unknown {
  try {
    mkdirSync(path);
    return undefined;
  } catch (error) {
    const folderThere = (error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(path, { throwIfNoEntry: false })?.isDirectory();
    return folderThere ? undefined : error;
  }
}

/**
 * Makes a folder and any missing parents, like `mkdirSync(path, { recursive: true })`,
 * but throws where that spins for ever.
 *
 * Node's own recursive mkdir takes every ENOENT to mean "the parent is missing".
 * Under `/proc` the parent exists yet the child still cannot be made, so Node 20
 * retries without end at 100% CPU (the async form never settles). Here the parent
 * is made once, and a second ENOENT is final. Synchronous on purpose: it runs once
 * per folder, at start or before a first write, and one code path is easier to
 * trust than two.
 * @throws the system error (`ENOENT`, `EACCES`, `EEXIST` for a file in the way, …)
 */
export function makeDirectory(path: string): void {
  let error = makeOneFolder(path);
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' && dirname(path) !== path) {
    makeDirectory(dirname(path));
    error = makeOneFolder(path);
  }
  if (error !== undefined) throw error;
}
