import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '@slack/bolt';
import { createMemoryDeduplicator, createRedisDeduplicator } from '../../../adapters/shared/event-dedup.js';
import { connectRedis, type SharedStore } from '../../../adapters/shared/redis.js';
import { createSlackApp } from '../../../adapters/slack/app.js';
import { compiledStart, spawnScript, stopScript, type SpawnedScript } from '../../support/processes.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { commandBody, eventBody, mentionEvent, postEventToApp, postToApp, signSlackBody, testBotToken, testSigningSecret, textsOf } from './slack-requests.js';
import { startStandInSlack, type StandInSlack } from './stand-in-slack.js';
import { createTestContext, httpSettings } from './test-context.js';
import { readLogLines } from '../../support/question-log-lines.js';

// Two Slack replicas behind one (imagined) load balancer, sharing one real redis-server: the per-user
// limit holds whichever replica a question reaches, a follow-up in a thread is read in context by
// either, an event Slack delivers twice is handled once, and a Redis restart costs neither replica its answers.

let redis: RedisServer;
let standIn: StandInSlack;
const dataDir = mkdtempSync(join(tmpdir(), 'rtp-replicas-'));

beforeAll(async () => {
  [redis, standIn] = await Promise.all([startRedisServer(), startStandInSlack()]);
});
afterAll(async () => {
  await standIn?.close();
  await redis?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('two npm start Slack replicas with one Redis', () => {
  const replicas: SpawnedScript[] = [];
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map(stopScript));
  });

  /** Starts one replica (the compiled npm start) and resolves with its /slack/events URL. */
  async function startReplica(): Promise<{ run: SpawnedScript; url: string }> {
    const run = spawnScript(compiledStart, {
      SLACK_BOT_TOKEN: testBotToken,
      SLACK_SIGNING_SECRET: testSigningSecret,
      PORT: '0',
      HOST: '127.0.0.1',
      SLACK_API_URL: standIn.apiUrl,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
    });
    replicas.push(run);
    const [, url = ''] = await run.waitFor(/ready at (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/, 30_000);
    await run.waitFor(/Slack started/);
    expect(run.output()).toContain('redis: connected');
    return { run, url };
  }

  /** Asks `/rtp` through one replica as `userId`; resolves with the reply's text. */
  async function ask(url: string, userId: string): Promise<string> {
    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    const response = await postToApp(url, commandBody({ text: 'What is the Right to Request?', responseUrl, userId }));
    expect(response.status).toBe(200);
    return textsOf(await reply).join('\n');
  }

  const refused = /^You have asked a lot of questions/m;
  const answered = /As of /;

  /** Ten questions from one user, alternating replicas, all answered; then the 11th and 12th, one to each, refused. */
  async function expectSharedLimit(urls: string[], userId: string): Promise<void> {
    for (let question = 0; question < 10; question += 1) expect(await ask(urls[question % 2]!, userId)).toMatch(answered);
    expect(await ask(urls[0]!, userId)).toMatch(refused);
    expect(await ask(urls[1]!, userId)).toMatch(refused);
  }

  it("refuses a user's 11th question in a minute on either replica, answers through a Redis restart, and shares the limit again after it", async () => {
    const [a, b] = await Promise.all([startReplica(), startReplica()]);
    const urls = [a.url, b.url];
    await expectSharedLimit(urls, 'U0SHAREDLIMIT');

    await redis.stop();
    // Redis down: both replicas still answer; the limit fails open (12 questions from one user all answered).
    for (let question = 0; question < 12; question += 1) expect(await ask(urls[question % 2]!, 'U0DURINGOUTAGE')).toMatch(answered);
    for (const replica of [a, b]) expect(replica.run.output().match(/warn redis: unreachable/g)).toHaveLength(1);

    await redis.restart();
    // Each replica reconnects by itself, and the (now empty) Redis holds one count per user again.
    await Promise.all([a, b].map((replica) => replica.run.waitFor(/info redis: reachable again/, 15_000)));
    await expectSharedLimit(urls, 'U0AFTERRESTART');
    for (const replica of [a, b]) expect(replica.run.output().match(/warn redis: unreachable/g)).toHaveLength(1);

    for (const replica of [a, b]) replica.run.child.kill('SIGTERM');
    expect(await Promise.all([a.run.exited, b.run.exited])).toEqual([0, 0]);
    // Both wrote to the one question log: one whole line per answer (10 + 12 + 10), none refused.
    const records = readLogLines<{ platform: string }>(dataDir);
    expect(records).toHaveLength(32);
    for (const replica of [a, b]) expect(replica.run.output()).not.toMatch(/\n\s+at |something went wrong/);
  }, 120_000);

  it('answers a follow-up in a thread in the context of the first answer, when the replica that gave it is not the one asked', async () => {
    const [a, b] = await Promise.all([startReplica(), startReplica()]);
    /** Sends an @mention to one replica, as Slack does, and resolves with the text of the reply it posts. */
    const mention = async (url: string, event: Record<string, unknown>): Promise<string> => {
      const before = standIn.apiCalls.filter((call) => call.method === 'chat.postMessage').length;
      expect((await postEventToApp(url, eventBody(event))).status).toBe(200);
      const posts = await standIn.waitForCalls('chat.postMessage', before + 1, 10_000);
      return textsOf(posts[before]!.params).join('\n');
    };
    const first = mentionEvent('Tell me about Reddish Vale school', { channel: 'C0REPLICAS' });
    expect(await mention(a.url, first)).toContain('Reddish Vale');
    // The follow-up, in the same thread, reaches the other replica: it reads it in context, and says briefly
    // that the answer it gave on Reddish Vale covers it.
    expect(await mention(b.url, mentionEvent('how many members did it have?', { channel: 'C0REPLICAS', threadTs: String(first.ts) }))).toMatch(
      /covered by what I said before: .*Reddish Vale/,
    );
    // The same words outside the thread stand alone, and are not answered as about Reddish Vale.
    expect(await mention(b.url, mentionEvent('how many members did it have?', { channel: 'C0REPLICAS' }))).not.toMatch(/covered by what I said before|390 members/);
    for (const replica of [a, b]) expect(replica.run.output()).not.toMatch(/warn|error/);
  }, 60_000);
});

describe("the Slack app's event de-duplication (a Bolt app per replica, against the stand-in)", () => {
  const stores: SharedStore[] = [];
  const apps: App[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  /** One replica: the app as createSlackApp wires it, plus a test-only listener counting the app_mention events it is given. */
  async function startReplica(eventDeduplicator = createMemoryDeduplicator()) {
    const { context, logLines } = createTestContext();
    const { app } = createSlackApp(httpSettings(standIn.apiUrl), { ...context, eventDeduplicator });
    const mentions: string[] = [];
    app.event('app_mention', async ({ body }) => {
      mentions.push(String((body as { event_id?: unknown }).event_id));
    });
    await app.init();
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    apps.push(app);
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}/slack/events`, mentions, logLines };
  }

  async function sharedReplica() {
    const store = await connectRedis(redis.url, () => undefined);
    stores.push(store);
    return startReplica(createRedisDeduplicator(store));
  }

  /** Delivers an Events API event_callback, signed, as Slack does (a retry carries x-slack-retry-num). */
  async function deliver(url: string, eventId: string, retryNum?: number): Promise<number> {
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: 'T0STANDIN',
      api_app_id: 'A0STANDIN',
      type: 'event_callback',
      event_id: eventId,
      event_time: 1_700_000_000,
      event: { type: 'app_mention', user: 'U0ASKER', text: '<@U0BOT> What is the Right to Provide?', ts: '1700000000.000100', channel: 'C0GENERAL', event_ts: '1700000000.000100' },
    });
    const retry: Record<string, string> = retryNum === undefined ? {} : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' };
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signSlackBody(body), ...retry }, body });
    return response.status;
  }

  it('passes an event delivered once to each replica (a retry) to the listeners once, and a new event once more', async () => {
    const [a, b] = await Promise.all([sharedReplica(), sharedReplica()]);
    const eventId = `Ev${Date.now()}`;
    expect(await deliver(a.url, eventId)).toBe(200);
    await expect.poll(() => a.mentions).toEqual([eventId]);
    // Slack retries the same event to the other replica, and again to the first: both acked, neither handled.
    expect(await deliver(b.url, eventId, 1)).toBe(200);
    expect(await deliver(a.url, eventId, 2)).toBe(200);
    await expect.poll(() => b.logLines).toContainEqual(`info slack: event ${eventId} was already handled (Slack's retry 1); not answering it again`);
    await expect.poll(() => a.logLines).toContainEqual(`info slack: event ${eventId} was already handled (Slack's retry 2); not answering it again`);
    expect([...a.mentions, ...b.mentions]).toEqual([eventId]);

    const next = `${eventId}-next`;
    expect(await deliver(b.url, next)).toBe(200);
    await expect.poll(() => b.mentions).toEqual([next]);
    expect([...a.mentions, ...b.mentions]).toHaveLength(2);
  }, 30_000);

  it('without Redis, still passes an event delivered twice to the same app to the listeners once', async () => {
    const alone = await startReplica();
    expect(await deliver(alone.url, 'EvAlone')).toBe(200);
    expect(await deliver(alone.url, 'EvAlone', 1)).toBe(200);
    await expect.poll(() => alone.logLines).toContainEqual("info slack: event EvAlone was already handled (Slack's retry 1); not answering it again");
    expect(alone.mentions).toEqual(['EvAlone']);
  });
});
