import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAnswerer, type Answer, type Answerer } from '../../src/index.js';
import { defaultKnowledgeDir, describeError, readEnvironment } from '../shared/settings.js';
import { formatAnswerText } from './format-answer.js';
import { runConsole } from './run-console.js';

/** Exit codes of `npm run ask`, so scripts can tell outcomes apart. */
export const exitCodes = {
  answered: 0,
  noMatch: 1,
  invalid: 2,
  usage: 2,
  knowledge: 3,
  internal: 4,
} as const;

const usage = `Usage:
  npm run ask -- "What is the Right to Provide?"     answer one question
  npm run ask -- --json "question"                   the answer as one line of JSON
  npm run ask -- --json < questions.txt              batch: one question per line in, one JSON line per question out
  npm run ask                                        interactive console (in a terminal)

Exit codes: 0 answered (or batch done), 1 no match, 2 invalid question or usage, 3 invalid knowledge files, 4 internal error.
Settings: KNOWLEDGE_DIR (default: the repository's knowledge/ folder); KNOWLEDGE_CACHE_DIR (optional: a folder
for a cache of the validated knowledge and the search index, which speeds up starting with a large knowledge base).`;

const exitCodeOf = (answer: Answer): number =>
  answer.status === 'answered' ? exitCodes.answered : answer.status === 'no_match' ? exitCodes.noMatch : exitCodes.invalid;

async function runBatch(answerer: Answerer, json: boolean): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    // A blank line still gets an (invalid) answer so output lines match input lines.
    const answer = answerer.ask(line);
    if (json) process.stdout.write(`${JSON.stringify(answer)}\n`);
    else {
      process.stdout.write(`${first ? '' : '\n---\n\n'}Q: ${answer.question}\n\n${formatAnswerText(answer)}\n`);
      first = false;
    }
  }
  return exitCodes.answered;
}

/** The `ask` command. Returns the process exit code; never throws. */
export async function main(argv: string[]): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return exitCodes.usage;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return exitCodes.answered;
  }
  try {
    const env = readEnvironment();
    const answerer = createAnswerer(env.KNOWLEDGE_DIR || defaultKnowledgeDir, {}, { cacheDir: env.KNOWLEDGE_CACHE_DIR || undefined });
    const json = values.json === true;
    if (positionals.length > 0) {
      const answer = answerer.ask(positionals.join(' '));
      process.stdout.write(json ? `${JSON.stringify(answer)}\n` : `${formatAnswerText(answer)}\n`);
      return exitCodeOf(answer);
    }
    if (!process.stdin.isTTY) return await runBatch(answerer, json);
    await runConsole(() => answerer, { input: process.stdin, output: process.stdout });
    return exitCodes.answered;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return error instanceof Error && (error as { code?: string }).code === 'KNOWLEDGE_INVALID' ? exitCodes.knowledge : exitCodes.internal;
  }
}

process.exitCode = await main(process.argv.slice(2));
