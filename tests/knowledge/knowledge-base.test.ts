import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatKnowledgeIssue, readKnowledge, verifyKnowledge } from '../../src/index.js';
import { realKnowledgeDir } from '../support/fixture-knowledge.js';

const report = readKnowledge(realKnowledgeDir);
const knowledge = report.knowledge;
// CI clones the repository with shared/ beside it; the source texts are never copied into the repo.
// The same folder `npm run kb -- verify` uses by default.
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

  it.skipIf(!existsSync(sourcesDir))(`passes kb verify: every quotation word for word, every figure in its sources, no copied or nearly copied run, no estimate stated as exact, every alias role in a source${existsSync(sourcesDir) ? '' : ' (skipped: no ../shared/sources beside the repository)'}`, () => {
    const result = verifyKnowledge(realKnowledgeDir, sourcesDir);
    expect(result.issues.map((issue) => formatKnowledgeIssue(issue, { withLevel: true }))).toEqual([]);
    expect(result.counts).toMatchObject({ quoteProblems: 0, unexplainedFigures: 0, copiedRuns: 0, nearCopies: 0, firmEstimates: 0, unsupportedRoles: 0 });
    // Not vacuous: the knowledge quotes and gives figures, and all were checked.
    expect(result.counts.quotes).toBeGreaterThan(20);
    expect(result.counts.figures).toBeGreaterThan(100);
    expect(result.counts.roleAliases).toBeGreaterThan(5);
  });
});
