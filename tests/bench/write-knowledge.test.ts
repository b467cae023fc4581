import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKnowledge, writeKnowledge } from '../../bench/synthetic.js';
import { loadKnowledge } from '../../src/index.js';
import { realKnowledgeDir } from '../support/fixture-knowledge.js';

const out = mkdtempSync(join(tmpdir(), 'rtp-bot-bench-write-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("the benchmark's synthetic knowledge on disk", () => {
  it('loads back as written: the same entries, sources with their dates, and each "As of"', () => {
    const generated = generateKnowledge(loadKnowledge(realKnowledgeDir), { count: 120, seed: 3 });
    writeKnowledge(generated, out, realKnowledgeDir);
    const loaded = loadKnowledge(out);
    expect(loaded.sources).toEqual(generated.sources);
    expect(loaded.entries.map(({ id, asOf, body }) => ({ id, asOf, body }))).toEqual(generated.entries.map(({ id, asOf, body }) => ({ id, asOf, body })));
  });
});
