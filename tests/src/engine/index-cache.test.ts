import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerer, loadKnowledgeCached, readQuestionSet } from '../../../src/index.js';

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

describe('the on-disk knowledge and index cache', () => {
  it('answers exactly as without a cache, on the first start (building it) and the next (reading it)', () => {
    expect(loadKnowledgeCached(dir, cacheDir).cache).toBe('miss');
    const first = createAnswerer(dir, {}, { cacheDir });
    expect(readdirSync(cacheDir).filter((name) => name.startsWith('index-'))).toHaveLength(1);
    expect(loadKnowledgeCached(dir, cacheDir).cache).toBe('hit');
    const second = createAnswerer(dir, {}, { cacheDir });
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
    expect(createAnswerer(dir, {}, { cacheDir }).rankEntries('zanzibarquokka', 1)[0]?.id).toBe('reddish-vale-school');
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('rebuilds a damaged cache and still answers', () => {
    createAnswerer(dir, {}, { cacheDir });
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), 'not a cache');
    expect(loadKnowledgeCached(dir, cacheDir).cache).toBe('miss');
    expect(answersOf(createAnswerer(dir, {}, { cacheDir }))).toEqual(answersOf(uncached));
  });

  it('works without a cache when the cache folder cannot be written', () => {
    const blocked = join(work, 'a-file');
    writeFileSync(blocked, 'in the way');
    expect(loadKnowledgeCached(dir, blocked).cache).toBe('unsaved');
    expect(answersOf(createAnswerer(dir, {}, { cacheDir: blocked }))).toEqual(answersOf(uncached));
  });
});
