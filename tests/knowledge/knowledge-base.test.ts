import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readKnowledge } from '../../src/index.js';
import { realKnowledgeDir } from '../support/fixture-knowledge.js';

const report = readKnowledge(realKnowledgeDir);
const knowledge = report.knowledge;
// CI clones the repository with shared/ beside it; the source texts are never copied into the repo.
const sourcesDir = fileURLToPath(new URL('../../../shared/sources', import.meta.url));

describe('the real knowledge base', () => {
  it('loads with no problems', () => {
    expect(report.issues.map((issue) => `${issue.file}:${issue.line}: ${issue.message}`)).toEqual([]);
    expect(knowledge).not.toBeNull();
  });

  it('has 50 to 90 entries, each with at least 3 phrasings and a short answer', () => {
    const entries = knowledge?.entries ?? [];
    expect(entries.length).toBeGreaterThanOrEqual(50);
    expect(entries.length).toBeLessThanOrEqual(90);
    for (const entry of entries) {
      expect(entry.questions.length, entry.id).toBeGreaterThanOrEqual(3);
      expect(entry.body.split(/\s+/).length, entry.id).toBeLessThanOrEqual(200);
    }
  });

  it('cites every source at least three times', () => {
    for (const source of knowledge?.sources ?? []) {
      const citing = (knowledge?.entries ?? []).filter((entry) => entry.sources.includes(source.id));
      expect(citing.length, source.id).toBeGreaterThanOrEqual(3);
    }
  });

  it('names a source file that exists for every source', () => {
    if (!existsSync(sourcesDir)) return expect(existsSync(realKnowledgeDir)).toBe(true);
    const files = new Set(readdirSync(sourcesDir));
    for (const source of knowledge?.sources ?? []) expect(files.has(source.file), source.file).toBe(true);
  });

  it.skipIf(!existsSync(sourcesDir))('repeats no run of 10 words from a source document', () => {
    const words = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'").replace(/[^a-z0-9£%'.]+/g, ' ').split(' ').filter(Boolean);
    const shingles = new Set<string>();
    for (const file of readdirSync(sourcesDir).filter((name) => name.endsWith('.txt'))) {
      const list = words(readFileSync(join(sourcesDir, file), 'utf8'));
      for (let i = 0; i + 10 <= list.length; i++) shingles.add(list.slice(i, i + 10).join(' '));
    }
    const copied: string[] = [];
    const files = [join(realKnowledgeDir, 'sources.yaml'), ...readdirSync(join(realKnowledgeDir, 'entries')).map((name) => join(realKnowledgeDir, 'entries', name))];
    for (const file of files) {
      const list = words(readFileSync(file, 'utf8'));
      for (let i = 0; i + 10 <= list.length; i++) {
        const run = list.slice(i, i + 10).join(' ');
        if (shingles.has(run)) copied.push(`${file}: ${run}`);
      }
    }
    expect(copied).toEqual([]);
  });
});
