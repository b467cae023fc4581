import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPalette, plain } from '../../../adapters/cli/colour.js';
import { logAbovePrompt, startConsole, runConsole } from '../../../adapters/cli/run-console.js';
import { createAnswerer, createMemoryQuestionLog, overrideAnswerer, type Answer, type Answerer, type AskOptions, type EntryLink, type QuestionRecord } from '../../../src/index.js';
import { fixtureKnowledgeDir } from '../../support/fixture-knowledge.js';
import { runScript } from '../../support/processes.js';
import { renderScreen } from '../../support/terminal-screen.js';
import { answeredAnswer, clarifyAnswer, noMatchAnswer } from '../../support/answers.js';

const answerer = createAnswerer(fixtureKnowledgeDir);

const link = (id: string): EntryLink => ({ id, title: `Title of ${id}`, question: `What about ${id}?` });

/**
 * An answerer that answers from a script, so the console's own behaviour is
 * tested whatever the engine decides: each question's answer is built by hand
 * (anything not in the script is a plain decline), and the `previous` of every
 * question asked is remembered.
 */
function scriptedAnswerer(script: Record<string, (question: string) => Answer>): Answerer & { previousSeen: (string | null | undefined)[] } {
  const previousSeen: (string | null | undefined)[] = [];
  const scripted = overrideAnswerer(answerer, {
    ask(question: string, options?: Partial<AskOptions>): Answer {
      previousSeen.push(options?.previous);
      const scriptedAnswer = script[question];
      return scriptedAnswer ? scriptedAnswer(question) : noMatchAnswer({ question, suggestions: [link('s1'), link('s2')] });
    },
    starters: (limit = 3) => [link('start1'), link('start2'), link('start3')].slice(0, limit),
  });
  return Object.assign(scripted, { previousSeen });
}

const clarifyChoices = [link('a'), link('b'), link('c')];
/** A scripted answer from an entry, with these related questions. */
const from =
  (entryId: string, related: EntryLink[] = []) =>
  (question: string): Answer =>
    answeredAnswer({ question, answer: `As of 2011: about ${entryId}.`, entryId, title: `Title of ${entryId}`, score: 12.5, related });
const script: Record<string, (question: string) => Answer> = {
  'unsure?': (question) => clarifyAnswer({ question, suggestions: clarifyChoices }),
  'What about a?': from('a', [link('r1'), link('r2')]),
  'What about b?': from('b', [link('r1')]),
  'What about s1?': from('s1', [link('r1')]),
  'What about r1?': from('r1'),
  'What about start1?': from('start1'),
};

async function converse(lines: string[], ask: Answerer = answerer) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const log = createMemoryQuestionLog();
  const done = runConsole(() => ask, { input, output, palette: plain, questionLog: log });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return { output: text, records: log.records as QuestionRecord[] };
}

describe('the console', () => {
  it('answers each question, offers numbered examples on "help", and stops at "quit"', async () => {
    const { output, records } = await converse(['What is the Right to Provide?', 'help', '', 'quit', 'never asked']);
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
    const { output, records } = await converse(['What about a?'], scriptedAnswerer(script));
    expect(records[0]!.score).toBe(12.5);
    expect(output).toMatch(/\nMatch: high confidence\n/);
    expect(output).not.toMatch(/score|12\.5/);
  });

  it('numbers a clarification’s candidates; typing a number asks that question, recorded as followed from the clarification', async () => {
    const { output, records } = await converse(['unsure?', '2'], scriptedAnswerer(script));
    expect(output).toContain("I'm not sure I understood. Did you mean one of these?\n\n  1. What about a?\n  2. What about b?\n  3. What about c?\n");
    expect(output).toContain('> What about b?');
    expect(records.map((record) => [record.question, record.status, record.entryId, record.via])).toEqual([
      ['unsure?', 'clarify', null, 'console'],
      ['What about b?', 'answered', 'b', 'console'],
    ]);
    expect(records[0]!.followedFrom).toBeUndefined();
    expect(records[1]!.followedFrom).toBe(records[0]!.answerId);
  });

  it('numbers the suggestions after a decline and the related questions after an answer; each number asks its question', async () => {
    const { output, records } = await converse(['right to buy', '1', '1'], scriptedAnswerer(script));
    expect(output).toContain("I don't have information on that.\n\nYou could ask:\n  1. What about s1?\n  2. What about s2?\n");
    expect(output).toContain('Related questions:\n  1. What about r1?\n');
    expect(records.map((record) => [record.question, record.status, record.entryId, record.via])).toEqual([
      ['right to buy', 'no_match', null, 'console'],
      ['What about s1?', 'answered', 's1', 'console'],
      ['What about r1?', 'answered', 'r1', 'console'],
    ]);
    expect(records.map((record) => record.followedFrom)).toEqual([undefined, records[0]!.answerId, records[1]!.answerId]);
  });

  it('asks a starter from "help" by number, and explains a number with nothing, or nothing that high, to choose from', async () => {
    const { output, records } = await converse(['7', 'help', '1', '9', '2.'], scriptedAnswerer({ ...script, 'What about start1?': from('start1', [link('r1'), link('a')]) }));
    expect(output).toContain('There is no numbered list to choose from yet: type a question, or "help".');
    expect(output).toContain('Some things you can ask:\n  1. What about start1?\n  2. What about start2?');
    expect(output).toContain('Type a number from 1 to 2, or a question.');
    expect(records.map((record) => [record.question, record.via, record.followedFrom])).toEqual([
      ['What about start1?', 'console', undefined],
      ['What about a?', 'console', records[0]!.answerId],
    ]);
  });

  it('passes the entry last answered as previous, so follow-ups have their context', async () => {
    const scripted = scriptedAnswerer(script);
    await converse(['What about a?', 'right to buy', 'who ran it?', 'unsure?', 'What about b?', 'and the nurses?'], scripted);
    expect(scripted.previousSeen).toEqual([null, 'a', 'a', 'a', 'a', 'b']);
  });

  it('still records a question typed by hand with via console and no link', async () => {
    const { records } = await converse(['What about a?'], scriptedAnswerer(script));
    expect(records[0]).toMatchObject({ platform: 'cli', via: 'console', entryId: 'a' });
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
    const scripted = scriptedAnswerer(script);
    const plainRun = await converse(['What about a?'], scripted);
    expect(plainRun.output).not.toContain('\u001b[');
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const done = runConsole(() => scripted, { input, output, palette: createPalette(true) });
    input.end('What about a?\n');
    await done;
    expect(text).toContain('\u001b[1mTitle of a\u001b[22m');
    // eslint-disable-next-line no-control-regex -- removing colour codes to compare the text
    expect(text.replace(/\u001b\[\d+m/g, '')).toBe(plainRun.output);
  });
});

describe('npm start with no platform settings', () => {
  it('opens the console and says how to connect Slack and Discord', async () => {
    const run = await runScript('adapters/start.ts', [], {
      input: 'What is the Right to Provide?\nquit\n',
      env: { KNOWLEDGE_DIR: fixtureKnowledgeDir, SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '', SLACK_APP_TOKEN: '' },
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/no Slack or Discord settings found, so starting the console.*\.env/);
    expect(run.stdout).toMatch(/The Right to Provide lets staff take over a service/);
  });
});
