import { describe, expect, it } from 'vitest';
import { runCli } from '../../../support/processes.js';

const kb = (args: string[]) => runCli('adapters/cli/kb.ts', args);

describe.concurrent('npm run kb -- check', () => {
  it('passes on the real knowledge base (the check runs in npm test)', async () => {
    const result = await kb(['check']);
    expect(result.stdout).not.toMatch(/: error: /);
    expect(result.stdout).toMatch(/^knowledge OK: \d+ entries, \d+ sources; 0 errors, \d+ warnings?$/m);
    expect(result.code).toBe(0);
  });

  it('reports every schema problem as file:line: level: message and exits 1', async () => {
    const result = await kb(['check', '--knowledge', 'tests/fixtures/knowledge-broken']);
    const dir = 'tests/fixtures/knowledge-broken';
    expect(result.stdout.trim().split('\n')).toEqual([
      `${dir}/entries/bad-links.md:11: error: "sources" must name a known source id (got "no-such-source"; known: tea-guide)`,
      `${dir}/entries/bad-links.md:13: error: "related" must name an existing entry id (got "no-such-entry"; known: another-name, bad-links, bad-yaml, missing-fields)`,
      `${dir}/entries/bad-yaml.md:3: error: unreadable YAML in the front matter: the "[" on this line is never closed: end the list with "]", or quote the value if the "[" is part of the text (YAML: Flow sequence in block collection must be sufficiently indented and end with a ])`,
      `${dir}/entries/missing-fields.md:2: error: "title" is missing`,
      `${dir}/entries/missing-fields.md:11: error: "author" is not a known field (known: id, title, questions, tags, sources, as_of, as_of_reason, related, derived_figures, aliases, lead, owner, reviewed, review_every)`,
      `${dir}/entries/no-front-matter.md:1: error: must start with a front matter block: a "---" line, the fields in YAML, and another "---" line`,
      `${dir}/entries/wrong-name.md:2: error: "id" must match the file name: rename the file to another-name.md or the id to match (got "another-name")`,
      `${dir}/sources.yaml:8: error: "id" must be unique (got "tea-guide" twice)`,
      '',
      'knowledge check failed: 8 errors, 0 warnings (lint checks run once these are fixed)',
    ]);
    expect(result.code).toBe(1);
  });

  it('lints valid knowledge: long answers, twin phrasings, unreachable entries, self-links, uncited sources', async () => {
    const result = await kb(['check', '--knowledge', 'tests/fixtures/knowledge-lint']);
    const dir = 'tests/fixtures/knowledge-lint';
    // A twin phrasing is reported on both entries, each naming the other. (Reviews are tested on their own.)
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((line) => line.includes(': warning: never reviewed;'))).toHaveLength(5);
    expect(lines.filter((line) => !line.includes(': warning: never reviewed;'))).toEqual([
      `${dir}/entries/bike-chain.md:5: error: "How often should I oil my bike chain?" is really "Should I oil my bike chain often?", a question of "chain-care" (${dir}/entries/chain-care.md:5): the search sees the same words, so reword one or keep it in one entry`,
      `${dir}/entries/bike-tyres.md:13: error: the answer is 3299 characters with its "As of" lead; one Slack section or Discord embed shows at most 3000: shorten it or split it into two entries`,
      `${dir}/entries/brewing-tea.md:6: error: "How long should tea steep?" is really "How long should the tea steep?", a question of "green-tea" (${dir}/entries/green-tea.md:7): the search sees the same words, so reword one or keep it in one entry`,
      `${dir}/entries/chain-care.md:4: error: unreachable entry: none of its own questions finds "chain-care" as the top match, so users will not either`,
      `${dir}/entries/chain-care.md:5: error: "Should I oil my bike chain often?" is really "How often should I oil my bike chain?", a question of "bike-chain" (${dir}/entries/bike-chain.md:5): the search sees the same words, so reword one or keep it in one entry`,
      `${dir}/entries/chain-care.md:6: warning: "chain lubrication oil" finds "bike-chain" first, not this entry: reword it, or add words that set this entry apart`,
      `${dir}/entries/chain-care.md:7: warning: "Why does my bike chain squeak?" finds "bike-chain" first, not this entry: reword it, or add words that set this entry apart`,
      `${dir}/entries/green-tea.md:7: error: "How long should the tea steep?" is really "How long should tea steep?", a question of "brewing-tea" (${dir}/entries/brewing-tea.md:6): the search sees the same words, so reword one or keep it in one entry`,
      `${dir}/entries/green-tea.md:11: error: "related" points at the entry itself ("green-tea"): remove it`,
      `${dir}/sources.yaml:14: warning: source "unused-almanac" is cited by no entry: cite it or remove it`,
      '',
      'knowledge check failed: 7 errors, 8 warnings',
    ]);
    expect(result.code).toBe(1);
  });

  it('exits 0 when there are warnings only', async () => {
    const result = await kb(['check', '--knowledge', 'tests/fixtures/knowledge-small']);
    const neverReviewed = (id: string) =>
      new RegExp(
        `^tests/fixtures/knowledge-small/entries/${id}\\.md:2: warning: never reviewed; no "owner" named: check it against its sources, then add "reviewed: \\d{4}-\\d{2}-\\d{2}" \\(the date you checked it\\)$`,
      );
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(neverReviewed('bike-chain')),
      expect.stringMatching(neverReviewed('bike-tyres')),
      expect.stringMatching(neverReviewed('brewing-tea')),
      expect.stringMatching(neverReviewed('green-tea')),
      'tests/fixtures/knowledge-small/sources.yaml:14: warning: source "unused-almanac" is cited by no entry: cite it or remove it',
      '',
      'knowledge OK: 4 entries, 3 sources; 0 errors, 5 warnings',
    ]);
    expect(result.code).toBe(0);
  });

  it('checks that the question set names real entries', async () => {
    const result = await kb(['check', '--knowledge', 'tests/fixtures/knowledge-small', '--questions', 'tests/eval/questions.yaml']);
    expect(result.stdout).toMatch(/^tests\/eval\/questions\.yaml:\d+: error: "expect" names no entry: "right-to-provide"$/m);
    expect(result.code).toBe(1);
  });

  it('rejects unknown options with the usage', async () => {
    const result = await kb(['check', '--nope']);
    expect(result.stderr).toContain("Unknown option '--nope'");
    expect(result.stderr).toContain('Usage: npm run kb -- check');
    expect(result.code).toBe(2);
  });
});
