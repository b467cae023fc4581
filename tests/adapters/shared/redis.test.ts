import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../../adapters/shared/answer-question.js';
import { createConversationMemory, createRedisConversationMemory, redisConversationKey, redisConversationPrefix } from '../../../adapters/shared/conversations.js';
import { createRedisDeduplicator } from '../../../adapters/shared/event-dedup.js';
import { checkAskerLimit, createRedisAskerLimiter } from '../../../adapters/shared/rate-limit.js';
import { connectRedis, type SharedStore } from '../../../adapters/shared/redis.js';
import { defaultKnowledgeDir, describeError } from '../../../adapters/shared/settings.js';
import { createAnswerer, createMemoryQuestionLog, type Answer, type Answerer } from '../../../src/index.js';
import type { ConversationMemory } from '../../../adapters/shared/conversations.js';
import { freePort, startRedisServer, type RedisServer } from '../../support/redis-server.js';

// Against a real redis-server on a free loopback port: no mocks.

/** Asks a question as the next turn of a conversation, through the way in every adapter shares. */
async function askInConversation(answerer: Answerer, question: string, conversations: ConversationMemory, conversation: string): Promise<Answer> {
  const reply = await answerQuestion(
    { getAnswerer: () => answerer, questionLog: createMemoryQuestionLog(), conversations },
    { platform: 'slack', question, origin: { via: 'mention' }, conversation },
  );
  if (reply.kind !== 'answer') throw new Error('no limit was set, so every question is answered');
  return reply.answer;
}

let redis: RedisServer;
const stores: SharedStore[] = [];

/** A connection of its own, as each replica has, with its log lines kept. */
async function connect(url = redis.url): Promise<{ store: SharedStore; lines: string[] }> {
  const lines: string[] = [];
  const store = await connectRedis(url, (level, message) => lines.push(`${level} ${message}`), { connectTimeoutMs: 2_000, commandTimeoutMs: 500 });
  stores.push(store);
  return { store, lines };
}

beforeAll(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await redis?.close();
});

describe('the rate limit in Redis', () => {
  it('is one count per user across every process using the same Redis', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const limiters = await Promise.all([createRedisAskerLimiter(a.store, { RATE_LIMIT_PER_MINUTE: 3 }), createRedisAskerLimiter(b.store, { RATE_LIMIT_PER_MINUTE: 3 })]);
    const user = `U${Date.now()}`;
    // Alternating replicas: three questions pass, the fourth is refused whichever replica takes it.
    expect(await checkAskerLimit(limiters[0]!, 'slack', user)).toBeNull();
    expect(await checkAskerLimit(limiters[1]!, 'slack', user)).toBeNull();
    expect(await checkAskerLimit(limiters[0]!, 'slack', user)).toBeNull();
    expect(await checkAskerLimit(limiters[1]!, 'slack', user)).toMatch(/^You have asked a lot of questions .* Please try again in (60|59) seconds\.$/);
    expect(await checkAskerLimit(limiters[0]!, 'slack', user)).not.toBeNull();
    // Another user, or the same id on Discord, is counted apart.
    expect(await checkAskerLimit(limiters[1]!, 'slack', `${user}-other`)).toBeNull();
    expect(await checkAskerLimit(limiters[1]!, 'discord', user)).toBeNull();
    // Redis holds a count per user under a hash, never the user id itself.
    const keys = await a.store.client.keys('rtp:rate:*');
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(keys.join(' ')).not.toContain(user);
  });

  it('never refuses when the setting is 0', async () => {
    const { store } = await connect();
    const limiter = await createRedisAskerLimiter(store, { RATE_LIMIT_PER_MINUTE: 0 });
    for (let question = 0; question < 50; question += 1) expect(await checkAskerLimit(limiter, 'slack', 'U0')).toBeNull();
  });
});

describe('Slack event de-duplication in Redis', () => {
  it('lets exactly one process claim an event id, however many try at once', async () => {
    const replicas = await Promise.all([connect(), connect(), connect()]);
    const dedups = replicas.map(({ store }) => createRedisDeduplicator(store));
    const key = `Ev${Date.now()}`;
    const claims = await Promise.all([...dedups, ...dedups].map((dedup) => dedup.claim(key)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await dedups[0]!.claim(`${key}-next`)).toBe(true);
    await Promise.all(dedups.map((dedup) => dedup.close()));
  });

  it('forgets a claim after its time to live', async () => {
    const { store } = await connect();
    const dedup = createRedisDeduplicator(store, { ttlMs: 200 });
    const key = `EvTtl${Date.now()}`;
    expect(await dedup.claim(key)).toBe(true);
    expect(await dedup.claim(key)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await dedup.claim(key)).toBe(true);
  });
});

describe('conversations in Redis', () => {
  const answerer = createAnswerer(defaultKnowledgeDir);

  it("lets a follow-up asked through another process be read in the first answer's context", async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const [memoryA, memoryB] = [createRedisConversationMemory(a.store), createRedisConversationMemory(b.store)];
    const thread = `slack:C0GENERAL:${Date.now()}.000100`;
    expect((await askInConversation(answerer, 'Tell me about Reddish Vale school', memoryA, thread)).entryId).toBe('reddish-vale-school');
    // The other process never saw the first question, yet reads the follow-up in its context.
    const followUp = await askInConversation(answerer, 'how many members did it have?', memoryB, thread);
    expect(followUp).toMatchObject({ status: 'answered', entryId: 'reddish-vale-school' });
    // Without the conversation, the same words are not understood.
    expect((await askInConversation(answerer, 'how many members did it have?', createConversationMemory(), thread)).status).toBe('clarify');
    // Another conversation is apart.
    expect(await memoryB.recall(`${thread}-other`)).toBeNull();
    // Redis holds each conversation under a hash of its key: no channel, thread or user id in plain.
    const keys = await a.store.client.keys(`${redisConversationPrefix}*`);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(keys.join(' ')).not.toMatch(/C0GENERAL|slack/);
  });

  it('forgets a conversation after the same silence as in memory, counted from its last answer', async () => {
    const { store } = await connect();
    const memory = createRedisConversationMemory(store, { ttlMs: 400 });
    const key = `discord:1:${Date.now()}`;
    await memory.remember(key, 'one');
    await new Promise((resolve) => setTimeout(resolve, 250));
    await memory.remember(key, 'two');
    // The key expires in Redis itself: its clock restarted at the last answer.
    const ttl = await store.client.pttl(redisConversationKey(key));
    expect(ttl).toBeGreaterThan(250);
    expect(ttl).toBeLessThanOrEqual(400);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await memory.recall(key)).toBe('two');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await memory.recall(key)).toBeNull();
  });
});

describe('when Redis goes down and comes back', () => {
  it('fails open with one warning, falls back to memory for de-duplication, reconnects by itself, and shares state again', async () => {
    const a = await connect();
    const b = await connect();
    const limiter = await createRedisAskerLimiter(a.store, { RATE_LIMIT_PER_MINUTE: 1 });
    const dedupA = createRedisDeduplicator(a.store);
    const dedupB = createRedisDeduplicator(b.store);
    const conversationsA = createRedisConversationMemory(a.store);
    const conversationsB = createRedisConversationMemory(b.store);
    await conversationsA.remember('slack:C0OUTAGE:1', 'reddish-vale-school');
    expect(await checkAskerLimit(limiter, 'slack', 'U-outage')).toBeNull();
    expect(await checkAskerLimit(limiter, 'slack', 'U-outage')).not.toBeNull();

    await redis.stop();
    // Down: every question goes ahead, and a repeat to the same process is still caught.
    for (let question = 0; question < 5; question += 1) expect(await checkAskerLimit(limiter, 'slack', 'U-outage')).toBeNull();
    expect(await dedupA.claim('EvOutage')).toBe(true);
    expect(await dedupA.claim('EvOutage')).toBe(false);
    // Follow-ups have no context: the question stands on its own, and still gets an answer (never an error).
    expect(await conversationsA.recall('slack:C0OUTAGE:1')).toBeNull();
    await expect(conversationsA.remember('slack:C0OUTAGE:1', 'right-to-provide')).resolves.toBeUndefined();
    expect((await askInConversation(createAnswerer(defaultKnowledgeDir), 'What is the Right to Provide?', conversationsA, 'slack:C0OUTAGE:1')).status).toBe('answered');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(a.lines.filter((line) => line.startsWith('warn'))).toEqual([
      expect.stringMatching(/^warn redis: unreachable \(.+\): still answering, but without the shared rate limit/),
    ]);

    await redis.restart();
    // Back: both processes reconnect by themselves and share claims again (the restarted Redis is empty).
    await expect.poll(() => [a.store.client.status, b.store.client.status], { timeout: 10_000, interval: 100 }).toEqual(['ready', 'ready']);
    expect(await dedupB.claim('EvShared')).toBe(true);
    expect(await dedupA.claim('EvShared')).toBe(false);
    await conversationsA.remember('slack:C0BACK:1', 'right-to-request');
    expect(await conversationsB.recall('slack:C0BACK:1')).toBe('right-to-request');
    expect(await checkAskerLimit(limiter, 'slack', 'U-back')).toBeNull();
    expect(await checkAskerLimit(limiter, 'slack', 'U-back')).not.toBeNull();
    expect(a.lines.filter((line) => line.startsWith('warn'))).toHaveLength(1);
    expect(a.lines).toContainEqual(expect.stringMatching(/^info redis: reachable again/));
  }, 30_000);
});

describe('connecting at start-up', () => {
  it('fails with one clear error naming REDIS_URL, without the password, when nothing listens there', async () => {
    const url = `redis://:hunter2-not-a-real-password@127.0.0.1:${await freePort()}`;
    const failure = await connectRedis(url, () => undefined, { connectTimeoutMs: 1_000 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'REDIS_UNREACHABLE' });
    const message = describeError(failure);
    expect(message).toMatch(/^rtp-bot: could not connect to Redis at REDIS_URL \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); check that Redis is running/);
    expect(message).not.toContain('hunter2');
  });

  it('fails the same way when Redis refuses the password, without printing it', async () => {
    const guarded = await startRedisServer({ password: 'the-right-password-123' });
    try {
      const failure = await connectRedis(`redis://:the-wrong-password-456@127.0.0.1:${guarded.port}`, () => undefined, { connectTimeoutMs: 1_000 }).then(
        () => null,
        (error: unknown) => error,
      );
      const message = describeError(failure);
      expect(message).toMatch(/^rtp-bot: could not connect to Redis at REDIS_URL \(.*(WRONGPASS|NOAUTH|invalid).*\)/i);
      expect(message).not.toMatch(/the-(wrong|right)-password/);
      // And the right one works.
      const { store } = await connect(guarded.url);
      expect(await store.client.ping()).toBe('PONG');
    } finally {
      await Promise.all(stores.splice(0).map((store) => store.close()));
      await guarded.close();
    }
  });
});
