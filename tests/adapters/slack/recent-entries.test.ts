import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../../src/index.js';
import { recentEntries } from '../../../adapters/slack/recent-entries.js';

const dir = mkdtempSync(join(tmpdir(), 'rtp-recent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entryIn = (id: string, modified: string | null, extra: Record<string, unknown> = {}): Entry => {
  const file = join(dir, `${id}.md`);
  if (modified) {
    writeFileSync(file, '---\n');
    utimesSync(file, new Date(modified), new Date(modified));
  }
  return { id, title: `Title ${id}`, questions: [`What is ${id}?`], tags: [], sources: [], asOf: '2011', related: [], body: '', file, ...extra } as Entry;
};

describe('recentEntries', () => {
  it('lists the most recently reviewed or changed entries first, with the date and which it was', () => {
    const entries = [
      entryIn('old', '2024-01-01T00:00:00Z'),
      entryIn('new', '2026-02-01T00:00:00Z'),
      // A review date counts over the file's date.
      entryIn('reviewed', '2020-01-01T00:00:00Z', { reviewed: '2026-03-01' }),
      // No file and no review date: nothing to date it by, so it is left out.
      entryIn('undated', null),
    ];
    expect(recentEntries(entries, 3)).toEqual([
      { id: 'reviewed', title: 'Title reviewed', question: 'What is reviewed?', when: 'reviewed 2026-03-01' },
      { id: 'new', title: 'Title new', question: 'What is new?', when: 'updated 2026-02-01' },
      { id: 'old', title: 'Title old', question: 'What is old?', when: 'updated 2024-01-01' },
    ]);
    expect(recentEntries(entries, 1).map((entry) => entry.id)).toEqual(['reviewed']);
  });
});
