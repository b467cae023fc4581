/**
 * The bot under test in the `slack` load leg, in a process of its own (its
 * own event loop and core, as in production, so the load generator's work is
 * not counted as the bot's): the real Slack HTTP adapter on 127.0.0.1, the
 * real question log (JSON Lines in DATA_DIR, or PostgreSQL at QUESTION_LOG_URL,
 * opened as `npm start` opens it), and the Web API at SLACK_API_URL
 * (the stand-in). Talks to the leg over IPC:
 * - sends `{ type: 'ready', url, memory, cpuMs }` once listening;
 * - on `{ type: 'stop' }`, takes a memory snapshot, stops the adapter (replies
 *   in flight finish), closes the question log, and sends
 *   `{ type: 'stopped', memory, cpuMs, problems }`: every warning or error logged.
 * `cpuMs` is the CPU time (user and system) this process has used so far, so
 * the leg can say what each request cost the bot, whatever else the machine runs.
 */
import { createAnswerer } from '../../src/index.js';
import { openQuestionLog } from '../../adapters/shared/question-log-settings.js';
import { startSlackApp } from '../../adapters/slack/app.js';
import { defaultKnowledgeDir } from '../../adapters/shared/settings.js';
import { httpSettings } from '../adapters/slack/test-context.js';
import { snapshotMemory, type MemorySnapshot } from './summarise-load.js';

/** Messages from this process to the leg. */
export type BotProcessMessage =
  { type: 'ready'; url: string; memory: MemorySnapshot; cpuMs: number } | { type: 'stopped'; memory: MemorySnapshot; cpuMs: number; problems: string[] };

/** CPU time this process has used, user and system, in milliseconds. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const send = (message: BotProcessMessage): void => {
  process.send?.(message);
};

const problems: string[] = [];
const log = (level: 'info' | 'warn' | 'error', message: string): void => {
  if (level !== 'info') problems.push(`${level} ${message}`);
};
const questionLog = await openQuestionLog(process.env, log);
const answerer = createAnswerer(defaultKnowledgeDir);
const running = await startSlackApp(httpSettings(process.env.SLACK_API_URL ?? '', { rateLimitPerMinute: Number(process.env.RATE_LIMIT_PER_MINUTE) }), {
  env: {},
  getAnswerer: () => answerer,
  questionLog,
  log,
});

process.on('message', (message: { type?: string }) => {
  if (message.type !== 'stop') return;
  const memory = snapshotMemory();
  void (async () => {
    await running.stop();
    await questionLog.close();
    send({ type: 'stopped', memory, cpuMs: cpuMs(), problems });
    process.disconnect();
  })();
});

send({ type: 'ready', url: running.url ?? '', memory: snapshotMemory(), cpuMs: cpuMs() });
