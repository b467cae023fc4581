import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultDiscordRestOptions } from '../../../adapters/discord/app.js';
import { replyWithAnswer, replyWithApology } from '../../../adapters/discord/reply.js';
import { harnessIds, startBotHarness, type BotHarness, type Callback, type SentMessage } from './bot-harness.js';
import { chatInputInteraction, rateLimitedReply, type RecordedRequest } from './stand-in-discord.js';

// Faults of Discord's REST API and gateway, played by the stand-in, against the real discord.js client.
// discord.js retries a 5xx or a reset connection itself and waits out a 429's Retry-After; the adapter
// bounds both (defaultDiscordRestOptions) and, when a reply cannot be sent, logs one line and apologises.

const attempts = (defaultDiscordRestOptions.retries ?? 0) + 1;
const question = 'What is the Right to Request?';

let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ env: { RATE_LIMIT_PER_MINUTE: '0' }, botOptions: { rest: { timeout: 1_000 } } });
});
afterAll(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.logLines.length = 0;
});

const isCallbackOf =
  (interaction: { id: string; token: string }) =>
  (request: RecordedRequest): boolean =>
    request.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;

/** Dispatches /rtp and resolves with every callback request for it, once `count` have arrived. */
async function dispatchAndCollect(count: number, arrange: (isCallback: (request: RecordedRequest) => boolean) => void): Promise<Callback[]> {
  const interaction = chatInputInteraction(harnessIds.applicationId, 'rtp', question);
  const isCallback = isCallbackOf(interaction);
  arrange(isCallback);
  harness.standIn.dispatch('INTERACTION_CREATE', interaction);
  await expect.poll(() => harness.standIn.requests.filter(isCallback).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
  return harness.standIn.requests.filter(isCallback).map((request) => request.body as Callback);
}

const isAnswer = (message: SentMessage | undefined): boolean => /^As of /.test(message?.embeds[0]?.description ?? '');
const isApology = (message: SentMessage | undefined): boolean => /^Sorry, something went wrong/.test(message?.embeds[0]?.description ?? '');

/** Still healthy: the next question is answered. */
async function expectStillAnswering(): Promise<void> {
  expect(isAnswer((await harness.ask(question)).data)).toBe(true);
}

describe('the interaction callback fails', () => {
  it('500 once: discord.js retries at once and the answer arrives; nothing logged', async () => {
    const callbacks = await dispatchAndCollect(2, (isCallback) => harness.standIn.failNext(isCallback, 500));
    expect(isAnswer(callbacks[1]?.data)).toBe(true);
    expect(harness.logLines).toEqual([]);
  });

  it(`500 on every attempt: gives up after ${attempts} tries, logs it, tries an apology the same way, and keeps answering`, async () => {
    const callbacks = await dispatchAndCollect(2 * attempts, (isCallback) => {
      for (let index = 0; index < 2 * attempts; index += 1) harness.standIn.failNext(isCallback, 500);
    });
    expect(callbacks.slice(0, attempts).every((callback) => isAnswer(callback.data))).toBe(true);
    expect(callbacks.slice(attempts).every((callback) => isApology(callback.data))).toBe(true);
    await expect.poll(() => harness.logLines.length).toBe(2);
    expect(harness.logLines[0]).toMatch(/^error discord: command \d+ failed: Internal Server Error$/);
    expect(harness.logLines[1]).toMatch(/^warn discord: could not send the apology for command \d+ either: Internal Server Error$/);
    await expectStillAnswering();
  });

  it('429 with a short Retry-After: waits that long, then the answer arrives; nothing logged', async () => {
    const started = performance.now();
    const callbacks = await dispatchAndCollect(2, (isCallback) => harness.standIn.failNext(isCallback, 429, rateLimitedReply(0.3)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(isAnswer(callbacks[1]?.data)).toBe(true);
    expect(harness.logLines).toEqual([]);
  });

  it('429 with a Retry-After longer than an interaction lives: gives up at once with one log line, and apologises', async () => {
    const started = performance.now();
    const callbacks = await dispatchAndCollect(2, (isCallback) => harness.standIn.failNext(isCallback, 429, rateLimitedReply(60)));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(isApology(callbacks[1]?.data)).toBe(true);
    await expect.poll(() => harness.logLines).toEqual([expect.stringMatching(/^error discord: command \d+ failed: Discord asked to wait 600\d\d ms \(rate limited\)/)]);
    await expectStillAnswering();
  });

  it('the connection drops: logs one line, apologises, and keeps answering', async () => {
    const callbacks = await dispatchAndCollect(2, (isCallback) => harness.standIn.dropNext(isCallback));
    expect(isAnswer(callbacks[0]?.data)).toBe(true);
    expect(isApology(callbacks[1]?.data)).toBe(true);
    await expect.poll(() => harness.logLines).toEqual([expect.stringMatching(/^error discord: command \d+ failed: other side closed$/)]);
    await expectStillAnswering();
  });
});

describe('a follow-up fails', () => {
  /** Sends a public answer as a follow-up the way the client's edge does (an apology on failure), and returns the follow-ups. */
  async function followUp(arrange: (isFollowUp: (request: RecordedRequest) => boolean) => void): Promise<SentMessage[]> {
    const { interaction, context } = await harness.repliedInteraction();
    const isFollowUp = (request: RecordedRequest): boolean => request.method === 'POST' && request.path === `/api/v10/webhooks/${harnessIds.applicationId}/${interaction.token}`;
    arrange(isFollowUp);
    await replyWithAnswer(interaction, question, context, { public: true }).catch((error: unknown) => replyWithApology(interaction, context, 'follow-up', error));
    return harness.standIn.requests.filter(isFollowUp).map((request) => request.body as SentMessage);
  }

  it('500 once: retried, delivered, nothing logged', async () => {
    const sent = await followUp((isFollowUp) => harness.standIn.failNext(isFollowUp, 500));
    expect(sent).toHaveLength(2);
    expect(isAnswer(sent[1])).toBe(true);
    expect(harness.logLines).toEqual([]);
  });

  it('429 with a short Retry-After: waits, then delivered', async () => {
    const started = performance.now();
    const sent = await followUp((isFollowUp) => harness.standIn.failNext(isFollowUp, 429, rateLimitedReply(0.3)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(sent).toHaveLength(2);
    expect(isAnswer(sent[1])).toBe(true);
    expect(harness.logLines).toEqual([]);
  });

  it('429 with a Retry-After over 30 s: gives up at once, and the apology on the same route is not sent either; two log lines', async () => {
    const started = performance.now();
    const sent = await followUp((isFollowUp) => harness.standIn.failNext(isFollowUp, 429, rateLimitedReply(60)));
    expect(performance.now() - started).toBeLessThan(3_000);
    // The bucket is now limited for 60 s, so discord.js refuses the apology without sending it.
    expect(sent).toHaveLength(1);
    expect(harness.logLines).toEqual([
      expect.stringMatching(/^error discord: follow-up failed: Discord asked to wait 600\d\d ms \(rate limited\)/),
      expect.stringMatching(/^warn discord: could not send the apology for follow-up either: Discord asked to wait \d+ ms/),
    ]);
  });

  it('the connection drops: one log line, and the apology goes out', async () => {
    const sent = await followUp((isFollowUp) => harness.standIn.dropNext(isFollowUp));
    expect(sent).toHaveLength(2);
    expect(isApology(sent[1])).toBe(true);
    expect(harness.logLines).toEqual([expect.stringMatching(/^error discord: follow-up failed: other side closed$/)]);
  });
});

describe('the gateway disconnects', () => {
  // A dropped connection with no close frame is covered in discord-bot.test.ts.
  async function closeAndAnswer(code: number): Promise<{ op: number }[]> {
    const before = harness.standIn.sessions.length;
    harness.standIn.sessions.at(-1)?.socket.close(code);
    await expect.poll(() => harness.standIn.sessions.length, { timeout: 10_000 }).toBeGreaterThan(before);
    const session = harness.standIn.sessions.at(-1);
    await expect.poll(() => session?.received.some((payload) => payload.op === 6 || payload.op === 2), { timeout: 10_000 }).toBe(true);
    await expectStillAnswering();
    return session?.received ?? [];
  }

  it('close code 4000 (unknown error, resumable): resumes the session and answers again', async () => {
    const received = await closeAndAnswer(4000);
    expect(received.map((payload) => payload.op)).toContain(6);
    expect(received.map((payload) => payload.op)).not.toContain(2);
  });

  it('close code 4007 (invalid sequence, not resumable): identifies afresh and answers again', async () => {
    const received = await closeAndAnswer(4007);
    expect(received.map((payload) => payload.op)).toContain(2);
    expect(received.map((payload) => payload.op)).not.toContain(6);
  });

  it('close code 4004 (authentication failed): says plainly that the bot is cut off for good, without crashing', async () => {
    harness.standIn.sessions.at(-1)?.socket.close(4004);
    await expect.poll(() => harness.logLines.join('\n'), { timeout: 5_000 }).toMatch(/disconnected for good \(close code 4004\)/);
    expect(harness.logLines.join('\n')).not.toContain(harnessIds.token);
  });
});
