import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useKnowledgeCopy } from '../../../support/fixture-knowledge.js';
import { runCli } from '../../../support/processes.js';

const kb = (args: string[]) => runCli('adapters/cli/kb.ts', args);

describe('npm run kb -- new', () => {
  const copy = useKnowledgeCopy();

  it('scaffolds a draft, prints its path, and check lists exactly what is left to fill in', async () => {
    const { knowledge } = copy;
    const result = await kb(['new', "What's the right brewing time for tea?", '--knowledge', knowledge]);
    const path = join(knowledge, 'entries', 'whats-the-right-brewing-time-for-tea.md');
    expect(result.stdout.split('\n')[0]).toBe(`Created ${path}`);
    expect(result.stdout).toContain('Today the bot answers this with "brewing-tea"');
    expect(result.code).toBe(0);
    const text = readFileSync(path, 'utf8');
    expect(text).toMatch(/^---\nid: whats-the-right-brewing-time-for-tea\ntitle: "What's the right brewing time for tea"\n/);
    expect(text).toContain('# Ids from sources.yaml: tea-guide, bike-manual, unused-almanac.');

    const check = await kb(['check', '--knowledge', knowledge]);
    expect(check.stdout.trim().split('\n').slice(0, 5)).toEqual([
      `${path}:5: error: "questions" must list at least 3 phrasings`,
      `${path}:10: error: "tags" must list at least one tag`,
      `${path}:12: error: "sources" must list at least one source id`,
      `${path}:18: error: "owner" must not be empty`,
      `${path}:23: error: the answer text (after the second "---") must not be empty`,
    ]);
    // A draft nobody has checked against its sources yet: no review date, so its answers never say "Checked …".
    expect(text).toMatch(/\n# reviewed: YYYY-MM-DD\n---\n$/);
    expect(text).not.toMatch(/^reviewed:/m);
    expect(check.code).toBe(1);
  });

  it('gives a draft whose front matter, once filled in, passes the check', async () => {
    const { knowledge } = copy;
    await kb(['new', 'Does water hardness change the taste of tea?', '--knowledge', knowledge]);
    const path = join(knowledge, 'entries', 'does-water-hardness-change-the-taste-of-tea.md');
    const filled = readFileSync(path, 'utf8')
      .replace('  # - another way people ask it', '  - hard water and tea')
      .replace('  # - a short keyword form, e.g. "right to provide eligibility"', '  - limescale in tea')
      .replace('tags: []', 'tags: [hard water, limescale, scum]')
      .replace('sources: []', 'sources: [tea-guide]')
      .replace('owner: ""', 'owner: Tea desk')
      .replace('# reviewed: YYYY-MM-DD', 'reviewed: 2026-01-31')
      .concat('Hard water leaves a scum on tea and dulls its taste; soft or filtered water tastes brighter.\n');
    writeFileSync(path, filled);
    const check = await kb(['check', '--knowledge', knowledge]);
    // The uncited source, and the four fixture entries that were never reviewed; not the new one, checked once filled in.
    expect(check.stdout).toContain('knowledge OK: 5 entries, 3 sources; 0 errors, 5 warnings');
    expect(check.stdout).not.toContain('does-water-hardness-change-the-taste-of-tea.md:2: warning: never reviewed');
    expect(check.code).toBe(0);
  });

  it('never overwrites an existing file', async () => {
    const { knowledge } = copy;
    const path = join(knowledge, 'entries', 'green-tea.md');
    const before = readFileSync(path, 'utf8');
    const result = await kb(['new', 'Green tea?', '--knowledge', knowledge]);
    expect(result.stderr).toBe(`${path} already exists: edit it, or pick another id with --id\n`);
    expect(result.code).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('takes an id, and refuses a question with no words or an unusable id', async () => {
    const { knowledge } = copy;
    const withId = await kb(['new', 'Is matcha stronger?', '--id', 'matcha-strength', '--knowledge', knowledge]);
    expect(withId.code).toBe(0);
    expect(existsSync(join(knowledge, 'entries', 'matcha-strength.md'))).toBe(true);
    const noWords = await kb(['new', '???', '--knowledge', knowledge]);
    expect(noWords.stderr).toContain('"" is not a usable id');
    expect(noWords.code).toBe(2);
    const badId = await kb(['new', 'Tea?', '--id', 'Bad Id', '--knowledge', knowledge]);
    expect(badId.stderr).toContain('"Bad Id" is not a usable id');
    expect(badId.code).toBe(2);
  });
});
