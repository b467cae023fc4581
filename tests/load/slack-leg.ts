/**
 * The `slack` load leg: signed `/rtp` requests, `slackConcurrency` at a time,
 * to the real Slack HTTP adapter (Bolt) on 127.0.0.1, running in a process of
 * its own (tests/load/slack-bot-process.ts) with the real JSON Lines question
 * log in a temporary DATA_DIR (or, with `--postgres`, the PostgreSQL log in a
 * database of its own); the stand-in Slack, here, takes the replies on its
 * response URLs.
 *
 * Latency is the ack: from sending a request to its HTTP 200, which Slack
 * needs within 3 seconds. Errors are requests not acked with 200, acked too
 * late (3 s or more), whose reply never arrived or was not an answer, and
 * warning or error lines in the bot's log. Every request comes from its own
 * Slack user, so the rate limit (on, at its default of 10 a minute) is
 * checked on every request but refuses none. `logged` counts the lines of
 * the question log's records after the bot has flushed and closed it.
 *
 * Memory figures are the bot process's: once listening, and after the load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRateLimitOptions, readQuestionSet } from '../../src/index.js';
import { defaultQuestionSetPath } from '../../adapters/shared/settings.js';
import { commandBody, signSlackBody } from '../adapters/slack/slack-requests.js';
import { startStandInSlack } from '../adapters/slack/stand-in-slack.js';
import { cleanEnv, nodeWithTsx } from '../support/processes.js';
import { countLoggedQuestions } from './logged-records.js';
import type { LoadLeg } from './run.js';
import type { BotProcessMessage } from './slack-bot-process.js';
import { summariseLatencies } from './summarise-load.js';

/** Requests in flight at once. */
export const slackConcurrency = 200;

/** Slack's deadline for the ack. */
const ackDeadlineMs = 3000;

/** How long, after the last request, replies still in flight may take to arrive. */
const replyGraceMs = 10_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// node:http rather than fetch: fetch (undici) queues a request behind a connection still being opened,
// so its figures would include the load generator's own queueing. This agent opens a connection per
// request in flight and keeps them, as Slack's many senders would.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** Posts a signed form body; resolves with the HTTP status once the response has ended. */
function postSigned(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...signSlackBody(body) };
    const request = httpRequest(url, { method: 'POST', agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

export const slackLeg: LoadLeg = {
  name: 'slack',
  async run({ requests, maxDurationMs, newQuestionLogDatabase }) {
    const questionLogUrl = newQuestionLogDatabase ? await newQuestionLogDatabase('load_slack') : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'rtp-load-slack-'));
    const questions = readQuestionSet(defaultQuestionSetPath).map((item) => item.question);
    const standIn = await startStandInSlack();
    const [command, args] = nodeWithTsx('tests/load/slack-bot-process.ts');
    const bot = spawn(command, args, {
      env: cleanEnv({
        SLACK_API_URL: standIn.apiUrl,
        DATA_DIR: dataDir,
        RATE_LIMIT_PER_MINUTE: String(defaultRateLimitOptions.limit),
        ...(questionLogUrl ? { QUESTION_LOG_URL: questionLogUrl } : {}),
      }),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const nextMessage = <Type extends BotProcessMessage['type']>(type: Type) =>
      new Promise<Extract<BotProcessMessage, { type: Type }>>((resolve, reject) => {
        const onMessage = (message: BotProcessMessage) => {
          if (message.type !== type) return;
          bot.off('message', onMessage);
          resolve(message as Extract<BotProcessMessage, { type: Type }>);
        };
        bot.on('message', onMessage);
        bot.once('exit', (code) => reject(new Error(`the bot process exited (${code}) before sending "${type}"`)));
      });
    const ready = await nextMessage('ready');

    // Replies are counted (and checked) as they arrive, and not kept.
    let replies = 0;
    let badReplies = 0;
    const countReplies = () => {
      for (const post of standIn.responsePosts.splice(0)) {
        replies += 1;
        const text = JSON.stringify(post.body);
        if (post.body.response_type !== 'ephemeral' || text.includes('You have asked a lot of questions') || text.includes('Sorry, something went wrong')) badReplies += 1;
      }
    };
    const counter = setInterval(countReplies, 100);

    const latencies: number[] = [];
    let failedAcks = 0;
    let lateAcks = 0;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < requests && performance.now() - started < maxDurationMs) {
        const index = (next += 1);
        const body = commandBody({ text: questions[index % questions.length]!, responseUrl: standIn.newResponseUrl(), userId: `U0LOAD${index}` });
        const sentAt = performance.now();
        try {
          const status = await postSigned(ready.url, body);
          const latency = performance.now() - sentAt;
          if (status !== 200) {
            failedAcks += 1;
            continue;
          }
          latencies.push(latency);
          if (latency >= ackDeadlineMs) lateAcks += 1;
        } catch {
          failedAcks += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: slackConcurrency }, worker));
    const durationMs = performance.now() - started;
    const waitUntil = performance.now() + replyGraceMs;
    while (replies + standIn.responsePosts.length < latencies.length && performance.now() < waitUntil) await sleep(50);
    clearInterval(counter);
    countReplies();

    const stopped = nextMessage('stopped');
    bot.send({ type: 'stop' });
    const { memory: memoryAfter, cpuMs, problems } = await stopped;
    agent.destroy();
    await standIn.close();
    if (bot.exitCode === null) bot.kill();
    const logged = await countLoggedQuestions(dataDir, questionLogUrl);
    rmSync(dataDir, { recursive: true, force: true });
    for (const problem of problems.slice(0, 5)) process.stderr.write(`slack leg: ${problem}\n`);
    const missingReplies = Math.max(0, latencies.length - replies);
    if (failedAcks + lateAcks + missingReplies + badReplies > 0) {
      process.stderr.write(
        `slack leg: ${failedAcks} not acked with 200, ${lateAcks} acked in 3 s or more, ${missingReplies} replies missing, ${badReplies} replies not an answer\n`,
      );
    }
    return {
      leg: 'slack',
      requested: requests,
      completed: latencies.length,
      errors: failedAcks + lateAcks + missingReplies + badReplies + problems.length,
      logged,
      ...(questionLogUrl ? { questionLog: 'postgres' } : {}),
      durationMs: Math.round(durationMs),
      perSecond: Math.round((latencies.length / durationMs) * 1000),
      latencyMs: summariseLatencies(latencies),
      memoryBefore: ready.memory,
      memoryAfter,
      // Answering, replying and logging, closing the log included: what the load cost the bot, however busy the machine.
      botCpuMsPerRequest: latencies.length > 0 ? Math.round(((cpuMs - ready.cpuMs) / latencies.length) * 100) / 100 : 0,
    };
  },
};
