import { clearScreenDown, createInterface, cursorTo, moveCursor } from 'node:readline';
import { createMemoryQuestionLog, isHelpRequest, type EntryLink, type QuestionLog, type QuestionOrigin } from '../../src/index.js';
import { answerQuestion, type CurrentAnswerer } from '../shared/answer-question.js';
import { createConversationMemory } from '../shared/conversations.js';
import type { LogLine } from '../shared/platform.js';
import { paletteFor, type Palette } from './colour.js';
import { formatAnswerText, formatHelpText, helpQuestions, offeredQuestions } from './format-answer.js';

/** Where the console reads and writes; a terminal in use, streams in tests. */
export interface ConsoleIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /**
   * Where every answer is recorded, with how its question came in (always
   * `via: 'console'`; `followedFrom`, the id of the earlier reply, when the
   * person typed the number of a question it offered).
   * @default a log in memory, kept nowhere
   */
  questionLog?: QuestionLog;
  /** Ends the console as if the input had closed, e.g. on SIGTERM. */
  signal?: AbortSignal;
  /** Colours; by default, colour only when `output` is a terminal (see `paletteFor`). */
  palette?: Palette;
}

/** A console that is running. */
export interface RunningConsole {
  /** Resolves when the console ends (`quit`, the input closing, or the signal). */
  done: Promise<void>;
  /**
   * Prints something (a log line, say) while the console waits at its prompt:
   * clears the prompt and any half-typed input, calls `print`, then draws them
   * again below, so neither is lost or garbled.
   */
  printAbove(print: () => void): void;
}

/** A number typed on its own ("2", "2." or "2)"): a choice from the last list offered. */
const choicePattern = /^(\d{1,2})[.)]?$/;

/**
 * Starts the interactive console: it answers each line until the user types
 * `quit` or closes the input. Every list of questions it prints is numbered,
 * and typing a number asks that question. Each question is asked with the
 * entry of the last answer as `previous`, so follow-ups work.
 */
export function startConsole(getAnswerer: CurrentAnswerer, io: ConsoleIo): RunningConsole {
  const { input, output } = io;
  const palette = io.palette ?? paletteFor(output as { isTTY?: boolean });
  const say = (text: string): void => {
    output.write(`${text}\n`);
  };
  say('rtp-bot: ask about the Right to Provide, the Right to Request and public service mutuals.');
  say('Type a question, the number of a question listed, "help" for examples, or "quit" to leave.\n');
  const lines = createInterface({ input, output, prompt: 'rtp> ', terminal: (input as { isTTY?: boolean }).isTTY === true });
  lines.prompt();
  // readline still delivers lines it had buffered after close(); nothing after "quit" may be answered.
  let closed = false;
  // The console is one conversation, for as long as it runs; the questions last offered keep the id of the reply that offered them.
  const services = { getAnswerer, questionLog: io.questionLog ?? createMemoryQuestionLog(), conversations: createConversationMemory({ ttlMs: Infinity }) };
  let offered: { links: EntryLink[]; answerId?: string } = { links: [] };

  const answer = async (question: string, origin: QuestionOrigin): Promise<void> => {
    try {
      const reply = await answerQuestion(services, { platform: 'cli', question, origin, conversation: 'console' });
      if (reply.kind !== 'answer') return;
      say(`\n${formatAnswerText(reply.answer, { palette })}\n`);
      offered = { links: offeredQuestions(reply.answer), answerId: reply.answerId };
    } catch (error) {
      say(`Sorry, something went wrong answering that (${error instanceof Error ? error.message : String(error)}).`);
    }
  };

  const choose = async (number: number): Promise<void> => {
    const link = offered.links[number - 1];
    if (!link) {
      say(
        offered.links.length === 0
          ? 'There is no numbered list to choose from yet: type a question, or "help".'
          : `Type a number from 1 to ${offered.links.length}, or a question.`,
      );
      return;
    }
    say(palette.dim(`> ${link.question}`));
    await answer(link.question, { via: 'console', ...(offered.answerId ? { followedFrom: offered.answerId } : {}) });
  };

  const handle = async (line: string): Promise<void> => {
    if (closed) return;
    const text = line.trim();
    const choice = choicePattern.exec(text);
    if (/^(quit|exit|q)$/i.test(text)) {
      closed = true;
      lines.close();
      return;
    }
    if (choice) await choose(Number(choice[1]));
    else if (isHelpRequest(text)) {
      const answerer = getAnswerer();
      say(`${formatHelpText(answerer, { palette })}\n`);
      offered = { links: helpQuestions(answerer) };
    } else if (text !== '') await answer(text, { via: 'console' });
    lines.prompt();
  };

  const done = new Promise<void>((resolve) => {
    // Lines are answered one after another, in the order typed (or pasted), each after the answer before it.
    let turns = Promise.resolve();
    lines.on('line', (line) => {
      turns = turns.then(() => handle(line));
    });
    lines.on('close', () => {
      turns = turns.then(() => {
        closed = true;
        say('');
        resolve();
      });
    });
    if (io.signal?.aborted) lines.close();
    else io.signal?.addEventListener('abort', () => lines.close(), { once: true });
  });

  const printAbove = (print: () => void): void => {
    if (closed || !lines.terminal) {
      print();
      return;
    }
    // Back to where the prompt starts, and wipe it and the input from there down.
    const { rows } = lines.getCursorPos();
    moveCursor(output, 0, -rows);
    cursorTo(output, 0);
    clearScreenDown(output);
    print();
    // readline redraws from as many rows up as the cursor was on when it last drew the line itself (`prevRows`,
    // not documented; pasted text that wraps leaves it behind the cursor): make that room, so the redraw lands below the print.
    const redrawFrom = (lines as unknown as { prevRows?: unknown }).prevRows;
    output.write('\n'.repeat(typeof redrawFrom === 'number' ? redrawFrom : rows));
    lines.prompt(true);
  };

  return { done, printAbove };
}

/** Runs the interactive console until the user types `quit` or closes the input. */
export function runConsole(getAnswerer: CurrentAnswerer, io: ConsoleIo): Promise<void> {
  return startConsole(getAnswerer, io).done;
}

/**
 * A log for a process that runs the console: until a console is attached it
 * writes as `log` does; after, each line is printed above the console's prompt
 * (see {@link RunningConsole.printAbove}), so a knowledge reload logged while
 * someone types does not garble their line.
 */
export function logAbovePrompt(log: LogLine): { log: LogLine; attach(running: RunningConsole): void } {
  let attached: RunningConsole | null = null;
  return {
    log: (level, message) => {
      if (attached) attached.printAbove(() => log(level, message));
      else log(level, message);
    },
    attach: (running) => {
      attached = running;
    },
  };
}
