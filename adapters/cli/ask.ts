import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAnswerer, isHelpRequest, type Answer, type Answerer, type QuestionLog } from '../../src/index.js';
import { answerQuestion, type AnswerServices } from '../shared/answer-question.js';
import { createConversationMemory } from '../shared/conversations.js';
import { startLiveKnowledge } from '../shared/live-knowledge.js';
import { logToStderr } from '../shared/platform.js';
import { openQuestionLog } from '../shared/question-log-settings.js';
import { askFailureCodes, exitCodeOf } from '../shared/exit-codes.js';
import { knowledgeDirOf, describeError, readEnvironment } from '../shared/settings.js';
import { knowledgeSetupOf } from '../shared/live-knowledge.js';
import { paletteFor, plain, type Palette } from './colour.js';
import { formatAnswerText, formatHelpText } from './format-answer.js';
import { logAbovePrompt, startConsole } from './run-console.js';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';

/** Exit codes of `npm run ask`, so scripts can tell outcomes apart (a failure's code is {@link askFailureCodes}'s). */
export const exitCodes = {
  answered: 0,
  notAnswered: 1,
  invalid: 2,
  usage: askFailureCodes.usage,
  internal: askFailureCodes.internal,
} as const;

const usage = `Usage:
  npm run ask -- "What is the Right to Provide?"     answer one question
  npm run ask -- --json "question"                   the answer as one line of JSON
  npm run ask -- --json < questions.txt              batch: one question per line in, one JSON line per question out
  npm run ask -- --json --conversation < chat.txt    the lines are one conversation: each is asked after the answers
                                                     before it (as in the console), so follow-ups are read in context
  npm run ask                                        interactive console (in a terminal)

Exit codes: 0 answered (a greeting too, or batch done), 1 not answered (no match, or the bot asks which of a few questions
you meant), 2 invalid question or usage, 3 invalid knowledge files, 4 internal error.
In the console, every list of questions is numbered: type the number to ask that question. The console
remembers the last answer, so a follow-up such as "who ran it?" is read in its context.
Colour only on a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 forces it on.
Settings: KNOWLEDGE_DIR (default: the repository's knowledge/ folder); every question is recorded in
DATA_DIR/questions.jsonl (default: data/), see .env.example; KNOWLEDGE_CACHE_DIR (default: DATA_DIR/cache, "off" for
none): where the validated knowledge and its search index are cached, so the next start skips reading the files.`;

const exitCodeOfAnswer = (answer: Answer): number =>
  answer.status === 'answered' || answer.status === 'small_talk' ? exitCodes.answered : answer.status === 'invalid' ? exitCodes.invalid : exitCodes.notAnswered;

/**
 * Answers standard input line by line: each line on its own, or with
 * `conversation` as one conversation, each line asked after the answers
 * before it (a transcript can be replayed and checked).
 */
async function runBatch(answerer: Answerer, json: boolean, conversation: boolean, questionLog: QuestionLog, palette: Palette): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // With --conversation, the lines are one conversation for as long as the input lasts.
  const services: AnswerServices = { getAnswerer: () => answerer, questionLog, ...(conversation ? { conversations: createConversationMemory({ ttlMs: Infinity }) } : {}) };
  let first = true;
  for await (const line of lines) {
    // A blank line still gets an (invalid) answer so output lines match input lines.
    const reply = await answerQuestion(services, { platform: 'cli', question: line, origin: { via: 'command' }, ...(conversation ? { conversation: 'batch' } : {}) });
    if (reply.kind !== 'answer') continue;
    const { answer } = reply;
    if (json) process.stdout.write(`${JSON.stringify(answer)}\n`);
    else {
      process.stdout.write(`${first ? '' : '\n---\n\n'}Q: ${answer.question}\n\n${formatAnswerText(answer, { palette })}\n`);
      first = false;
    }
  }
  return exitCodes.answered;
}

/** The `ask` command. Returns the process exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  let values: { json?: boolean; conversation?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, conversation: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return exitCodes.usage;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return exitCodes.answered;
  }
  if (values.conversation && positionals.length > 0) {
    process.stderr.write(`--conversation reads the conversation from standard input, one question a line; it takes no question on the command line.\n\n${usage}\n`);
    return exitCodes.usage;
  }
  let questionLog: QuestionLog | undefined;
  try {
    const env = readEnvironment();
    const knowledgeDir = knowledgeDirOf(env);
    const setup = knowledgeSetupOf(env, logToStderr);
    questionLog = await openQuestionLog(env, logToStderr);
    const log = questionLog;
    const json = values.json === true;
    const palette = json ? plain : paletteFor(process.stdout);
    if (positionals.length > 0) {
      const question = positionals.join(' ');
      const answerer = createAnswerer(knowledgeDir, {}, setup);
      if (!json && isHelpRequest(question)) {
        process.stdout.write(`${formatHelpText(answerer, { palette })}\n\n${usage}\n`);
        return exitCodes.answered;
      }
      const reply = await answerQuestion({ getAnswerer: () => answerer, questionLog: log }, { platform: 'cli', question, origin: { via: 'command' } });
      if (reply.kind !== 'answer') return exitCodes.internal;
      const { answer } = reply;
      process.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${formatAnswerText(answer, { palette })}\n`);
      return exitCodeOfAnswer(answer);
    }
    if (!process.stdin.isTTY || values.conversation) return await runBatch(createAnswerer(knowledgeDir, {}, setup), json, values.conversation === true, log, palette);
    // The console is a running bot: it follows edits to the knowledge files, logging reloads above its prompt.
    const reloadLog = logAbovePrompt(logToStderr);
    const live = startLiveKnowledge(knowledgeDir, reloadLog.log, undefined, setup);
    const running = startConsole(live.current, { input: process.stdin, output: process.stdout, questionLog: log });
    reloadLog.attach(running);
    await running.done;
    live.close();
    return exitCodes.answered;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return exitCodeOf(error, askFailureCodes);
  } finally {
    await questionLog?.close();
  }
}

exitQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
