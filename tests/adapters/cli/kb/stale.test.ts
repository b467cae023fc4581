import { describe, expect, it } from 'vitest';
import { runCli } from '../../../support/processes.js';

const kb = (args: string[]) => runCli('adapters/cli/kb.ts', args);
const dir = 'tests/fixtures/knowledge-reviews';

// knowledge-reviews: review.yaml says 180 days. bike-chain reviewed 2025-01-10 (due 2025-07-09), brewing-tea
// 2025-03-01 (due 2025-08-28), bike-tyres 2025-06-01 every 2 years (due 2027-06-01), green-tea never.
// Several processes per test, run side by side: generous time for a loaded machine (a timeout, not a speed test).
describe.concurrent('npm run kb -- stale', { timeout: 60_000 }, () => {
  it('lists the entries due for review, most overdue first, with owner and the line to edit', async () => {
    const result = await kb(['stale', '--knowledge', dir, '--by', '2025-09-01']);
    expect(result.stdout.trim().split('\n')).toEqual([
      '3 entries due for review by 2025-09-01:',
      `  ${dir}/entries/green-tea.md:2  green-tea  owner: (none named)  never reviewed`,
      `  ${dir}/entries/bike-chain.md:13  bike-chain  owner: Cycling desk  reviewed 2025-01-10, every 180 days, due 2025-07-09 (54 days ago)`,
      `  ${dir}/entries/brewing-tea.md:13  brewing-tea  owner: Tea team  reviewed 2025-03-01, every 180 days, due 2025-08-28 (4 days ago)`,
    ]);
    expect(result.code).toBe(0);
  });

  it('with --strict exits 1 when any entry is due, and 0 when none is', async () => {
    const due = await kb(['stale', '--knowledge', dir, '--by', '2025-09-01', '--strict']);
    expect(due.code).toBe(1);
    const none = await kb(['stale', '--knowledge', dir, '--by', '2025-06-01', '--owner', 'cycling desk', '--strict']);
    expect(none.stdout.trim().split('\n')).toEqual(['0 entries due for review by 2025-06-01:', '  none']);
    expect(none.code).toBe(0);
  });

  it('filters by owner, lists every entry with --all, and gives JSON', async () => {
    const all = await kb(['stale', '--knowledge', dir, '--by', '2025-09-01', '--all', '--owner', 'Cycling desk']);
    expect(all.stdout.trim().split('\n')).toEqual([
      '2 entries, 1 due for review by 2025-09-01:',
      `  ${dir}/entries/bike-chain.md:13  bike-chain  owner: Cycling desk  reviewed 2025-01-10, every 180 days, due 2025-07-09 (54 days ago)`,
      `  ${dir}/entries/bike-tyres.md:13  bike-tyres  owner: Cycling desk  reviewed 2025-06-01, next due 2027-06-01`,
    ]);
    const json = JSON.parse((await kb(['stale', '--knowledge', dir, '--by', '2025-09-01', '--json'])).stdout) as {
      by: string;
      reviews: { entryId: string; daysOverdue: number | null }[];
    };
    expect(json.by).toBe('2025-09-01');
    expect(json.reviews.map((review) => [review.entryId, review.daysOverdue])).toEqual([
      ['green-tea', null],
      ['bike-chain', 54],
      ['brewing-tea', 4],
    ]);
  });

  it('kb check warns about the same entries', async () => {
    const result = await kb(['check', '--knowledge', dir]);
    expect(result.stdout).toContain(
      `${dir}/entries/bike-chain.md:13: warning: due for review since 2025-07-09 (reviewed 2025-01-10, every 180 days; owner: Cycling desk): check it against its sources and set "reviewed" to the date you did\n`,
    );
    expect(result.stdout).toMatch(new RegExp(`^${dir}/entries/green-tea\\.md:2: warning: never reviewed; no "owner" named`, 'm'));
    expect(result.code).toBe(0);
  });

  it('refuses a date it cannot read, and invalid knowledge', async () => {
    const badDate = await kb(['stale', '--knowledge', dir, '--by', 'next week']);
    expect(badDate.stderr).toContain('--by must be a date like 2026-01-31 (got "next week")');
    expect(badDate.code).toBe(2);
    const broken = await kb(['stale', '--knowledge', 'tests/fixtures/knowledge-broken']);
    expect(broken.stderr).toMatch(/bad-yaml\.md:3: unreadable YAML/);
    expect(broken.code).toBe(3);
  });
});
