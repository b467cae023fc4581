import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeDirectory } from '../../src/index.js';
import { repoPath, runProcess } from '../support/processes.js';

describe('makeDirectory', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rtp-bot-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a folder and its missing parents, and leaves one that is there', () => {
    const deep = join(dir, 'a', 'b', 'c');
    makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    writeFileSync(join(deep, 'kept.txt'), 'kept');
    makeDirectory(deep);
    makeDirectory(join(dir, 'a'));
    expect(existsSync(join(deep, 'kept.txt'))).toBe(true);
  });

  it('throws the system error when a file is in the way', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => makeDirectory(file)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(() => makeDirectory(join(file, 'below'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  // Node's own recursive mkdir spins for ever here, so the call runs in a child the test can kill.
  it.runIf(existsSync('/proc/self'))('throws ENOENT under /proc, where a child can never be made, instead of retrying for ever', async () => {
    const script = `import { makeDirectory } from ${JSON.stringify(repoPath('src/make-directory.ts'))};
try { makeDirectory('/proc/rtp-bot-test/cache'); console.log('made'); } catch (error) { console.log(error.code); }`;
    const run = await runProcess(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { timeoutMs: 10_000 });
    expect(run.stdout.trim()).toBe('ENOENT');
  });
});
