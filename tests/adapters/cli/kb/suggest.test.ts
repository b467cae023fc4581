import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge, readQuestionLog, suggestPhrasings } from '../../../../src/index.js';
import { copyFixture, useKnowledgeCopy } from '../../../support/fixture-knowledge.js';
import { repoPath, runCli } from '../../../support/processes.js';

const kb = (args: string[]) => runCli('adapters/cli/kb.ts', args);
const log = 'tests/fixtures/question-log-suggest.jsonl';
const questions = 'tests/fixtures/questions-suggest.yaml';
const fixtureText = (entry: string) => readFileSync(repoPath(`tests/fixtures/knowledge-small/entries/${entry}.md`), 'utf8');

// What the fixture log proposes, worked out in-process: the ids the CLI must print.
const expected = suggestPhrasings(readQuestionLog(readFileSync(repoPath(log), 'utf8')).records, loadKnowledge(repoPath('tests/fixtures/knowledge-small')));
const idOf = (phrasing: string) => [...expected.suggestions, ...expected.heldBack].find((item) => item.phrasing === phrasing)!.id;

// Several processes per test: generous time for a loaded machine (a timeout, not a speed test).
describe('npm run kb -- suggest', { timeout: 60_000 }, () => {
  it('lists proposals with their evidence, what was held back and why, and the misunderstood answers', async () => {
    const result = await kb(['suggest', '--knowledge', 'tests/fixtures/knowledge-small', '--log', log]);
    const lines = result.stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'Proposed phrasings (3; each with at least 2 confirmations):',
      `  ${idOf('my wheel keeps going soft')}  bike-tyres  + "my wheel keeps going soft"`,
      '      2 confirmations (chosen from suggestions 3x); asked 3 times by 2 people, 2026-01-05 to 2026-01-20, on discord, slack',
      `  ${idOf('What temperature for tea water?')}  brewing-tea  + "What temperature for tea water?"`,
      '      2 confirmations (👍 on an unsure answer 2x); asked 2 times by 2 people, 2026-01-09 to 2026-01-15, on discord, slack',
      `  ${expected.suggestions[2]!.id}  brewing-tea  + "tea tastes bitter"`,
      '      2 confirmations (chosen from suggestions 2x); asked 3 times, 2026-01-06 to 2026-01-08, on cli',
      '      also chosen: green-tea (1)',
    ]);
    expect(result.stdout).toContain(`\nAdd them with: npm run kb -- suggest --accept ${expected.suggestions.map((item) => item.id).join(' ')}\n`);
    expect(result.stdout).toContain(`\nHeld back (4):\n  ${idOf('repair puncture')}  bike-chain  "repair puncture": the search already reads it as a phrasing of bike-tyres\n`);
    expect(result.stdout).toContain(`  ${idOf('hello')}  green-tea  "hello": none of its words appears in the knowledge\n`);
    expect(result.stdout).toContain(`  ${idOf('rusty chain')}  bike-chain  "rusty chain": 1 confirmation, below the 2 needed\n`);
    expect(result.stdout).toContain(
      '\nMisunderstood answers, rated 👎 (2), for a person to look at; never accepted automatically:\n' +
        '     2x  green-tea  "Is green tea good for you?"  2026-01-13 to 2026-01-14, on discord, slack\n' +
        '     1x  bike-chain  "chain keeps slipping"  2026-01-16, on slack\n',
    );
    expect(result.stderr).toBe(
      `${log}:8: warning: skipped: is not a question or feedback record (wrong or missing: time, platform, answerId, question, status, entryId, score, confidence)\n`,
    );
    expect(result.code).toBe(0);
  });

  it('gives the same report as JSON, and takes a threshold', async () => {
    const json = await kb(['suggest', '--knowledge', 'tests/fixtures/knowledge-small', '--log', log, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    const one = JSON.parse((await kb(['suggest', '--knowledge', 'tests/fixtures/knowledge-small', '--log', log, '--json', '--min', '1'])).stdout) as typeof expected;
    expect(one.suggestions.map((item) => item.phrasing)).toContain('rusty chain');
  });

  describe('--accept, on a copy of the knowledge', () => {
    const copy = useKnowledgeCopy();
    const entryText = (entry: string) => readFileSync(join(copy.knowledge, 'entries', `${entry}.md`), 'utf8');

    it('adds the phrasings, keeps each file as it was otherwise, and turns evaluation misses into hits', async () => {
      const { knowledge } = copy;
      const ids = [idOf('my wheel keeps going soft'), expected.suggestions[2]!.id];
      const result = await kb(['suggest', '--accept', ...ids, '--knowledge', knowledge, '--questions', questions, '--log', log]);
      expect(result.stdout.split('\n').slice(0, 5)).toEqual([
        `Added "my wheel keeps going soft" to ${knowledge}/entries/bike-tyres.md:8`,
        `Added "tea tastes bitter" to ${knowledge}/entries/brewing-tea.md:8`,
        '',
        'Checks passed: no errors, no new warnings.',
        '',
      ]);
      // Before, the engine declines the first and answers the second wrongly or asks which was meant.
      const evaluation = result.stdout.slice(result.stdout.indexOf('Evaluation ('));
      expect(evaluation.split('\n').slice(0, 3)).toEqual([
        `Evaluation (${questions}): 2 answers changed.`,
        `  ${questions}:3: "wheel going soft" [fixed]  decline -> bike-tyres  (expected bike-tyres)`,
        expect.stringMatching(new RegExp(`^  ${questions}:5: "my tea tastes bitter" \\[fixed\\]  (green-tea|clarify: [a-z| -]+) -> brewing-tea  \\(expected brewing-tea\\)$`)),
      ]);
      expect(result.stdout).toContain('before:\nquestions: 5 in scope, 1 out of scope, 0 vague\nanswered correctly:          60.0%   (3 of 5 in scope; top-1)');
      expect(result.stdout).toContain('after:\nquestions: 5 in scope, 1 out of scope, 0 vague\nanswered correctly:          100.0%  (5 of 5 in scope; top-1)');
      expect(result.code).toBe(0);

      // One line added to each file, after its last phrasing; nothing else moved.
      expect(entryText('bike-tyres')).toBe(
        fixtureText('bike-tyres').replace('  - What pressure should bike tyres have?\n', '  - What pressure should bike tyres have?\n  - my wheel keeps going soft\n'),
      );
      expect(entryText('brewing-tea')).toBe(fixtureText('brewing-tea').replace('  - tea brewing time\n', '  - tea brewing time\n  - tea tastes bitter\n'));
      expect(entryText('green-tea')).toBe(fixtureText('green-tea'));

      // The evaluation on its own agrees: the misses are hits now.
      const evalRun = await kb(['eval', '--knowledge', knowledge, '--questions', questions]);
      expect(evalRun.stdout).toContain('answered correctly:          100.0%  (5 of 5 in scope; top-1)');
    });

    it('never runs the held-out questions, whose questions it would show', async () => {
      const { knowledge } = copy;
      const result = await kb(['suggest', '--accept', idOf('my wheel keeps going soft'), '--knowledge', knowledge, '--log', log, '--questions', 'tests/eval/unseen-held-out.yaml']);
      expect(result.stderr).toContain('--questions tests/eval/unseen-held-out.yaml: held-out questions are never shown');
      expect(result.code).toBe(2);
      expect(entryText('bike-tyres')).toBe(fixtureText('bike-tyres'));
    });

    it('refuses a held-back or unknown id, or no id, and changes nothing', async () => {
      const { knowledge } = copy;
      const held = await kb(['suggest', '--accept', idOf('rusty chain'), '--knowledge', knowledge, '--log', log]);
      expect(held.stderr).toContain(`${idOf('rusty chain')} ("rusty chain" for bike-chain) is held back: 1 confirmation, below the 2 needed. Nothing was changed.`);
      expect(held.code).toBe(1);
      const unknown = await kb(['suggest', '--accept', 'deadbeef', '--knowledge', knowledge, '--log', log]);
      expect(unknown.stderr).toContain(`no proposal has the id "deadbeef" (proposed now: ${expected.suggestions.map((item) => item.id).join(', ')})`);
      expect(unknown.code).toBe(2);
      const none = await kb(['suggest', '--accept', '--knowledge', knowledge, '--log', log]);
      expect(none.stderr).toContain('--accept needs the ids of the proposals to add');
      expect(none.code).toBe(2);
      for (const entry of ['bike-chain', 'bike-tyres', 'brewing-tea', 'green-tea']) expect(entryText(entry)).toBe(fixtureText(entry));
    });

    it('refuses a phrasing its entry cannot answer, saying why, and changes nothing', async () => {
      const { knowledge } = copy;
      // Two people asked how much a tube costs and chose the tyre entry, whose answer gives no price.
      const records = ['c3', 'd4'].flatMap((asker, index) => [
        {
          type: 'question',
          time: `2026-01-2${index}T10:00:00.000Z`,
          platform: 'slack',
          answerId: `p${index}`,
          question: 'how much does a new inner tube cost',
          status: 'no_match',
          entryId: null,
          score: 2,
          confidence: null,
          asker: asker.repeat(32),
          via: 'command',
        },
        {
          type: 'question',
          time: `2026-01-2${index}T10:00:20.000Z`,
          platform: 'slack',
          answerId: `r${index}`,
          question: 'How do I fix a flat bicycle tyre?',
          status: 'answered',
          entryId: 'bike-tyres',
          score: 8.5,
          confidence: 'high',
          asker: asker.repeat(32),
          via: 'button',
          followedFrom: `p${index}`,
        },
      ]);
      const priceLog = join(copy.dir, 'price.jsonl');
      writeFileSync(priceLog, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
      const proposed = suggestPhrasings(readQuestionLog(readFileSync(priceLog, 'utf8')).records, loadKnowledge(knowledge)).suggestions;
      expect(proposed.map((item) => `${item.entryId}: ${item.phrasing}`)).toEqual(['bike-tyres: how much does a new inner tube cost']);
      const result = await kb(['suggest', '--accept', proposed[0]!.id, '--knowledge', knowledge, '--log', priceLog]);
      expect(result.stdout.split('\n')).toEqual([
        `${proposed[0]!.id}  bike-tyres  "how much does a new inner tube cost" asks how much, but the answer text gives no amount and does not say the sources lack one: add the fact from a cited source, say plainly that the sources do not give it, or remove the phrasing`,
        '',
        'Refused: 1 phrasing its entry cannot answer as it stands, so nothing was changed.',
        '',
      ]);
      expect(result.code).toBe(1);
      expect(entryText('bike-tyres')).toBe(fixtureText('bike-tyres'));
    });

    it('refuses to edit knowledge the checks already fail, and changes nothing', async () => {
      const lint = copyFixture('knowledge-lint', join(copy.dir, 'lint'));
      const before = readFileSync(join(lint, 'entries', 'brewing-tea.md'), 'utf8');
      const result = await kb(['suggest', '--accept', expected.suggestions[2]!.id, '--knowledge', lint, '--log', log]);
      expect(result.stdout).toContain('npm run kb -- check finds errors already: fix them first, then accept. Nothing was changed.');
      expect(result.code).toBe(1);
      expect(readFileSync(join(lint, 'entries', 'brewing-tea.md'), 'utf8')).toBe(before);
    });
  });
});
