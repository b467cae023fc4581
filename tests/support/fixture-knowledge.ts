import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The test fixtures (tests/fixtures). */
const fixturesDir = fileURLToPath(new URL('../fixtures', import.meta.url));

/** The small, valid knowledge base the tests share. */
export const fixtureKnowledgeDir = join(fixturesDir, 'knowledge');

/** The repository's real knowledge base. */
export const realKnowledgeDir = fileURLToPath(new URL('../../knowledge', import.meta.url));

/** The path of a fixture folder in tests/fixtures, to read from (never to write to). */
export const fixtureDir = (name: string): string => join(fixturesDir, name);

/** A temporary folder, removed by the returned function. */
export function makeTempDir(prefix = 'rtp-bot-cli-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Temporary folders made one at a time and removed together: call
 * `afterAll(folders.removeAll)` (or afterEach) in the test file.
 */
export function tempFolders(): { make(prefix?: string): string; removeAll(): void } {
  const made: string[] = [];
  return {
    make(prefix = 'rtp-bot-test-') {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    removeAll() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Copies a fixture folder from tests/fixtures into `target`. */
export function copyFixture(name: string, target: string): string {
  cpSync(join(fixturesDir, name), target, { recursive: true });
  return target;
}

/** A writable copy of the fixture knowledge base, for tests that break or edit it. */
export function copyFixtureKnowledge(): { dir: string; write(relativePath: string, text: string): string; remove(): void } {
  const { dir, remove } = makeTempDir('rtp-kb-');
  copyFixture('knowledge', dir);
  return {
    dir,
    write(relativePath, text) {
      const path = join(dir, relativePath);
      writeFileSync(path, text);
      return path;
    },
    remove,
  };
}

/**
 * For each test of the current describe block: a temporary folder holding a
 * copy of a fixture knowledge folder at `<dir>/knowledge`, removed after the
 * test. Read the paths inside the tests (they change from test to test).
 */
export function useKnowledgeCopy(fixture = 'knowledge-small'): { readonly dir: string; readonly knowledge: string } {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  beforeEach(() => {
    temp = makeTempDir();
    copyFixture(fixture, join(temp.dir, 'knowledge'));
  });
  afterEach(() => temp?.remove());
  return {
    get dir() {
      return temp!.dir;
    },
    get knowledge() {
      return join(temp!.dir, 'knowledge');
    },
  };
}
