import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLiveAnswerer, KnowledgeError, type LiveAnswerer, type ReloadResult } from '../../../src/index.js';

const fixture = fileURLToPath(new URL('../../fixtures/knowledge-small', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Watching options that record each reload or refusal, and `edit()`, which makes a change and waits until
 * the answerer has dealt with it (failing clearly, not by the test timeout, when nothing comes).
 */
function observeReloads(describeRefusal: (result: ReloadResult) => string = () => '') {
  const events: string[] = [];
  let settled: () => void = () => {};
  return {
    events,
    options: {
      debounceMs: 50,
      onReload: (result: ReloadResult) => (events.push(`reloaded ${result.entries}`), settled()),
      onError: (result: ReloadResult) => (events.push(`kept ${result.entries}: ${describeRefusal(result)}`), settled()),
    },
    async edit(change: () => void): Promise<void> {
      const done = new Promise<void>((resolve) => (settled = resolve));
      change();
      await Promise.race([done, sleep(5000).then(() => Promise.reject(new Error('no reload within 5 s of the edit')))]);
    },
  };
}

describe('createLiveAnswerer', () => {
  let dir: string;
  let live: LiveAnswerer | undefined;
  const entry = (id: string) => join(dir, 'entries', `${id}.md`);
  const original = (id: string) => readFileSync(join(fixture, 'entries', `${id}.md`), 'utf8');
  /** The fixture entry with a version marker in its answer text. */
  const version = (id: string, marker: string) => `${original(id).trimEnd()} [${marker}]\n`;
  const markerOf = (text: string | null) => /\[(v\d+)\]$/.exec(text ?? '')?.[1] ?? 'v0';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rtp-bot-live-'));
    cpSync(fixture, dir, { recursive: true });
  });
  afterEach(() => {
    live?.close();
    live = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('swaps in edited and added entries on reload()', () => {
    const reloads: ReloadResult[] = [];
    live = createLiveAnswerer(dir, { watch: false, onReload: (result) => reloads.push(result) });
    const before = live.current();
    expect(markerOf(before.ask('What is green tea?').answer)).toBe('v0');

    writeFileSync(entry('green-tea'), version('green-tea', 'v1'));
    writeFileSync(
      entry('oolong'),
      original('green-tea')
        .replace('id: green-tea', 'id: oolong')
        .replace('What is green tea?', 'What is oolong?')
        .replace('How is green tea made?', 'How is oolong made?')
        .replace('green tea leaves', 'oolong leaves'),
    );
    const result = live.reload();

    expect(result).toEqual({ ok: true, entries: 5, issues: [] });
    expect(reloads).toEqual([result]);
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v1');
    expect(live.current().ask('What is oolong?').entryId).toBe('oolong');
    // An answerer already handed out is never changed under its holder.
    expect(markerOf(before.ask('What is green tea?').answer)).toBe('v0');
  });

  it('keeps the old knowledge when the new files are invalid, and reports every problem as file:line', () => {
    const errors: ReloadResult[] = [];
    live = createLiveAnswerer(dir, { watch: false, onError: (result) => errors.push(result) });
    writeFileSync(entry('green-tea'), version('green-tea', 'v1').replace('title: What green tea is\n', ''));
    writeFileSync(entry('bike-chain'), version('bike-chain', 'v1').replace('sources: [bike-manual]', 'sources: [no-such-source]'));

    const result = live.reload();

    // Paths outside the working directory are shown in full.
    const file = (id: string) => entry(id);
    expect(result.ok).toBe(false);
    expect(result.entries).toBe(4);
    // (Whether the loader also reports the link to the broken entry is the loader's business, not the reloader's.)
    expect(result.issues.map((issue) => `${issue.file}:${issue.line}: ${issue.message}`)).toEqual(
      expect.arrayContaining([
        `${file('bike-chain')}:9: "sources" must name a known source id (got "no-such-source"; known: tea-guide, bike-manual, unused-almanac)`,
        `${file('green-tea')}:2: "title" is missing`,
      ]),
    );
    expect(errors).toEqual([result]);
    // Neither half of the edit is served: bike-chain (valid on its own) stays as it was too.
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v0');
    expect(markerOf(live.current().ask('How often should I oil my bike chain?').answer)).toBe('v0');

    writeFileSync(entry('green-tea'), version('green-tea', 'v2'));
    writeFileSync(entry('bike-chain'), version('bike-chain', 'v2'));
    expect(live.reload().ok).toBe(true);
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v2');
  });

  it('refuses to start from invalid knowledge', () => {
    writeFileSync(entry('green-tea'), 'no front matter');
    expect(() => createLiveAnswerer(dir, { watch: false })).toThrow(KnowledgeError);
  });

  it('notices edits by itself, after they settle', async () => {
    const reloads = observeReloads((result) => result.issues.find((issue) => issue.file === entry('green-tea'))?.message ?? '');
    live = createLiveAnswerer(dir, reloads.options);

    // A burst of writes becomes one reload.
    await reloads.edit(() => {
      for (const marker of ['v1', 'v2', 'v3']) writeFileSync(entry('green-tea'), version('green-tea', marker));
    });
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v3');

    await reloads.edit(() => writeFileSync(entry('green-tea'), '---\nid: green-tea\n'));
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v3');

    await reloads.edit(() => writeFileSync(entry('green-tea'), version('green-tea', 'v4')));
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v4');
    expect(reloads.events).toEqual(['reloaded 4', 'kept 4: must start with a front matter block: a "---" line, the fields in YAML, and another "---" line', 'reloaded 4']);

    live.close();
    writeFileSync(entry('green-tea'), version('green-tea', 'v5'));
    await sleep(200);
    expect(reloads.events).toHaveLength(3);
  });

  it('follows an entries folder that is replaced as a whole, as a git checkout does', async () => {
    const reloads = observeReloads();
    live = createLiveAnswerer(dir, reloads.options);

    await reloads.edit(() => {
      const entries = join(dir, 'entries');
      const saved = join(dir, 'saved-entries');
      cpSync(entries, saved, { recursive: true });
      rmSync(entries, { recursive: true });
      cpSync(saved, entries, { recursive: true });
      writeFileSync(entry('green-tea'), version('green-tea', 'v1'));
    });
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v1');

    // The new folder is watched too.
    await reloads.edit(() => writeFileSync(entry('green-tea'), version('green-tea', 'v2')));
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v2');
    expect(reloads.events).toEqual(['reloaded 4', 'reloaded 4']);
  });

  it('never gives a wrong or mixed answer while files change under it', async () => {
    let reloads = 0;
    let failures = 0;
    live = createLiveAnswerer(dir, { debounceMs: 5, onReload: () => reloads++, onError: () => failures++ });
    const current = live.current;
    const seen = new Set<string>();
    const problems: string[] = [];
    let writing = true;

    // Asks both questions back to back, as often as the event loop allows, while the writer works.
    const asking = (async () => {
      while (writing) {
        const answerer = current();
        const tea = answerer.ask('What is green tea?');
        const bike = current().ask('How often should I oil my bike chain?');
        if (tea.status !== 'answered' || tea.entryId !== 'green-tea') problems.push(`green tea got ${tea.status} ${tea.entryId}`);
        if (bike.status !== 'answered' || bike.entryId !== 'bike-chain') problems.push(`bike chain got ${bike.status} ${bike.entryId}`);
        const pair = `${markerOf(tea.answer)}/${markerOf(bike.answer)}`;
        seen.add(pair);
        if (markerOf(tea.answer) !== markerOf(bike.answer)) problems.push(`mixed answer ${pair}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    for (let round = 1; round <= 12; round++) {
      const marker = `v${round}`;
      if (round % 4 === 0) {
        // An invalid edit: it must be refused as a whole.
        writeFileSync(entry('green-tea'), version('green-tea', marker).replace('as_of: "2010"', 'as_of: ""'));
        writeFileSync(entry('bike-chain'), version('bike-chain', marker));
      } else if (round % 4 === 2) {
        // A save caught half-way, completed a moment later.
        const full = version('green-tea', marker);
        writeFileSync(entry('green-tea'), full.slice(0, full.length / 3));
        writeFileSync(entry('bike-chain'), version('bike-chain', marker));
        await sleep(15);
        writeFileSync(entry('green-tea'), full);
      } else {
        writeFileSync(entry('green-tea'), version('green-tea', marker));
        writeFileSync(entry('bike-chain'), version('bike-chain', marker));
      }
      await sleep(40);
    }
    await sleep(100);
    writing = false;
    await asking;

    expect(problems).toEqual([]);
    expect(reloads).toBeGreaterThanOrEqual(3);
    expect(failures).toBeGreaterThanOrEqual(1);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    // Versions whose edit was invalid were never served.
    for (const refused of ['v4/v4', 'v8/v8', 'v12/v12']) expect(seen.has(refused)).toBe(false);
    expect(markerOf(live.current().ask('What is green tea?').answer)).toBe('v11');
  });
});
