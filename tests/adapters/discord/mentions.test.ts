import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyWithAnswer, replyWithApology } from '../../../adapters/discord/reply.js';
import { harnessIds, startBotHarness, type BotHarness } from './bot-harness.js';
import { buttonInteraction } from './stand-in-discord.js';

// No reply can ping, even when the knowledge itself holds mention markup (tests/fixtures/knowledge-mentions-discord):
// the real discord.js client against the stand-in, and every message body the stand-in received is checked.
// Questions typed with mentions are covered in discord-bot.test.ts ("no pings").

const knowledgeDir = fileURLToPath(new URL('../../fixtures/knowledge-mentions-discord', import.meta.url));
const ephemeral = 64;
const mentionMarkup = /@everyone|@here|<@!?\d+>|<@&\d+>/;

let harness: BotHarness;

beforeAll(async () => {
  harness = await startBotHarness({ knowledgeDir, env: { RATE_LIMIT_PER_MINUTE: '0' } });
});
afterAll(async () => {
  await harness?.stop();
});

describe('mentions in knowledge files', () => {
  it('the fixture really puts @everyone, @here, <@id> and <@&role> into an answer', async () => {
    const { data } = await harness.ask('Who was called to the staff meeting?', { public: true });
    const text = JSON.stringify(data.embeds);
    for (const markup of ['@everyone', '@here', '<@1000000000000000002>', '<@&1000000000000000003>', '<@!1000000000000000005>']) expect(text).toContain(markup);
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('stay unpingable through a related-question button and a 👍 on a private answer', async () => {
    const first = await harness.ask('Who was called to the staff meeting?');
    const related = first.data.components[0]?.components[0];
    expect(related?.label).toMatch(/@here/);
    const clicked = await harness.interact(buttonInteraction(harnessIds.applicationId, related?.custom_id ?? '', first.data));
    expect(clicked.data.embeds[0]?.description).toMatch(/<@1000000000000000002>/);
    expect(clicked.data.allowed_mentions).toEqual({ parse: [] });

    const up = first.data.components.flatMap((row) => row.components).find((button) => button.custom_id.startsWith('rtp:fb:up:'));
    const updated = await harness.interact(buttonInteraction(harnessIds.applicationId, up?.custom_id ?? '', { ...first.data, flags: ephemeral }));
    expect(updated.type).toBe(7);
    expect(updated.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('stay unpingable in help and in suggestions after no match', async () => {
    const help = await harness.ask('help');
    expect(JSON.stringify(help.data.components)).toMatch(mentionMarkup);
    const noMatch = await harness.ask('What is the boiling point of mercury?');
    expect(noMatch.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('stay unpingable in follow-ups: a public answer and an apology sent after the first reply', async () => {
    const { interaction, context } = await harness.repliedInteraction();
    const before = harness.standIn.requests.length;
    await replyWithAnswer(interaction, 'Who chaired the staff meeting? @everyone', context, { public: true });
    await replyWithApology(interaction, context, 'test', new Error('a late failure'));
    const followUps = harness.standIn.requests
      .slice(before)
      .filter((request) => request.method === 'POST' && request.path.startsWith(`/api/v10/webhooks/${harnessIds.applicationId}/`));
    expect(followUps).toHaveLength(2);
    const [answer, apology] = followUps.map((request) => request.body as { embeds: { description?: string }[]; allowed_mentions?: unknown; flags?: number });
    expect(answer?.embeds[0]?.description).toMatch(/@everyone's favourite, <@1000000000000000002>/);
    expect(answer?.flags ?? 0).toBe(0);
    expect(apology?.embeds[0]?.description).toMatch(/Sorry/);
    for (const body of [answer, apology]) expect(body?.allowed_mentions).toEqual({ parse: [] });
  });

  it('every message the stand-in received in this file allows no mentions at all and has no pingable content', () => {
    const sent = harness.sentMessages();
    expect(sent.length).toBeGreaterThanOrEqual(9);
    for (const { request, message } of sent) {
      // Exactly this: no `users` or `roles` lists that would re-allow someone.
      expect(message.allowed_mentions, request.path).toEqual({ parse: [] });
      expect(message.content ?? '', request.path).not.toMatch(mentionMarkup);
    }
  });
});
