import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/fixture-knowledge.js';
import { runCli } from '../../../support/processes.js';

const now = Date.now();
const ago = (hours: number): string => new Date(now - hours * 3_600_000).toISOString();
const question = (answerId: string, text: string, status: string, entryId: string | null, confidence: string | null, hoursAgo: number) =>
  JSON.stringify({ type: 'question', time: ago(hoursAgo), platform: 'slack', answerId, question: text, status, entryId, score: entryId ? 10 : null, confidence });
const feedback = (answerId: string, entryId: string, rating: 'up' | 'down', hoursAgo: number) =>
  JSON.stringify({ type: 'feedback', time: ago(hoursAgo), platform: 'discord', answerId, entryId, rating });

const log = [
  question('a1', 'What about Right to Buy?', 'no_match', null, null, 24),
  question('a2', 'what about right to buy', 'no_match', null, null, 2),
  question('a3', 'Right to buy??', 'no_match', null, null, 30 * 24),
  question('a4', 'tell me about pensions', 'answered', 'pensions-old', 'low', 3),
  '{"type":"question","time":"yesterday"',
  question('a5', 'Tell me about pensions', 'answered', 'pensions-old', 'low', 1),
  question('a6', 'tell me about pensions!', 'answered', 'pensions-new', 'low', 5),
  '{"type":"question","question":"no other fields"}',
  question('a7', 'what is the right to provide', 'answered', 'right-to-provide', 'high', 4),
  feedback('a7', 'right-to-provide', 'up', 3),
  feedback('a7', 'right-to-provide', 'down', 2),
  question('a8', 'who is tessa jowell', 'answered', 'jowell', 'medium', 4),
  feedback('a8', 'jowell', 'down', 3),
  feedback('a8', 'jowell', 'up', 2),
  question('a9', '!!!', 'invalid', null, null, 1),
  question('a10', 'who owns it?', 'clarify', null, null, 6),
  question('a11', 'Who owns it', 'clarify', null, null, 7),
  '',
].join('\n');

describe.concurrent('npm run kb -- gaps', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir();
    writeFileSync(join(temp.dir, 'questions.jsonl'), log);
  });
  afterAll(() => temp.remove());
  const gaps = (args: string[]) => runCli('adapters/cli/kb.ts', ['gaps', ...args], { env: { DATA_DIR: temp.dir } });

  it('groups declined, clarified and low-confidence questions by normalised text, most frequent first, and lists 👎 answers', async () => {
    const result = await gaps(['--json']);
    const report = JSON.parse(result.stdout);
    expect(report.questions).toEqual([
      {
        key: 'tell me about pensions',
        question: 'Tell me about pensions',
        count: 3,
        declined: 0,
        clarified: 0,
        lowConfidence: 3,
        entryIds: ['pensions-old', 'pensions-new'],
        lastSeen: ago(1),
      },
      { key: 'what about right to buy', question: 'what about right to buy', count: 2, declined: 2, clarified: 0, lowConfidence: 0, entryIds: [], lastSeen: ago(2) },
      { key: 'who owns it', question: 'who owns it?', count: 2, declined: 0, clarified: 2, lowConfidence: 0, entryIds: [], lastSeen: ago(6) },
      { key: 'right to buy', question: 'Right to buy??', count: 1, declined: 1, clarified: 0, lowConfidence: 0, entryIds: [], lastSeen: ago(30 * 24) },
    ]);
    // An answer's latest rating counts: a7 ended 👎, a8 ended 👍.
    expect(report.downvoted).toEqual([{ entryId: 'right-to-provide', down: 1, up: 0, questions: ['what is the right to provide'], lastSeen: ago(2) }]);
    expect(report.asked).toBe(11);
    expect(result.code).toBe(0);
  });

  it('skips corrupt lines with a warning naming each line', async () => {
    const result = await gaps([]);
    const path = join(temp.dir, 'questions.jsonl');
    expect(result.stderr).toBe(
      `${path}:5: warning: skipped: is not valid JSON\n` +
        `${path}:8: warning: skipped: is not a question or feedback record (wrong or missing: time, platform, answerId, status, entryId, score, confidence)\n`,
    );
    expect(result.code).toBe(0);
  });

  it('prints a readable report', async () => {
    const result = await gaps([]);
    const day = (time: string) => time.replace('T', ' ').slice(0, 16);
    expect(result.stdout).toBe(
      [
        'Questions declined, clarified or answered with low confidence (4 distinct, from 11 asked):',
        `     3x  "Tell me about pensions"  low confidence 3 (pensions-old, pensions-new); last ${day(ago(1))}`,
        `     2x  "what about right to buy"  declined 2; last ${day(ago(2))}`,
        `     2x  "who owns it?"  clarified 2; last ${day(ago(6))}`,
        `     1x  "Right to buy??"  declined 1; last ${day(ago(30 * 24))}`,
        '',
        'Answers rated 👎:',
        `     1x  right-to-provide  (👍 0); last ${day(ago(2))}`,
        '          "what is the right to provide"',
        '',
      ].join('\n'),
    );
  });

  it('--since keeps only recent records, as an age or an ISO date', async () => {
    const week = JSON.parse((await gaps(['--json', '--since', '7d'])).stdout);
    expect(week.questions.map((gap: { key: string }) => gap.key)).toEqual(['tell me about pensions', 'what about right to buy', 'who owns it']);
    const hours = JSON.parse((await gaps(['--json', '--since', ago(2.5)])).stdout);
    expect(hours.questions.map((gap: { key: string; count: number }) => [gap.key, gap.count])).toEqual([
      ['tell me about pensions', 1],
      ['what about right to buy', 1],
    ]);
    expect(hours.asked).toBe(3);
  });

  it('rejects a --since it cannot read', async () => {
    const result = await gaps(['--since', 'last tuesday']);
    expect(result.stderr).toContain('--since must be an ISO date like 2026-01-31 or an age like 7d, 12h or 4w (got "last tuesday")');
    expect(result.code).toBe(2);
  });

  it('says so when there is no log yet', async () => {
    const empty = makeTempDir();
    const result = await runCli('adapters/cli/kb.ts', ['gaps'], { env: { DATA_DIR: empty.dir } });
    empty.remove();
    expect(result.stderr).toContain(`No question log yet at ${empty.dir}: it fills as people ask questions`);
    expect(result.stdout).toContain('(0 distinct, from 0 asked)');
    expect(result.code).toBe(0);
  });
});
