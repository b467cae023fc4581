import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerer, defaultDecisionModel, loadKnowledgeCached, readQuestionSet } from '../../../src/index.js';

const knowledgeDir = fileURLToPath(new URL('../../../knowledge', import.meta.url));
const questions = readQuestionSet(fileURLToPath(new URL('../../eval/questions.yaml', import.meta.url)))
  .map((testCase) => testCase.question)
  .slice(0, 60);
const uncached = createAnswerer(knowledgeDir);
const answersOf = (answerer: ReturnType<typeof createAnswerer>) => questions.map((question) => ({ answer: answerer.ask(question), rank: answerer.rankEntries(question, 5) }));

let work: string;
let dir: string;
let cacheDir: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'rtp-bot-cache-'));
  dir = join(work, 'knowledge');
  cacheDir = join(work, 'cache');
  cpSync(knowledgeDir, dir, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The cache folder's files, each with its inode and modification time: a file rewritten, or replaced, shows. */
const cacheFiles = (): Record<string, string> =>
  Object.fromEntries(
    readdirSync(cacheDir)
      .sort()
      .map((name) => {
        const stat = statSync(join(cacheDir, name));
        return [name, `${stat.ino}:${stat.mtimeMs}`];
      }),
  );

describe('the on-disk knowledge and index cache', () => {
  it('answers exactly as without a cache, on the first start (building it) and the next (reading it)', () => {
    expect(loadKnowledgeCached(dir, cacheDir).cache).toBe('miss');
    expect(loadKnowledgeCached(dir, cacheDir).cache).toBe('hit');
    const first = createAnswerer(dir, {}, { cacheDir });
    const built = cacheFiles();
    expect(Object.keys(built).filter((name) => name.startsWith('index-'))).toHaveLength(1);
    expect(Object.keys(built).filter((name) => name.startsWith('knowledge-'))).toHaveLength(1);
    const second = createAnswerer(dir, {}, { cacheDir });
    // Read, not written again.
    expect(cacheFiles()).toEqual(built);
    const expected = answersOf(uncached);
    expect(answersOf(first)).toEqual(expected);
    expect(answersOf(second)).toEqual(expected);
  });

  it('notices an edited knowledge file and answers from the new text', () => {
    createAnswerer(dir, {}, { cacheDir });
    const before = loadKnowledgeCached(dir, cacheDir);
    const file = join(dir, 'entries', 'reddish-vale-school.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^questions:\n/m, 'questions:\n  - Which school has a zanzibarquokka?\n'));
    const after = loadKnowledgeCached(dir, cacheDir);
    expect(after.cache).toBe('miss');
    expect(after.key).not.toBe(before.key);
    const files = Object.keys(cacheFiles());
    expect(createAnswerer(dir, {}, { cacheDir }).rankEntries('zanzibarquokka', 1)[0]?.id).toBe('reddish-vale-school');
    // The stale files are gone: one knowledge file and one index, both new.
    expect(Object.keys(cacheFiles())).toHaveLength(2);
    expect(Object.keys(cacheFiles())).not.toEqual(files.filter((name) => name.startsWith('index-')));
  });

  it('is keyed by the decision model: another model rebuilds it, and answers by that model', () => {
    createAnswerer(dir, {}, { cacheDir });
    const withShipped = cacheFiles();
    const shipped = defaultDecisionModel();
    // A model that answers nothing: the cache must not be read as if made for the shipped one, and the answers follow it.
    const timid: typeof shipped = { ...shipped, thresholds: { ...shipped.thresholds, answer: 1.01, clarify: 1.01 } };
    const answerer = createAnswerer(dir, {}, { cacheDir, model: timid });
    const knowledgeFiles = (files: Record<string, string>) => Object.keys(files).filter((name) => name.startsWith('knowledge-'));
    expect(knowledgeFiles(cacheFiles())).toHaveLength(1);
    expect(knowledgeFiles(cacheFiles())).not.toEqual(knowledgeFiles(withShipped));
    const timidAnswers = answersOf(answerer);
    expect(timidAnswers).toEqual(answersOf(createAnswerer(knowledgeDir, {}, { model: timid })));
    expect(timidAnswers).not.toEqual(answersOf(uncached));
    expect(answersOf(createAnswerer(dir, {}, { cacheDir }))).toEqual(answersOf(uncached));
  });

  it('rebuilds a damaged cache, says so once, and answers exactly as without one', () => {
    createAnswerer(dir, {}, { cacheDir });
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), 'not a cache');
    const notes: string[] = [];
    expect(answersOf(createAnswerer(dir, {}, { cacheDir, onCacheDamaged: (folder) => notes.push(folder) }))).toEqual(answersOf(uncached));
    expect(notes).toEqual([cacheDir]);
    // Rebuilt: the next start reads it without a note.
    createAnswerer(dir, {}, { cacheDir, onCacheDamaged: (folder) => notes.push(folder) });
    expect(notes).toHaveLength(1);
  });

  it('never reads a cache file whose content was changed after it was written, even into valid JSON', () => {
    createAnswerer(dir, {}, { cacheDir });
    const [knowledgeFile] = readdirSync(cacheDir).filter((name) => name.startsWith('knowledge-'));
    const path = join(cacheDir, knowledgeFile!);
    const text = readFileSync(path, 'utf8');
    // The same length and still JSON, but an entry's answer says something else.
    writeFileSync(path, text.replace('Right to Provide', 'Right to Pravide'));
    expect(readFileSync(path, 'utf8')).not.toBe(text);
    const damaged: string[] = [];
    const answerer = createAnswerer(dir, {}, { cacheDir, onCacheDamaged: (folder) => damaged.push(folder) });
    expect(damaged).toEqual([cacheDir]);
    expect(answersOf(answerer)).toEqual(answersOf(uncached));
  });

  it('works without a cache when the cache folder cannot be written', () => {
    const blocked = join(work, 'a-file');
    writeFileSync(blocked, 'in the way');
    expect(loadKnowledgeCached(dir, blocked).cache).toBe('unsaved');
    expect(answersOf(createAnswerer(dir, {}, { cacheDir: blocked }))).toEqual(answersOf(uncached));
    expect(readFileSync(blocked, 'utf8')).toBe('in the way');
  });
});
