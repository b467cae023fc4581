/**
 * The `discord` load leg: `npm start` (node dist/adapters/start.js)
 * in its own process, its real discord.js client logged in to the stand-in
 * Discord on 127.0.0.1 in this one, receives `/rtp` interactions as
 * INTERACTION_CREATE dispatches through the stand-in's gateway,
 * `concurrency` at a time. Latency is from the dispatch to the interaction
 * callback reaching the stand-in: the gateway hop, discord.js, the adapter,
 * the engine and the REST call back.
 *
 * The bot runs apart because it does in production, and because client and
 * server sharing one event loop starve some requests (seen here: 1% of
 * interactions waited seconds while later ones went through) in a way
 * Discord's own servers would not.
 *
 * Checked: every interaction is answered (never an apology) within
 * `answerWithinMs`, well inside Discord's 3 seconds; the bot logs no warning
 * or error; it stops with exit code 0 on SIGTERM; and the real JSON Lines
 * question log in a temporary DATA_DIR (or, with `--postgres`, a database
 * of its own), flushed as the bot stops, holds
 * exactly one record per interaction. Each interaction comes from its own
 * member id, so the rate limit keeps its default (10 a minute per user) and
 * still refuses nobody. Memory is the bot process's, before and after.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readQuestionSet } from '../../src/index.js';
import { defaultKnowledgeDir, defaultQuestionSetPath } from '../../adapters/shared/settings.js';
import { chatInputInteraction, fromUser, startStandInDiscord, type RecordedRequest } from '../adapters/discord/stand-in-discord.js';
import { cleanEnv, compiledStart, emptyWorkDir, repoPath, waitForOutput } from '../support/processes.js';
import { countLoggedQuestions } from './logged-records.js';
import type { LoadLeg } from './run.js';
import { summariseLatencies, type MemorySnapshot } from './summarise-load.js';

/** Interactions outstanding at once. */
export const concurrency = 200;

/** An interaction answered later than this counts as an error: half of the 3 seconds Discord allows. */
export const answerWithinMs = 1_500;

/** An interaction with no callback after this long is given up as an error. */
const giveUpAfterMs = 10_000;

const applicationId = '1000000000000000010';
const token = 'MTAwMDAwMDAwMDAwMDAwMDEw.LoadTest.not-a-real-token';
const firstUserId = 1_000_000_000_000_500_000n;

/** Preloaded into a bot the load test starts: it prints its memory on SIGUSR2. */
export const reportMemoryPreload = pathToFileURL(join(import.meta.dirname, 'report-memory.mjs')).href;

/** Asks the bot (through tests/load/report-memory.mjs) for its memory. */
export async function botMemory(bot: ChildProcess): Promise<MemorySnapshot> {
  const reported = waitForOutput(bot, /load-memory (\{.*\})\n/);
  bot.kill('SIGUSR2');
  const { rss, heapUsed } = JSON.parse((await reported)[1]!) as { rss: number; heapUsed: number };
  const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
  return { rssMiB: mib(rss), heapUsedMiB: mib(heapUsed) };
}

/** A reply from the engine (an answer, or its polite no-match or invalid message), never the apology. */
function isAnswer(request: RecordedRequest): boolean {
  const body = request.body as { type?: number; data?: { embeds?: { description?: string }[] } };
  const description = body.data?.embeds?.[0]?.description ?? '';
  return body.type === 4 && description.length > 0 && !description.startsWith('Sorry, something went wrong');
}

export const discordLeg: LoadLeg = {
  name: 'discord',
  async run({ requests, maxDurationMs, newQuestionLogDatabase }) {
    const questionLogUrl = newQuestionLogDatabase ? await newQuestionLogDatabase('load_discord') : undefined;
    const standIn = await startStandInDiscord({ applicationId });
    const dataDir = mkdtempSync(join(tmpdir(), 'rtp-load-discord-'));
    const workDir = emptyWorkDir();
    const bot = spawn(process.execPath, ['--import', reportMemoryPreload, repoPath(compiledStart)], {
      cwd: workDir,
      env: cleanEnv({
        DISCORD_TOKEN: token,
        DISCORD_APPLICATION_ID: applicationId,
        DISCORD_API_URL: standIn.apiUrl,
        DATA_DIR: dataDir,
        KNOWLEDGE_DIR: defaultKnowledgeDir,
        ...(questionLogUrl ? { QUESTION_LOG_URL: questionLogUrl } : {}),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    bot.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    bot.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = once(bot, 'exit') as Promise<[number | null]>;
    await waitForOutput(bot, /Discord started/, 30_000);

    const questions = readQuestionSet(defaultQuestionSetPath).map((item) => item.question);
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const memoryBefore = await botMemory(bot);
    const started = performance.now();

    const sendOne = async (index: number): Promise<void> => {
      const interaction = fromUser(chatInputInteraction(applicationId, 'rtp', questions[index % questions.length]!), String(firstUserId + BigInt(index)));
      const path = `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;
      const callback = standIn.waitForRequest((request) => request.path === path);
      const dispatchedAt = performance.now();
      standIn.dispatch('INTERACTION_CREATE', interaction);
      let timer: NodeJS.Timeout | undefined;
      const request = await Promise.race([callback, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), giveUpAfterMs)))]);
      clearTimeout(timer);
      if (request === null) {
        errors += 1;
        return;
      }
      const latency = performance.now() - dispatchedAt;
      latencies.push(latency);
      // Only the waiters matter here; keeping every request would grow the stand-in's lookups and memory.
      standIn.requests.length = 0;
      if (latency > answerWithinMs || !isAnswer(request)) errors += 1;
    };

    const worker = async (): Promise<void> => {
      while (next < requests && performance.now() - started < maxDurationMs) await sendOne(next++);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
    const durationMs = performance.now() - started;
    const memoryAfter = await botMemory(bot);

    // The bot flushes the question log as it stops.
    bot.kill('SIGTERM');
    const [exitCode] = await exited;
    await standIn.close();
    const logged = await countLoggedQuestions(dataDir, questionLogUrl);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
    const problems = output.split('\n').filter((line) => / (warn|error) /.test(line));
    for (const problem of problems.slice(0, 5)) process.stderr.write(`discord leg: ${problem}\n`);
    if (exitCode !== 0) process.stderr.write(`discord leg: the bot exited with code ${exitCode} on SIGTERM\n`);

    return {
      leg: 'discord',
      requested: requests,
      completed: latencies.length,
      errors: errors + problems.length + (exitCode === 0 ? 0 : 1),
      logged,
      ...(questionLogUrl ? { questionLog: 'postgres' } : {}),
      durationMs: Math.round(durationMs),
      perSecond: Math.round((latencies.length / durationMs) * 1000),
      latencyMs: summariseLatencies(latencies),
      memoryBefore,
      memoryAfter,
    };
  },
};
