import { createHash } from 'node:crypto';
import { createExpiringMap } from './expiring-map.js';
import type { SharedStore } from './redis.js';

/**
 * What the bot remembers of its conversations: for each one (a Slack thread
 * or DM, a Discord user in one channel), the entry its last answer came from,
 * so the next question can be asked as a follow-up (`ask(question, { previous })`).
 * Small on purpose: one entry id per conversation, forgotten after a while of
 * silence, and at most a fixed number of conversations at once. Asynchronous,
 * like the rate limiter and the event deduplicator, so that several replicas
 * can share it through Redis ({@link createRedisConversationMemory}).
 */
export interface ConversationMemory {
  /** The entry id the conversation's last answer came from, or `null` when there is none or it has expired. Never rejects. */
  recall(key: string): Promise<string | null>;
  /** Notes that the conversation's latest answer came from `entryId`; its clock restarts. Never rejects. */
  remember(key: string, entryId: string): Promise<void>;
}

/** Options for {@link createConversationMemory}. Every one has a default in `defaultConversationOptions`. */
export interface ConversationOptions {
  /**
   * How long after its last answer a conversation is forgotten, in milliseconds;
   * a question after that stands on its own.
   * @default 600000 (10 minutes)
   */
  ttlMs: number;
  /**
   * Most conversations remembered at once; past it the one answered longest ago
   * is forgotten first, so a flood of conversations cannot grow memory without bound.
   * @default 5000
   */
  maxConversations: number;
  /**
   * The clock, in milliseconds.
   * @default () => performance.now()
   */
  now: () => number;
}

/** The defaults of every {@link ConversationOptions} field. */
export const defaultConversationOptions: Readonly<ConversationOptions> = Object.freeze({
  ttlMs: 10 * 60_000,
  maxConversations: 5_000,
  now: () => performance.now(),
});

/** A {@link ConversationMemory} held in this process; `size` says how many conversations it holds now. */
export function createConversationMemory(options: Partial<ConversationOptions> = {}): ConversationMemory & { readonly size: number } {
  const { ttlMs, maxConversations, now } = { ...defaultConversationOptions, ...options };
  const conversations = createExpiringMap<string>({ ttlMs, maxSize: maxConversations, now });
  return {
    recall(key) {
      return Promise.resolve(conversations.get(key) ?? null);
    },
    remember(key, entryId) {
      conversations.set(key, entryId);
      return Promise.resolve();
    },
    get size() {
      return conversations.size;
    },
  };
}

/** Where the Redis-backed memory keeps each conversation: `rtp:conversation:<hash of its key>`. */
export const redisConversationPrefix = 'rtp:conversation:';

/**
 * A conversation's key as Redis sees it: a SHA-256 hash, so the shared store
 * holds no channel, thread or user id in plain (as the rate limit's keys).
 */
export const redisConversationKey = (key: string): string => `${redisConversationPrefix}${createHash('sha256').update(key).digest('base64url')}`;

/**
 * A {@link ConversationMemory} shared by every process using the same Redis
 * (`REDIS_URL`), so a follow-up in a thread is read in context whichever
 * replica gets it: each conversation is one key holding the entry id of its
 * last answer, `SET … PX <ttl>`, forgotten after the same silence as in
 * memory. Redis's own memory policy bounds how many it holds, so there is
 * no count limit here. While Redis is down, follow-ups have no context (a
 * question stands on its own) and the store warns once; answers go on.
 */
export function createRedisConversationMemory(store: SharedStore, options: Partial<Pick<ConversationOptions, 'ttlMs'>> = {}): ConversationMemory {
  const ttlMs = options.ttlMs ?? defaultConversationOptions.ttlMs;
  return {
    recall: (key) =>
      store.run(
        () => store.client.get(redisConversationKey(key)),
        () => null,
      ),
    remember: (key, entryId) =>
      store.run(
        async () => {
          await store.client.set(redisConversationKey(key), entryId, 'PX', ttlMs);
        },
        () => undefined,
      ),
  };
}
