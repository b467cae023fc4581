import type { ReloadResult } from '../../src/index.js';
import { createRedisConversationMemory } from './conversations.js';
import { createMemoryDeduplicator, createRedisDeduplicator } from './event-dedup.js';
import { startHealthServer } from './health-server.js';
import { knowledgeSetupOf, startLiveKnowledge } from './live-knowledge.js';
import { createBotMetrics, type BotMetrics } from './metrics.js';
import { readOperationsSettings, type OperationsSettings } from './operations-settings.js';
import type { LogLine, PlatformAdapter, PlatformServices, RunningPlatform } from './platform.js';
import { openQuestionLog, readQuestionLogSettings } from './question-log-settings.js';
import { createAskerLimiter, createRedisAskerLimiter, type AskerLimiter } from './rate-limit.js';
import { connectRedis } from './redis.js';
import { checkEverySetting, knowledgeDirOf } from './settings.js';

/**
 * Checks every setting a start will use (the operations settings, the
 * question log's, and each platform's) before anything starts, and returns
 * the operations settings.
 * @throws {ConfigError} one error naming every bad setting across all of them.
 */
export function readStartSettings(env: NodeJS.ProcessEnv, platforms: readonly PlatformAdapter[]): OperationsSettings {
  checkEverySetting(env, [
    { scope: 'operations', check: readOperationsSettings },
    { scope: 'question log', check: readQuestionLogSettings },
    ...platforms.map((platform) => ({ scope: platform.title, check: (settings: NodeJS.ProcessEnv) => platform.checkSettings?.(settings) })),
  ]);
  return readOperationsSettings(env);
}

/**
 * What `npm start` runs around the platforms: the knowledge (reloaded on
 * edits), the question log (in PostgreSQL with `QUESTION_LOG_URL`), the rate
 * limit, event de-duplication and conversations (in Redis with `REDIS_URL`),
 * and, with `HEALTH_PORT`, the health server and its metrics. The platforms receive it all as one {@link PlatformServices}.
 */
export interface Runtime {
  /** What every platform's `start()` gets. */
  services: PlatformServices;
  /** Tells readiness that a platform is running; until then it counts as starting. */
  addPlatform(title: string, platform: RunningPlatform): void;
  /** From now on `/readyz` says "stopping", so a load balancer sends no more work. */
  markStopping(): void;
  /** Stops the health server, closes the knowledge watcher, flushes the question log, disconnects Redis. */
  close(): Promise<void>;
}

/** What {@link startRuntime} needs. */
export interface RuntimeOptions {
  env: NodeJS.ProcessEnv;
  settings: OperationsSettings;
  log: LogLine;
  /** The platforms about to start, none for the console: each must be connected before `/readyz` says ready. */
  platforms: readonly Pick<PlatformAdapter, 'platform' | 'title'>[];
}

/** Why the knowledge is not valid, after a failed reload. */
const describeInvalidKnowledge = (result: ReloadResult): string => {
  const errors = result.issues.filter((issue) => issue.level === 'error').length;
  return `knowledge not valid: the last reload found ${errors} problem${errors === 1 ? '' : 's'} (see the log); still answering from the previous ${result.entries} entries`;
};

/**
 * Sets everything up, in order, and undoes what was done if a step fails.
 * @throws {KnowledgeError} when the knowledge is invalid at the start.
 * @throws {RtpError} `QUESTION_LOG_UNREACHABLE`, `REDIS_UNREACHABLE` or `HEALTH_LISTEN_FAILED`.
 */
export async function startRuntime({ env, settings, log, platforms }: RuntimeOptions): Promise<Runtime> {
  const closers: (() => unknown)[] = [];
  const close = async (): Promise<void> => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const questionLog = await openQuestionLog(env, log);
    closers.push(() => questionLog.close());
    let metrics: BotMetrics | undefined;
    let knowledgeProblem: string | null = null;
    const live = startLiveKnowledge(
      knowledgeDirOf(env),
      log,
      (result) => {
        knowledgeProblem = result.ok ? null : describeInvalidKnowledge(result);
        metrics?.countReload(result.ok ? 'success' : 'failure');
      },
      knowledgeSetupOf(env, log),
    );
    closers.push(() => live.close());

    const store = settings.redisUrl ? await connectRedis(settings.redisUrl, log) : undefined;
    if (store) closers.push(() => store.close());
    const rateLimit = { RATE_LIMIT_PER_MINUTE: settings.rateLimitPerMinute };
    const limiter: AskerLimiter = store ? await createRedisAskerLimiter(store, rateLimit) : createAskerLimiter(rateLimit);
    const deduplicator = store ? createRedisDeduplicator(store) : createMemoryDeduplicator();
    closers.push(() => deduplicator.close());
    // Without Redis, each platform keeps its conversations in its own memory.
    const conversations = store ? createRedisConversationMemory(store) : undefined;

    const running = new Map<string, RunningPlatform | null>(platforms.map(({ title }) => [title, null]));
    let stopping = false;
    if (settings.health) {
      metrics = await createBotMetrics(() => live.current().knowledge.entries.length, platforms.length > 0 ? platforms.map(({ platform }) => platform) : ['cli'], questionLog);
      const { registry } = metrics;
      const server = await startHealthServer(settings.health, {
        unhealthy: () => (live.current().knowledge.entries.length > 0 ? null : 'no knowledge loaded'),
        notReady: () => [
          ...(stopping ? ['stopping'] : []),
          ...[...running].flatMap(([name, platform]) => (platform === null ? [`${name} is starting`] : platform.isConnected() ? [] : [`${name} is not connected`])),
          ...(knowledgeProblem ? [knowledgeProblem] : []),
        ],
        metrics: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
      });
      closers.push(() => server.close());
      log('info', `health: serving /healthz, /readyz and /metrics at ${server.url}`);
    }

    return {
      services: {
        env,
        getAnswerer: metrics ? metrics.observeAnswerer(live.current) : live.current,
        questionLog: metrics ? metrics.observeQuestionLog(questionLog) : questionLog,
        log,
        askerLimiter: metrics ? metrics.observeLimiter(limiter) : limiter,
        eventDeduplicator: deduplicator,
        ...(conversations ? { conversations } : {}),
      },
      addPlatform: (title, platform) => running.set(title, platform),
      markStopping: () => {
        stopping = true;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
