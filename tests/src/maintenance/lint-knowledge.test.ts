import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintKnowledge, loadKnowledge, type KnowledgeBase } from '../../../src/index.js';

const small = loadKnowledge(fileURLToPath(new URL('../../fixtures/knowledge-small', import.meta.url)));
const withEntry = (id: string, change: Partial<KnowledgeBase['entries'][number]>): KnowledgeBase => ({
  ...small,
  entries: small.entries.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)),
});
const summary = (knowledge: KnowledgeBase, options = {}) => lintKnowledge(knowledge, options).map((issue) => `${issue.level}: ${issue.message}`);

describe('lintKnowledge', () => {
  it('finds only the uncited source in the small fixture, besides its entries never reviewed', () => {
    const found = summary(small);
    expect(found.filter((line) => !line.startsWith('warning: never reviewed;'))).toEqual(['warning: source "unused-almanac" is cited by no entry: cite it or remove it']);
    expect(found).toHaveLength(1 + small.entries.length);
  });

  it('flags an entry with no sources (possible in knowledge built in code, which skips the schema)', () => {
    expect(summary(withEntry('green-tea', { sources: [] }))).toContain('error: "sources" is empty: every entry must cite at least one source id from sources.yaml');
  });

  it('refuses an "as_of" that overrides the sources\' dates without a reason, and accepts one with it', () => {
    const override = (reason: string | null) => withEntry('green-tea', { asOf: 'spring 2010', asOfOverride: { derived: '2010', reason } });
    expect(summary(override(null))).toContain(
      'error: "as_of" says "spring 2010" where the dates of its sources give "2010": remove it to use theirs, or say in "as_of_reason" why this entry\'s facts date more narrowly',
    );
    expect(summary(override("the guide's tea chapter is dated spring"))).toEqual(summary(small));
  });

  it('measures the answer as shown, "As of" lead included, against maxAnswerLength', () => {
    const shown = Math.max(...small.entries.map((entry) => `As of ${entry.asOf}: ${entry.body}`.length));
    expect(summary(small, { maxAnswerLength: shown })).not.toContainEqual(expect.stringContaining('characters with its "As of" lead'));
    expect(summary(small, { maxAnswerLength: shown - 1 })).toContain(
      `error: the answer is ${shown} characters with its "As of" lead; one Slack section or Discord embed shows at most ${shown - 1}: shorten it or split it into two entries`,
    );
  });

  it('without a locator, points at line 1 of each file', () => {
    const issues = lintKnowledge(withEntry('green-tea', { related: ['green-tea'] }));
    expect(issues.find((issue) => issue.message.startsWith('"related"'))).toMatchObject({ file: expect.stringMatching(/green-tea\.md$/), line: 1, level: 'error' });
  });
});
