import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The small, valid knowledge base the tests share. */
export const fixtureKnowledgeDir = fileURLToPath(new URL('../fixtures/knowledge', import.meta.url));

/** The repository's real knowledge base. */
export const realKnowledgeDir = fileURLToPath(new URL('../../knowledge', import.meta.url));

/** A writable copy of the fixture knowledge base, for tests that break or edit it. */
export function copyFixtureKnowledge(): { dir: string; write(relativePath: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rtp-kb-'));
  cpSync(fixtureKnowledgeDir, dir, { recursive: true });
  return {
    dir,
    write(relativePath, text) {
      const path = join(dir, relativePath);
      writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
