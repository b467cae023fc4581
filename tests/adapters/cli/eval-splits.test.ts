import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SplitResult } from '../../../adapters/cli/eval.js';
import { readQuestionSet } from '../../../src/index.js';
import { copyFixture, makeTempDir } from '../../support/fixture-knowledge.js';
import { repoPath, runCli } from '../../support/processes.js';

// tests/fixtures/eval-splits has a tuned questions.yaml and a held-out unseen-held-out.yaml, and no unseen-tuned.yaml.
const knowledge = 'tests/fixtures/knowledge-small';
const splitsDir = 'tests/fixtures/eval-splits';
const heldOutQuestions = readQuestionSet(repoPath(`${splitsDir}/unseen-held-out.yaml`)).flatMap((testCase) => [testCase.question, ...(testCase.after ? [testCase.after] : [])]);
const evaluate = (args: string[]) => runCli('adapters/cli/eval.ts', ['--knowledge', knowledge, ...args]);

describe('npm run eval: the tuned and held-out splits', () => {
  it('reports each split apart, skips a missing file with a note, and lists misses only for the tuned split', async () => {
    const result = await evaluate(['--eval-dir', splitsDir]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      [
        'tests/fixtures/eval-splits/unseen-held-out.yaml:4: warning: this held-out question is a phrasing of entry "bike-chain": that is tuning on it',
        'tests/fixtures/eval-splits/unseen-held-out.yaml:12: warning: this held-out question is a phrasing of entry "green-tea": that is tuning on it',
        '',
      ].join('\n'),
    );
    const [tuned, heldOut] = result.stdout.split(/\n(?=held-out split)/);
    expect(tuned).toMatch(
      /^tuned split \(tune the bot on these\)\n {2}tests\/fixtures\/eval-splits\/questions\.yaml\n {2}skipped tests\/fixtures\/eval-splits\/unseen-tuned\.yaml: not there\n/,
    );
    expect(tuned).toContain('questions: 4 in scope, 1 out of scope, 0 vague');
    expect(tuned).toContain('answered correctly:          75.0%   (3 of 4 in scope; top-1)');
    expect(tuned).toContain('misses (1; 0 wrong answers):\n  tests/fixtures/eval-splits/questions.yaml:9: "what is the capital of France"\n      expected bike-tyres, got decline');
    expect(heldOut).toMatch(/^held-out split \(never tune on these: figures only, no questions\)\n {2}tests\/fixtures\/eval-splits\/unseen-held-out\.yaml\n/);
    expect(heldOut).toContain('questions: 2 in scope, 1 out of scope, 1 vague');
    expect(heldOut).toContain('vague not answered:          0.0%    (0 of 1 vague; clarified or declined)');
    expect(heldOut).toContain('wrong answers:               25.0%   (1 of 4 questions)');
    expect(heldOut).not.toContain('misses');
    for (const question of heldOutQuestions) expect(result.stdout).not.toContain(question);
  });

  it('gives the same as JSON, still without a held-out question', async () => {
    const result = await evaluate(['--eval-dir', splitsDir, '--json']);
    expect(result.code).toBe(0);
    const { splits } = JSON.parse(result.stdout) as { splits: SplitResult[] };
    expect(splits.map((split) => [split.name, split.heldOut, split.files.map((file) => [file.path.endsWith('.yaml'), file.present])])).toEqual([
      [
        'tuned',
        false,
        [
          [true, true],
          [true, false],
          [true, false],
        ],
      ],
      [
        'held-out',
        true,
        [
          [true, true],
          [true, false],
        ],
      ],
    ]);
    expect(splits[0]!.report).toMatchObject({
      inScope: 4,
      outOfScope: 1,
      vague: 0,
      counts: { answeredCorrectly: 3, wrongAnswers: 0 },
      misses: [{ line: 9, expected: 'bike-tyres', got: 'decline', wrong: false }],
    });
    expect(splits[1]!.report).toMatchObject({ inScope: 2, outOfScope: 1, vague: 1, counts: { answeredCorrectly: 1, declined: 1, vagueNotAnswered: 0, wrongAnswers: 1 } });
    expect(splits[1]!.report).not.toHaveProperty('misses');
    for (const question of heldOutQuestions) expect(result.stdout).not.toContain(question);
  });

  it('prints no held-out question even when a held-out file is given with --questions', async () => {
    const result = await evaluate(['--questions', `${splitsDir}/unseen-held-out.yaml`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrong answers:               25.0%   (1 of 4 questions)');
    for (const question of heldOutQuestions) expect(result.stdout).not.toContain(question);
  });

  describe('with split files of its own', () => {
    let temp: ReturnType<typeof makeTempDir>;
    beforeEach(() => {
      temp = makeTempDir('rtp-eval-splits-');
      copyFixture('eval-splits', temp.dir);
    });
    afterEach(() => temp.remove());

    it('reports each tuned file on one line beside the split’s total; an empty file is an error, a split with no file says so', async () => {
      writeFileSync(join(temp.dir, 'unseen-tuned.yaml'), '- q: "Why does my chain squeak?"\n  expect: bike-chain\n- q: "What is green tea?"\n  expect: vague\n');
      writeFileSync(join(temp.dir, 'unseen-held-out.yaml'), '');
      const dir = temp.dir;
      await expect(evaluate(['--eval-dir', dir])).resolves.toMatchObject({
        code: 3,
        stderr: expect.stringContaining(`${join(dir, 'unseen-held-out.yaml')}:1: must be a list of { q, expect } items`),
      });
      writeFileSync(join(temp.dir, 'unseen-held-out.yaml'), readFileSync(repoPath(`${splitsDir}/unseen-held-out.yaml`)));
      const result = await evaluate(['--eval-dir', dir]);
      expect(result.stdout).toContain(`  ${join(dir, 'questions.yaml')}: answered correctly 75.0%, or one click away 75.0%, out-of-scope declined 100.0%, wrong answers 0`);
      expect(result.stdout).toContain(`  ${join(dir, 'unseen-tuned.yaml')}: answered correctly 100.0%, or one click away 100.0%, out-of-scope declined 100.0%, wrong answers 1`);
      expect(result.stdout).toContain('questions: 5 in scope, 1 out of scope, 1 vague');
      expect(result.stdout).toContain(`  ${join(dir, 'unseen-tuned.yaml')}:3: "What is green tea?" [WRONG]\n      expected vague, got green-tea`);
      rmSync(join(dir, 'unseen-held-out.yaml'));
      const none = await evaluate(['--eval-dir', dir]);
      expect(none.stdout).toMatch(
        /\n\nheld-out split \(never tune on these: figures only, no questions\)\n {2}skipped .*unseen-held-out\.yaml: not there\n {2}skipped .*unseen-2-held-out\.yaml: not there\n {2}no questions to evaluate\n$/,
      );
    });

    it('names every problem by file:line and exits 3: an unknown entry, a bad item', async () => {
      writeFileSync(join(temp.dir, 'unseen-tuned.yaml'), '- q: "Why does my chain squeak?"\n  expect: bike-chian\n- q: "What is green tea?"\n  expect: [vague, green-tea]\n');
      const result = await evaluate(['--eval-dir', temp.dir]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`${join(temp.dir, 'unseen-tuned.yaml')}:4: "expect" takes "decline", "vague" or "small_talk" on its own, not in a list of entry ids`);
      writeFileSync(join(temp.dir, 'unseen-tuned.yaml'), '- q: "Why does my chain squeak?"\n  expect: bike-chian\n');
      const unknown = await evaluate(['--eval-dir', temp.dir]);
      expect(unknown.code).toBe(3);
      expect(unknown.stderr).toContain(`${join(temp.dir, 'unseen-tuned.yaml')}:1: "expect" names no entry: "bike-chian"`);
      expect(unknown.stderr).not.toMatch(/\n\s+at /);
    });

    it('warns by file:line, without the question, when a held-out question is also tuned on', async () => {
      writeFileSync(join(temp.dir, 'unseen-tuned.yaml'), '- q: "When does the Prado open?"\n  expect: decline\n');
      const result = await evaluate(['--eval-dir', temp.dir]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain(
        `${join(temp.dir, 'unseen-held-out.yaml')}:9: warning: this held-out question is also in the tuned split (${join(temp.dir, 'unseen-tuned.yaml')}:1): it is no longer unseen\n`,
      );
      expect(result.stderr).not.toMatch(/Prado/i);
    });
  });

  it('refuses --questions together with --eval-dir', async () => {
    const result = await evaluate(['--eval-dir', splitsDir, '--questions', `${splitsDir}/questions.yaml`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give either --questions or --eval-dir, not both');
  });
});
