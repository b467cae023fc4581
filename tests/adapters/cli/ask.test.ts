import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/index.js';
import { copyFixtureKnowledge, fixtureKnowledgeDir } from '../../support/fixture-knowledge.js';
import { runScript } from '../../support/processes.js';

const ask = (args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) => runScript('adapters/cli/ask.ts', args, options);

describe('npm run ask', () => {
  it('prints a readable answer with its text, sources with dates, and related questions', async () => {
    const run = await ask(['What is the Right to Provide?']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/As of .*: The Right to Provide is a\s+government commitment/);
    expect(run.stdout).toMatch(/Sources:\n {2}- Health Secretary bids to give power to NHS staff/);
    expect(run.stdout).toMatch(/undated; about 2011/);
    expect(run.stdout).toMatch(/Related questions:\n {2}1\. /);
    // Every real entry names the day it was last checked against its sources.
    expect(run.stdout).toMatch(/\nMatch: (high|medium|low) confidence · Checked \d{1,2} [A-Z][a-z]+ \d{4}\n/);
    expect(run.stdout).not.toMatch(/score/i);
    expect(run.stderr).toBe('');
  });

  it('prints the Answer as one line of JSON with --json', async () => {
    const run = await ask(['--json', 'what did the NAO say about the contracts?'], { env: { KNOWLEDGE_DIR: fixtureKnowledgeDir } });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0] ?? '') as Answer;
    expect(answer).toMatchObject({ status: 'answered', entryId: 'audit-findings', confidence: expect.any(String) });
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['question', 'status', 'answer', 'entryId', 'score', 'confidence', 'sources', 'related', 'suggestions']));
    expect(answer.sources[0]).toMatchObject({ id: 'beta-2011', date: 'undated; about 2011' });
  });

  it('answers one JSON line per input line in batch mode, blank lines included', async () => {
    const input = ['what is rtp', '', 'right to buy my council house', '?!', 'co-op hospitals in spain'].join('\n') + '\n';
    const run = await ask(['--json'], { input, env: { KNOWLEDGE_DIR: fixtureKnowledgeDir } });
    expect(run.code).toBe(0);
    const answers = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Answer);
    expect(answers.map((answer) => [answer.status, answer.entryId])).toEqual([
      ['answered', 'right-to-provide'],
      ['invalid', null],
      ['no_match', null],
      ['invalid', null],
      ['answered', 'co-op-hospitals'],
    ]);
  });

  it('exits 1 with suggestions when nothing matches, and 2 for an invalid question', async () => {
    const none = await ask(['what time does the Oxford Street shop open'], { env: { KNOWLEDGE_DIR: fixtureKnowledgeDir } });
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/I don't have information on that/);
    expect(none.stdout).toMatch(/You could ask:\n {2}1\. .+\n {2}2\. /);
    const empty = await ask(['   '], { env: { KNOWLEDGE_DIR: fixtureKnowledgeDir } });
    expect(empty.code).toBe(2);
    expect(empty.stdout).toMatch(/Please type a question/);
  });

  it('exits 3 with every file:line problem and no stack trace when the knowledge is invalid', async () => {
    const copy = copyFixtureKnowledge();
    try {
      copy.write('entries/co-op-hospitals.md', '---\nid: co-op-hospitals\ntitle: X\nquestions: [a, b, c]\ntags: [t]\nsources: [indy]\nas_of: 2010\nrelated: []\n---\nText.\n');
      const run = await ask(['what is rtp'], { env: { KNOWLEDGE_DIR: copy.dir } });
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/co-op-hospitals\.md:6: "sources" must name a known source id \(got "indy"/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    } finally {
      copy.remove();
    }
  });

  it('answers a greeting with a friendly reply and popular questions, and exits 0', async () => {
    const run = await ask(['hello']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Questions people often ask:\n {2}1\. /);
    expect(run.stdout).not.toMatch(/I don't have information on that/);
  });

  it('lists example questions for "help" instead of searching for the word', async () => {
    const run = await ask(['help'], { env: { KNOWLEDGE_DIR: fixtureKnowledgeDir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Some things you can ask:\n {2}1\. What is the Right to Provide\?/);
  });

  it('replays a transcript as one conversation with --conversation, each line read after the answers before it', async () => {
    const transcript = 'tell me about Central Surrey Health\nwho ran it?\nwhat is the capital of France\nwho ran it?\n';
    const run = await ask(['--json', '--conversation'], { input: transcript });
    expect(run.code).toBe(0);
    const answers = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Answer);
    expect(answers.map((answer) => [answer.status, answer.entryId, answer.previous ?? null])).toEqual([
      ['answered', 'central-surrey-health', null],
      ['answered', 'central-surrey-health', 'central-surrey-health'],
      // A decline leaves the conversation where it was, so the next follow-up still reads against the entry.
      ['no_match', null, 'central-surrey-health'],
      ['answered', 'central-surrey-health', 'central-surrey-health'],
    ]);
    expect(answers[1]).toMatchObject({ repeated: true, reason: expect.stringMatching(/^answer in the context of "central-surrey-health"/) });
    // Without --conversation, the same lines are asked each on its own.
    const alone = (await ask(['--json'], { input: transcript })).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Answer);
    expect(alone.map((answer) => answer.previous ?? null)).toEqual([null, null, null, null]);
    expect(alone[1]!.entryId).not.toBe('central-surrey-health');
  });

  it('takes no question on the command line with --conversation', async () => {
    const run = await ask(['--conversation', 'who ran it?']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^--conversation reads the conversation from standard input/);
  });

  it('explains its usage with --help and rejects unknown flags with exit 2', async () => {
    const help = await ask(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage:/);
    const bad = await ask(['--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--frobnicate'/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run eval', () => {
  it('reports the tuned split with its misses, on the real knowledge and question set', async () => {
    // Some 1,600 questions: a hang guard, not a timing.
    const run = await runScript('adapters/cli/eval.ts', [], { timeoutMs: 90_000 });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^tuned split \(tune the bot on these\)\n {2}tests\/eval\/questions\.yaml/);
    expect(run.stdout).toMatch(/answered correctly: +\d+\.\d% +\(\d+ of \d+ in scope; top-1\)/);
    expect(run.stdout).toMatch(/MRR: +0\.\d{3}/);
    expect(run.stdout).toMatch(/Recall@3: +\d+\.\d%/);
    // The blind tuned split (unseen-tuned.yaml) has near misses the bot still answers, so only the format is fixed here; the test bar holds questions.yaml.
    expect(run.stdout).toMatch(/out-of-scope declined: +\d+\.\d%/);
    expect(run.stdout).toMatch(/^held-out split \(never tune on these/m);
  }, 100_000);
});
