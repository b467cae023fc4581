import type { Platform, QuestionLog } from '../../src/index.js';
import type { CurrentAnswerer } from './answer-question.js';
import type { ConversationMemory } from './conversations.js';
import type { EventDeduplicator } from './event-dedup.js';
import { createHumanLog, type LogLine } from './log-format.js';
import type { AskerLimiter } from './rate-limit.js';

export type { LogLine } from './log-format.js';

/** What `npm start` hands every platform adapter. */
export interface PlatformServices {
  env: NodeJS.ProcessEnv;
  /** The current answerer; call it per question, so a reloaded knowledge base takes effect at once. */
  getAnswerer: CurrentAnswerer;
  questionLog: QuestionLog;
  log: LogLine;
  /**
   * The per-user limit to count questions against. `npm start` gives one
   * shared by every platform (and, with `REDIS_URL`, by every replica); without
   * it an adapter makes its own in memory from its `RATE_LIMIT_PER_MINUTE`.
   */
  askerLimiter?: AskerLimiter;
  /**
   * Remembers events already handled, so a platform's retry is answered once.
   * `npm start` gives one (in Redis with `REDIS_URL`, so replicas agree);
   * without it an adapter keeps its own in memory.
   */
  eventDeduplicator?: EventDeduplicator;
  /**
   * Where follow-ups find the conversation they belong to. `npm start` gives
   * one in Redis with `REDIS_URL`, so a thread's next question is read in
   * context by whichever replica gets it; without it an adapter keeps its own in memory.
   */
  conversations?: ConversationMemory;
}

/** A running adapter. */
export interface RunningPlatform {
  /** Stops accepting work, finishes what is in flight, and releases its ports and connections. */
  stop(): Promise<void>;
  /**
   * True while the platform can receive questions: listening (Slack over
   * HTTP), or its connection up (Slack Socket Mode, every Discord gateway
   * shard). `/readyz` reports not ready while any platform says false.
   */
  isConnected(): boolean;
}

/** A way in (Slack, Discord): `npm start` starts each one whose settings are present. */
export interface PlatformAdapter {
  /** The platform's one name in code: the question log, the rate limit's keys and the metrics call it this. */
  platform: Platform;
  /** Its name as people read it, in log lines and messages ("Slack started"). */
  title: string;
  /** True when the settings this adapter needs are present (not necessarily valid: start() validates). */
  isConfigured(env: NodeJS.ProcessEnv): boolean;
  /**
   * Checks its settings without starting anything, so that `npm start` can
   * name every bad setting of every platform in one message before it starts any.
   * @throws {ConfigError} when its settings are missing or malformed.
   */
  checkSettings?(env: NodeJS.ProcessEnv): void;
  /** @throws {ConfigError} when its settings are missing or malformed. */
  start(services: PlatformServices): Promise<RunningPlatform>;
}

/** The default log: one line per event on stderr, with the time and level, secrets redacted (`LOG_FORMAT=json` swaps it for JSON lines). */
export const logToStderr: LogLine = createHumanLog();
