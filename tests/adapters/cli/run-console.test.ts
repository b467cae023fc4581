import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../../adapters/cli/run-console.js';
import { createAnswerer, type Answer } from '../../../src/index.js';
import { fixtureKnowledgeDir } from '../../support/fixture-knowledge.js';
import { runScript } from '../../support/processes.js';

const answerer = createAnswerer(fixtureKnowledgeDir);

async function converse(lines: string[]): Promise<{ output: string; answers: Answer[] }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const answers: Answer[] = [];
  const done = runConsole(() => answerer, { input, output, onAnswer: (answer) => answers.push(answer) });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return { output: text, answers };
}

describe('the console', () => {
  it('answers each question, offers examples on "help", and stops at "quit"', async () => {
    const { output, answers } = await converse(['what is rtp', 'help', '', 'quit', 'never asked']);
    expect(answers.map((answer) => answer.entryId)).toEqual(['right-to-provide']);
    expect(output).toMatch(/As of March 2010: The Right to Provide lets staff/);
    expect(output).toMatch(/Some things you can ask:\n {2}- What is the Right to Provide\?/);
    expect(output).not.toMatch(/never asked/);
  });

  it('stops when the input closes, and answers bad input politely', async () => {
    const { output, answers } = await converse(['?!?', 'right to buy']);
    expect(answers.map((answer) => answer.status)).toEqual(['invalid', 'no_match']);
    expect(output).toMatch(/does not look like a question/);
    expect(output).toMatch(/I don't have information on that/);
  });
});

describe('npm start with no platform settings', () => {
  it('opens the console and says how to connect Slack and Discord', async () => {
    const run = await runScript('adapters/start.ts', [], {
      input: 'what is rtp\nquit\n',
      env: { KNOWLEDGE_DIR: fixtureKnowledgeDir, SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '', SLACK_APP_TOKEN: '' },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/no Slack or Discord settings found, so starting the console.*\.env/);
    expect(run.stdout).toMatch(/The Right to Provide lets staff take over a service/);
  });
});
