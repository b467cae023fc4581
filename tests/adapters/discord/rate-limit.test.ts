import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessIds, startBotHarness, type BotHarness, type Callback } from './bot-harness.js';
import { autocompleteInteraction, buttonInteraction, fromUser, messageMenuInteraction, userMessage } from './stand-in-discord.js';

// The per-user limit end to end: the real discord.js client against the stand-in, with a limit of 3 a minute.

const limit = 3;
const ephemeral = 64;
const asker = '1000000000000000201';
const otherAsker = '1000000000000000202';

let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ env: { RATE_LIMIT_PER_MINUTE: String(limit) } });
});
afterAll(async () => {
  await harness?.stop();
});

const isRefusal = (callback: Callback): boolean => /asked a lot of questions in a short time/.test(callback.data.embeds[0]?.description ?? '');

describe('RATE_LIMIT_PER_MINUTE on Discord', () => {
  it('answers a user up to the limit, then refuses politely and privately, answering and recording nothing', async () => {
    const answered: Callback[] = [];
    for (let index = 0; index < limit; index += 1) answered.push(await harness.ask('What is the Right to Provide?', { userId: asker, public: true }));
    for (const callback of answered) {
      expect(isRefusal(callback)).toBe(false);
      expect(callback.data.embeds[0]?.description).toMatch(/^As of /);
    }
    const recorded = harness.records.length;

    const refused = await harness.ask('What is the Right to Request?', { userId: asker, public: true });
    expect(refused.type).toBe(4);
    expect(refused.data.flags).toBe(ephemeral);
    expect(refused.data.embeds[0]?.description).toMatch(/Please try again in \d+ seconds?\./);
    expect(refused.data.components).toEqual([]);
    expect(refused.data.allowed_mentions).toEqual({ parse: [] });
    expect(harness.records).toHaveLength(recorded);
  });

  it('still answers another user', async () => {
    const callback = await harness.ask('What is the Right to Request?', { userId: otherAsker });
    expect(isRefusal(callback)).toBe(false);
    expect(callback.data.embeds[0]?.description).toMatch(/^As of /);
    expect(harness.records.at(-1)).toMatchObject({ type: 'question', question: 'What is the Right to Request?' });
  });

  it('counts a related-question button as a question: over the limit, the click is refused too', async () => {
    const first = await harness.ask('What is the Right to Provide?', { userId: otherAsker });
    const related = first.data.components[0]?.components[0];
    expect(related?.custom_id).toMatch(/^rtp:ask:/);
    const recorded = harness.records.length;

    const click = fromUser(buttonInteraction(harnessIds.applicationId, related?.custom_id ?? '', first.data), asker);
    const refused = await harness.interact(click);
    expect(isRefusal(refused)).toBe(true);
    expect(refused.data.flags).toBe(ephemeral);
    expect(harness.records).toHaveLength(recorded);

    // The other user has asked twice, so one more click of theirs is answered.
    const answered = await harness.interact(fromUser(buttonInteraction(harnessIds.applicationId, related?.custom_id ?? '', first.data), otherAsker));
    expect(isRefusal(answered)).toBe(false);
    expect(harness.records).toHaveLength(recorded + 1);
  });

  it('counts the message context menu as a question: over the limit, it is refused privately too', async () => {
    const recorded = harness.records.length;
    const refused = await harness.interact(fromUser(messageMenuInteraction(harnessIds.applicationId, 'Ask rtp-bot', userMessage('What is the Right to Provide?')), asker));
    expect(isRefusal(refused)).toBe(true);
    expect(refused.data.flags).toBe(ephemeral);
    expect(harness.records).toHaveLength(recorded);
  });

  it('leaves autocomplete alone: a user over the limit still gets suggestions while typing', async () => {
    const callback = await harness.interact(fromUser(autocompleteInteraction(harnessIds.applicationId, 'rtp', 'mutual'), asker));
    expect(callback.type).toBe(8);
    expect((callback.data as unknown as { choices: unknown[] }).choices.length).toBeGreaterThan(0);
  });

  it('never counts feedback against the limit, nor refuses it', async () => {
    // A third user asks; the one over the limit votes on it.
    const answer = await harness.ask('What is a public service mutual?', { userId: '1000000000000000203' });
    expect(isRefusal(answer)).toBe(false);
    const up = answer.data.components.flatMap((row) => row.components).find((button) => button.custom_id.startsWith('rtp:fb:up:'));
    const vote = await harness.interact(fromUser(buttonInteraction(harnessIds.applicationId, up?.custom_id ?? '', { ...answer.data, flags: ephemeral }), asker));
    expect(vote.type).toBe(7);
    expect(harness.records.at(-1)).toMatchObject({ type: 'feedback', rating: 'up' });
  });
});
