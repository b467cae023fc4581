import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPalette, plain } from '../../../adapters/cli/colour.js';
import { logAbovePrompt, startConsole, runConsole } from '../../../adapters/cli/run-console.js';
import { createAnswerer, createMemoryQuestionLog, type Answer, type Answerer, type AskOptions, type QuestionRecord } from '../../../src/index.js';
import { fixtureKnowledgeDir } from '../../support/fixture-knowledge.js';
import { runScript } from '../../support/processes.js';
import { renderScreen } from '../../support/terminal-screen.js';

const answerer = createAnswerer(fixtureKnowledgeDir);

/** The clarification the engine gives for "unsure?" in these tests: until the engine makes its own, a hand-built one. */
const clarifyQuestion = 'unsure?';
const clarifyChoices = answerer.knowledge.entries.slice(0, 3).map((entry) => ({ id: entry.id, title: entry.title, question: entry.questions[0]! }));

/**
 * The fixture answerer, wrapped: it answers "unsure?" with a clarification,
 * and remembers the `previous` of every question asked.
 */
function wrappedAnswerer(): Answerer & { previousSeen: (string | null | undefined)[] } {
  const previousSeen: (string | null | undefined)[] = [];
  return {
    ...answerer,
    knowledge: answerer.knowledge,
    previousSeen,
    ask(question: string, options?: Partial<AskOptions>): Answer {
      previousSeen.push(options?.previous);
      if (question !== clarifyQuestion) return answerer.ask(question, options);
      return { ...answerer.ask(question), status: 'clarify', answer: "I'm not sure I understood. Did you mean one of these?", entryId: null, suggestions: clarifyChoices };
    },
  };
}

async function converse(lines: string[], ask: Answerer = answerer) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const log = createMemoryQuestionLog();
  const done = runConsole(() => ask, { input, output, palette: plain, onAnswer: (answer, context) => log.recordAnswer('cli', answer, undefined, context) });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return { output: text, records: log.records as QuestionRecord[] };
}

describe('the console', () => {
  it('answers each question, offers numbered examples on "help", and stops at "quit"', async () => {
    const { output, records } = await converse(['what is rtp', 'help', '', 'quit', 'never asked']);
    expect(records.map((record) => record.entryId)).toEqual(['right-to-provide']);
    expect(output).toMatch(/As of March 2010: The Right to Provide lets staff/);
    expect(output).toMatch(/Some things you can ask:\n {2}1\. What is the Right to Provide\?\n {2}2\. /);
    expect(output).not.toMatch(/never asked/);
  });

  it('stops when the input closes, and answers bad input politely', async () => {
    const { output, records } = await converse(['?!?', 'right to buy']);
    expect(records.map((record) => record.status)).toEqual(['invalid', 'no_match']);
    expect(output).toMatch(/does not look like a question/);
    expect(output).toMatch(/I don't have information on that/);
  });

  it('shows the confidence in words, never the raw score', async () => {
    const { output, records } = await converse(['what is rtp']);
    expect(records[0]!.score).toBeGreaterThan(0);
    expect(output).toMatch(/Match: (high|medium|low) confidence\n/);
    expect(output).not.toMatch(/score|\d+\.\d{2}/);
  });

  it('numbers a clarification’s candidates; typing a number asks that question, recorded as followed from the clarification', async () => {
    const { output, records } = await converse([clarifyQuestion, '2'], wrappedAnswerer());
    expect(output).toContain(`I'm not sure I understood. Did you mean one of these?\n\n  1. ${clarifyChoices[0]!.question}\n  2. ${clarifyChoices[1]!.question}\n  3. ${clarifyChoices[2]!.question}\n`);
    expect(output).toContain(`> ${clarifyChoices[1]!.question}`);
    expect(records.map((record) => [record.question, record.status, record.entryId, record.via])).toEqual([
      [clarifyQuestion, 'clarify', null, 'console'],
      [clarifyChoices[1]!.question, 'answered', clarifyChoices[1]!.id, 'console'],
    ]);
    expect(records[0]!.followedFrom).toBeUndefined();
    expect(records[1]!.followedFrom).toBe(records[0]!.answerId);
  }, 15_000);

  it('numbers the suggestions after a decline and the related questions after an answer; each number asks its question', async () => {
    const { output, records } = await converse(['right to buy', '1', '1']);
    const declined = records[0]!;
    expect(declined.status).toBe('no_match');
    const suggestion = output.match(/You could ask:\n {2}1\. (.+)\n/)?.[1];
    expect(suggestion).toBeDefined();
    expect(records[1]).toMatchObject({ question: suggestion, status: 'answered', via: 'console', followedFrom: declined.answerId });
    const related = output.match(/Related questions:\n {2}1\. (.+)\n/)?.[1];
    expect(related).toBeDefined();
    expect(records[2]).toMatchObject({ question: related, status: 'answered', via: 'console', followedFrom: records[1]!.answerId });
  });

  it('asks a starter from "help" by number, and explains a number with nothing to choose from', async () => {
    const { output, records } = await converse(['7', 'help', '1', '9']);
    expect(output).toContain('There is no numbered list to choose from yet: type a question, or "help".');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ question: answerer.starters(1)[0]!.question, via: 'console' });
    expect(records[0]!.followedFrom).toBeUndefined();
    expect(output).toMatch(/Type a number from 1 to \d, or a question\./);
  });

  it('passes the entry last answered as previous, so follow-ups have their context', async () => {
    const wrapped = wrappedAnswerer();
    await converse(['what is rtp', 'right to buy', 'who ran it?', clarifyQuestion, 'and the nurses?'], wrapped);
    expect(wrapped.previousSeen).toEqual([null, 'right-to-provide', 'right-to-provide', 'right-to-provide', 'right-to-provide']);
    const moved = wrappedAnswerer();
    await converse(['what is rtp', 'what did the NAO say about the contracts?', 'who ran it?'], moved);
    expect(moved.previousSeen).toEqual([null, 'right-to-provide', 'audit-findings']);
  });

  it('still records a question typed by hand with via console and no link', async () => {
    const { records } = await converse(['what is rtp']);
    expect(records[0]).toMatchObject({ platform: 'cli', via: 'console' });
    expect(records[0]).not.toHaveProperty('followedFrom');
  });
});

/** A pair of streams that pass for a terminal, 80 columns wide, and what the terminal shows. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80, rows: 24 });
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { input, output, screen: () => renderScreen(written, 80) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the console at a terminal', () => {
  it('prints a log line above the prompt and draws the prompt again, with what was half typed', async () => {
    const terminal = fakeTerminal();
    const running = startConsole(() => answerer, { input: terminal.input, output: terminal.output, palette: plain });
    const reloadLog = logAbovePrompt((level, message) => terminal.output.write(`${level} ${message}\n`));
    reloadLog.attach(running);
    terminal.input.write('how do I conv');
    await settle();
    expect(terminal.screen().at(-1)).toBe('rtp> how do I conv');
    reloadLog.log('info', 'knowledge reloaded: 3 entries');
    await settle();
    expect(terminal.screen().slice(-2)).toEqual(['info knowledge reloaded: 3 entries', 'rtp> how do I conv']);
    // The half-typed line is still the console's: finishing it asks the whole question.
    terminal.input.write('ert?\r');
    await settle();
    expect(terminal.screen().join('\n')).toMatch(/rtp> how do I convert\?\n/);
    terminal.input.end();
    await running.done;
  });

  it('keeps a long, wrapped half-typed question whole when a log line arrives', async () => {
    const terminal = fakeTerminal();
    const running = startConsole(() => answerer, { input: terminal.input, output: terminal.output, palette: plain });
    const typed = 'what did the national audit office say about the contracts that were given to the social enterprises in';
    const rows = [`rtp> ${typed}`.slice(0, 80).trimEnd(), `rtp> ${typed}`.slice(80)];
    // Pasted in one piece, across the end of the first row.
    terminal.input.write(typed);
    await settle();
    running.printAbove(() => terminal.output.write('warn knowledge not reloaded: 1 problem\n'));
    running.printAbove(() => terminal.output.write('warn   entries/x.md:3: "sources" must name a known source id\n'));
    await settle();
    expect(terminal.screen().slice(-5)).toEqual(['', 'warn knowledge not reloaded: 1 problem', 'warn   entries/x.md:3: "sources" must name a known source id', ...rows]);
    // Then typed key by key.
    for (const key of ' 2011') {
      terminal.input.write(key);
      await settle();
    }
    running.printAbove(() => terminal.output.write('info knowledge reloaded: 3 entries\n'));
    await settle();
    expect(terminal.screen().slice(-4)).toEqual(['warn   entries/x.md:3: "sources" must name a known source id', 'info knowledge reloaded: 3 entries', rows[0], `${rows[1]} 2011`]);
    terminal.input.end();
    await running.done;
  });

  it('colours with a colour palette, and the text is the same as without', async () => {
    const plainRun = await converse(['what is rtp']);
    expect(plainRun.output).not.toContain('\u001b[');
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const done = runConsole(() => answerer, { input, output, palette: createPalette(true) });
    input.end('what is rtp\n');
    await done;
    expect(text).toContain('\u001b[1mWhat the Right to Provide is\u001b[22m');
    // eslint-disable-next-line no-control-regex -- removing colour codes to compare the text
    expect(text.replace(/\u001b\[\d+m/g, '')).toBe(plainRun.output);
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
