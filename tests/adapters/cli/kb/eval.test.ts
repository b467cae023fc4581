import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verdictOf, type AnswerChange } from '../../../../adapters/cli/eval.js';
import { copyFixture, makeTempDir } from '../../../support/fixture-knowledge.js';
import { runCli } from '../../../support/processes.js';

const kb = (args: string[]) => runCli('adapters/cli/kb.ts', args);

const questionSet = `- q: "chain lubrication"
  expect: bike-chain
- q: "what is oolong"
  expect: green-tea
- q: "how long do I brew tea for"
  expect: brewing-tea
- q: "what is the capital of France"
  expect: decline
`;

describe('verdictOf (the marks --compare gives, and its exit code)', () => {
  const change = (before: string, after: string, expected: string): AnswerChange => ({
    file: 'questions.yaml',
    line: 1,
    question: 'q',
    expected,
    before,
    after,
    beforeRight: expected.split(' | ').includes(before),
    afterRight: expected.split(' | ').includes(after),
  });

  it('calls a right answer or an honest decline that became a wrong answer BROKEN', () => {
    expect(verdictOf(change('bike-chain', 'decline', 'bike-chain'))).toBe('BROKEN');
    expect(verdictOf(change('bike-chain', 'green-tea', 'bike-chain'))).toBe('BROKEN');
    expect(verdictOf(change('decline', 'green-tea', 'bike-chain'))).toBe('BROKEN');
    expect(verdictOf(change('decline', 'green-tea', 'decline'))).toBe('BROKEN');
    // Asking which question was meant is no more a wrong answer than declining.
    expect(verdictOf(change('clarify: green-tea | brewing-tea', 'green-tea', 'bike-chain'))).toBe('BROKEN');
  });

  it('calls a wrong answer that became right fixed, and wrong to other wrong, or wrong to a decline, changed', () => {
    expect(verdictOf(change('decline', 'bike-chain', 'bike-chain'))).toBe('fixed');
    expect(verdictOf(change('green-tea', 'decline', 'decline'))).toBe('fixed');
    expect(verdictOf(change('green-tea', 'brewing-tea', 'bike-chain'))).toBe('changed');
    expect(verdictOf(change('green-tea', 'decline', 'bike-chain'))).toBe('changed');
    expect(verdictOf(change('decline', 'clarify: green-tea | brewing-tea', 'bike-chain'))).toBe('changed');
    expect(verdictOf(change('bike-chain', 'bike-tyres', 'bike-chain | bike-tyres'))).toBe('changed');
  });
});

describe('npm run kb -- eval', () => {
  it('prints the figures for a question set', async () => {
    const result = await kb(['eval', '--knowledge', 'tests/fixtures/knowledge-small', '--questions', 'tests/fixtures/questions-small.yaml']);
    expect(result.stdout).toContain('questions: 4 in scope, 1 out of scope, 0 vague\nanswered correctly:          100.0%  (4 of 4 in scope; top-1)');
    expect(result.stdout).toContain('out-of-scope declined:       100.0%  (1 of 1 out of scope; plain declines only)');
    expect(result.stdout).toContain('wrong answers:               0.0%    (0 of 5 questions)');
    expect(result.code).toBe(0);
  });

  describe('--compare REF, in a temporary git repository', () => {
    let temp: ReturnType<typeof makeTempDir>;
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: temp.dir, stdio: 'pipe' });

    beforeEach(() => {
      temp = makeTempDir();
      copyFixture('knowledge-small', join(temp.dir, 'knowledge'));
      writeFileSync(join(temp.dir, 'questions.yaml'), questionSet);
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'knowledge as it was');
      git('tag', 'before');
      // The edit under review: an entry removed (an answer lost) and a phrasing added (an answer gained).
      rmSync(join(temp.dir, 'knowledge', 'entries', 'bike-chain.md'));
      const tyres = join(temp.dir, 'knowledge', 'entries', 'bike-tyres.md');
      writeFileSync(tyres, readFileSync(tyres, 'utf8').replace('related: [bike-chain]', 'related: []'));
      const green = join(temp.dir, 'knowledge', 'entries', 'green-tea.md');
      writeFileSync(green, readFileSync(green, 'utf8').replace('  - green tea leaves\n', '  - green tea leaves\n  - What is oolong?\n'));
    });
    afterEach(() => temp.remove());

    it('lists the questions whose answer changed, fixed or broken, and both sets of figures', async () => {
      const result = await kb(['eval', '--knowledge', join(temp.dir, 'knowledge'), '--questions', join(temp.dir, 'questions.yaml'), '--compare', 'before']);
      const lines = result.stdout.split('\n');
      expect(lines.slice(0, 7)).toEqual([
        'Knowledge at before compared with the working tree: 2 answers changed.',
        `  ${join(temp.dir, 'questions.yaml')}:1: "chain lubrication" [BROKEN]`,
        '      before: bike-chain  ->  working tree: decline  (expected bike-chain)',
        "      why: answer: it is one of the entry's own phrasings  ->  decline: no entry matched any word of it",
        `  ${join(temp.dir, 'questions.yaml')}:3: "what is oolong" [fixed]`,
        '      before: decline  ->  working tree: green-tea  (expected green-tea)',
        "      why: decline: no entry matched any word of it  ->  answer: it is one of the entry's own phrasings",
      ]);
      expect(result.stdout).toContain('before:\nquestions: 3 in scope, 1 out of scope, 0 vague\nanswered correctly:          66.7%   (2 of 3 in scope; top-1)');
      expect(result.stdout).toContain('working tree:\nquestions: 3 in scope, 1 out of scope, 0 vague\nanswered correctly:          66.7%   (2 of 3 in scope; top-1)');
      // An answer broke, so a script can refuse the edit.
      expect(result.code).toBe(1);
      // The comparison reads the ref through git and leaves the working tree as it was.
      expect(git('status', '--porcelain').toString()).toBe(' D knowledge/entries/bike-chain.md\n M knowledge/entries/bike-tyres.md\n M knowledge/entries/green-tea.md\n');
    });

    it('gives the changes as JSON', async () => {
      const result = await kb(['eval', '--knowledge', join(temp.dir, 'knowledge'), '--questions', join(temp.dir, 'questions.yaml'), '--compare', 'before', '--json']);
      const report = JSON.parse(result.stdout) as { ref: string; changes: unknown[]; before: { top1: number }; after: { top1: number } };
      expect(report.ref).toBe('before');
      expect(report.changes).toEqual([
        {
          file: join(temp.dir, 'questions.yaml'),
          line: 1,
          question: 'chain lubrication',
          expected: 'bike-chain',
          before: 'bike-chain',
          after: 'decline',
          beforeRight: true,
          afterRight: false,
          beforeReason: "answer: it is one of the entry's own phrasings",
          afterReason: 'decline: no entry matched any word of it',
        },
        {
          file: join(temp.dir, 'questions.yaml'),
          line: 3,
          question: 'what is oolong',
          expected: 'green-tea',
          before: 'decline',
          after: 'green-tea',
          beforeRight: false,
          afterRight: true,
          beforeReason: 'decline: no entry matched any word of it',
          afterReason: "answer: it is one of the entry's own phrasings",
        },
      ]);
    });

    it('reports no change against the same knowledge', async () => {
      git('stash', '-q');
      const result = await kb(['eval', '--knowledge', join(temp.dir, 'knowledge'), '--questions', join(temp.dir, 'questions.yaml'), '--compare', 'HEAD']);
      expect(result.stdout.split('\n')[0]).toBe('Knowledge at HEAD compared with the working tree: 0 answers changed.');
      expect(result.code).toBe(0);
    });

    it('names an unknown ref, and refuses one that looks like an option', async () => {
      const unknown = await kb(['eval', '--knowledge', join(temp.dir, 'knowledge'), '--questions', join(temp.dir, 'questions.yaml'), '--compare', 'no-such-branch']);
      expect(unknown.stderr).toContain('--compare: "no-such-branch" is not a branch, tag or commit');
      expect(unknown.code).toBe(2);
      const option = await kb(['eval', '--knowledge', join(temp.dir, 'knowledge'), '--questions', join(temp.dir, 'questions.yaml'), '--compare=--output=x']);
      expect(option.stderr).toContain('--compare: "--output=x" is not a branch, tag or commit');
      expect(option.code).toBe(2);
    });
  });
});
