import { createInterface } from 'node:readline';
import { isHelpRequest, type Answer, type Answerer } from '../../src/index.js';
import { formatAnswerText, formatHelpText } from './format-answer.js';

/** Where the console reads and writes; a terminal in use, streams in tests. */
export interface ConsoleIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Called with every answer given, e.g. to record it in the question log. */
  onAnswer?: (answer: Answer) => void;
  /** Ends the console as if the input had closed, e.g. on SIGTERM. */
  signal?: AbortSignal;
}

/** The answerer to use right now; a getter, so a reloaded knowledge base takes effect at once. */
export type AnswererSource = () => Answerer;

/** Runs the interactive console until the user types `quit` or closes the input. */
export function runConsole(getAnswerer: AnswererSource, io: ConsoleIo): Promise<void> {
  const { input, output } = io;
  const say = (text: string): void => {
    output.write(`${text}\n`);
  };
  say('rtp-bot: ask about the Right to Provide, the Right to Request and public service mutuals.');
  say('Type a question, "help" for examples, or "quit" to leave.\n');
  const lines = createInterface({ input, output, prompt: 'rtp> ', terminal: (input as { isTTY?: boolean }).isTTY === true });
  lines.prompt();
  // readline still delivers lines it had buffered after close(); nothing after "quit" may be answered.
  let closed = false;
  return new Promise((resolve) => {
    lines.on('line', (line) => {
      if (closed) return;
      const text = line.trim();
      if (/^(quit|exit|q)$/i.test(text)) {
        closed = true;
        lines.close();
        return;
      }
      if (text === '') {
        lines.prompt();
        return;
      }
      if (isHelpRequest(text)) {
        say(`${formatHelpText(getAnswerer())}\n`);
        lines.prompt();
        return;
      }
      try {
        const answer = getAnswerer().ask(text);
        io.onAnswer?.(answer);
        say(`\n${formatAnswerText(answer)}\n`);
      } catch (error) {
        say(`Sorry, something went wrong answering that (${error instanceof Error ? error.message : String(error)}).`);
      }
      lines.prompt();
    });
    lines.on('close', () => {
      closed = true;
      say('');
      resolve();
    });
    if (io.signal?.aborted) lines.close();
    else io.signal?.addEventListener('abort', () => lines.close(), { once: true });
  });
}
