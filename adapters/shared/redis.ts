import type { Redis } from 'ioredis';
import { UnreachableError } from '../../src/index.js';
import type { LogLine } from './log-format.js';
import { redactSecrets } from './redact.js';

/**
 * A Redis connection that several replicas share state through (`REDIS_URL`):
 * the per-user rate limit, the Slack event de-duplication and the
 * conversations that follow-ups are read in. Answers never
 * depend on it: a command that fails gives way to a fallback, the operator is
 * warned once per outage, and the client reconnects by itself.
 */
export interface SharedStore {
  /** The ioredis client, for the limiter, the de-duplicator and the conversations. */
  readonly client: Redis;
  /**
   * Runs a command against Redis. When it fails (Redis down, slow or
   * refusing), resolves with `fallback()` instead and, the first time in an
   * outage, logs one warning; the first success after an outage logs that
   * Redis is back. Never rejects.
   */
  run<T>(command: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T>;
  /** Disconnects, waiting briefly for replies in flight. */
  close(): Promise<void>;
}

/** Options for {@link connectRedis}. Every one has a default in `defaultRedisOptions`. */
export interface RedisOptions {
  /**
   * Longest wait for the connection at start-up, in milliseconds.
   * @default 5000
   */
  connectTimeoutMs: number;
  /**
   * Longest wait for any one command, in milliseconds; past it the command
   * counts as failed and its fallback applies, so an answer never waits long on Redis.
   * @default 1000
   */
  commandTimeoutMs: number;
  /**
   * Longest pause between two reconnection attempts, in milliseconds.
   * @default 2000
   */
  maxReconnectDelayMs: number;
}

/** The defaults of every {@link RedisOptions} field. */
export const defaultRedisOptions: Readonly<RedisOptions> = Object.freeze({ connectTimeoutMs: 5_000, commandTimeoutMs: 1_000, maxReconnectDelayMs: 2_000 });

/** One line about a Redis failure: its message, with any credentials cut out. */
const describeRedisError = (error: unknown): string => redactSecrets(error instanceof Error ? error.message || error.name : String(error));

/**
 * Connects to Redis at `url` (`REDIS_URL`) and checks that it answers.
 * @throws {UnreachableError} `REDIS_UNREACHABLE`, naming `REDIS_URL` and never its value, when Redis cannot be reached or refuses the password.
 */
export async function connectRedis(url: string, log: LogLine, options: Partial<RedisOptions> = {}): Promise<SharedStore> {
  const { connectTimeoutMs, commandTimeoutMs, maxReconnectDelayMs } = { ...defaultRedisOptions, ...options };
  // Loaded only when REDIS_URL is set: a bot without Redis never pays for the client.
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    // While disconnected, commands fail at once (and their fallback applies) rather than queue behind the outage.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, maxReconnectDelayMs),
  });
  let lastError: unknown;
  let connected = false;
  let outage = false;
  let closing = false;
  const warnOnce = (error: unknown) => {
    // Before the first connection, start-up reports the failure itself, as an error.
    if (!connected || outage || closing) return;
    outage = true;
    log(
      'warn',
      `redis: unreachable (${describeRedisError(error)}): still answering, but without the shared rate limit, with Slack events de-duplicated by this process alone, and follow-ups read without their conversation, until it is back; reconnecting by itself`,
    );
  };
  const recovered = () => {
    if (!outage) return;
    outage = false;
    log('info', 'redis: reachable again; the shared rate limit, de-duplication and conversations apply again');
  };
  // Without a listener, ioredis prints every failed reconnection attempt itself.
  client.on('error', (error) => (lastError = error));
  client.on('close', () => warnOnce(lastError ?? new Error('connection closed')));
  client.on('ready', recovered);

  try {
    await client.connect();
    // A wrong password still connects; the first command says so.
    await client.ping();
  } catch (error) {
    closing = true;
    client.disconnect();
    // ioredis rejects with a bare "Connection is closed."; the error before it says why.
    const reason = describeRedisError(lastError ?? error);
    throw new UnreachableError(
      'REDIS_UNREACHABLE',
      `rtp-bot: could not connect to Redis at REDIS_URL (${reason}); check that Redis is running and that REDIS_URL is right (redis://HOST:PORT, or rediss:// for TLS; .env.example shows where a password goes).`,
      { cause: lastError ?? error },
    );
  }
  connected = true;
  log('info', 'redis: connected; the rate limit, Slack event de-duplication and conversations are shared with every process using this REDIS_URL');

  return {
    client,
    async run(command, fallback) {
      let result;
      try {
        result = await command();
      } catch (error) {
        warnOnce(error);
        return fallback();
      }
      recovered();
      return result;
    },
    async close() {
      closing = true;
      try {
        await client.quit();
      } catch {
        // Already down: nothing to wait for.
      }
      client.disconnect();
    },
  };
}
