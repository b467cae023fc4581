import { readFileSync, writeFileSync as writeFile } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultReviewEveryDays, loadKnowledge, ownerProblem, readKnowledge } from '../../../src/index.js';
import { copyFixture, makeTempDir } from '../../support/fixture-knowledge.js';

const temps: { remove(): void }[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

/** knowledge-small with extra front matter lines in green-tea.md, and optionally a review.yaml. */
function withGreenTea(lines: string[], reviewYaml?: string): string {
  const temp = makeTempDir('rtp-kb-');
  temps.push(temp);
  const dir = copyFixture('knowledge-small', temp.dir);
  const file = join(dir, 'entries', 'green-tea.md');
  writeFile(file, readFileSync(file, 'utf8').replace('related: [brewing-tea]\n', `related: [brewing-tea]\n${lines.map((line) => `${line}\n`).join('')}`));
  if (reviewYaml !== undefined) writeFile(join(dir, 'review.yaml'), reviewYaml);
  return dir;
}

const problemsOf = (dir: string): string[] => readKnowledge(dir).issues.filter((issue) => issue.level === 'error').map((issue) => `${issue.line}: ${issue.message}`);

describe('owner, reviewed and review_every in the front matter', () => {
  it('are optional, and read when given (review_every as days)', () => {
    const plain = loadKnowledge(withGreenTea([]));
    expect(plain.entries.find((entry) => entry.id === 'green-tea')).not.toHaveProperty('owner');
    expect(plain.reviewEveryDays).toBe(defaultReviewEveryDays);
    const entry = loadKnowledge(withGreenTea(['owner: Tea team', 'reviewed: 2026-01-31', 'review_every: 6 months'])).entries.find((item) => item.id === 'green-tea');
    expect(entry).toMatchObject({ owner: 'Tea team', reviewed: '2026-01-31', reviewEveryDays: 180 });
  });

  it('reads review_every as days, weeks, months (30 days) or years (365 days)', () => {
    const days = (period: string) => loadKnowledge(withGreenTea([`review_every: ${period}`])).entries.find((entry) => entry.id === 'green-tea')?.reviewEveryDays;
    expect([days('90'), days('90 days'), days('1 day'), days('2 weeks'), days('6 months'), days('1 year'), days('2 Years')]).toEqual([90, 90, 1, 14, 180, 365, 730]);
  });

  it('rejects an owner that is a person or an address, saying to name a team or role', () => {
    for (const owner of ['Jane Smith', 'jane.smith@example.org', 'Dr Patel', 'Mary-Ann O\'Neil', 'J. Bloggs']) {
      const problems = problemsOf(withGreenTea([`owner: "${owner.replace(/"/g, '\\"')}"`]));
      expect(problems, owner).toEqual([expect.stringMatching(/^12: "owner" must (be a team or role, not a person|not be an email or web address) \(got ".+"(, which looks like a personal name)?\): name a team or role that outlasts any one person, e.g. "Policy team" or "Knowledge maintainers"$/)]);
    }
    expect(problemsOf(withGreenTea(['owner: Jane Smith']))[0]).toContain('which looks like a personal name');
    expect(problemsOf(withGreenTea(['owner: jane@example.org']))[0]).toContain('must not be an email or web address');
  });

  it('accepts teams and roles', () => {
    for (const owner of ['Policy team', 'Knowledge maintainers', 'Comms', 'Head of Policy', 'Mutuals Support Programme', 'tea-desk', 'HR']) {
      expect(ownerProblem(owner), owner).toBeNull();
      expect(problemsOf(withGreenTea([`owner: ${owner}`])), owner).toEqual([]);
    }
  });

  it('rejects a review date not written YYYY-MM-DD or not on the calendar, and a period it cannot read', () => {
    expect(problemsOf(withGreenTea(['reviewed: 31/01/2026']))).toEqual(['12: "reviewed" must be a date written YYYY-MM-DD, e.g. 2026-01-31']);
    expect(problemsOf(withGreenTea(['reviewed: 2026-02-30']))).toEqual(['12: "reviewed" must be a date written YYYY-MM-DD, e.g. 2026-01-31']);
    expect(problemsOf(withGreenTea(['review_every: soon']))).toEqual(['12: "review_every" must be a period like "365 days", "6 months" or "1 year"']);
    expect(problemsOf(withGreenTea(['review_every: 0 days']))).toEqual(['12: "review_every" must be a period like "365 days", "6 months" or "1 year"']);
  });

  it('takes the knowledge-wide period from review.yaml, and reports a bad one there', () => {
    expect(loadKnowledge(withGreenTea([], '# comment\nreview_every: 1 year\n')).reviewEveryDays).toBe(365);
    expect(loadKnowledge(withGreenTea([], 'review_every: 90 days\n')).reviewEveryDays).toBe(90);
    const bad = readKnowledge(withGreenTea([], 'review_every: often\nowner: x\n')).issues.map((issue) => `${issue.file.replace(/.*\//, '')}:${issue.line}: ${issue.message}`);
    expect(bad).toEqual(['review.yaml:1: "review_every" must be a period like "365 days", "6 months" or "1 year"', 'review.yaml:2: "owner" is not a known field (known: review_every)']);
  });
});
