import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayCloseCodes } from 'discord.js';
import { startDiscordBot } from '../../../adapters/discord/app.js';
import { readDiscordSettings } from '../../../adapters/discord/settings.js';
import { createAnswerer, createMemoryQuestionLog, type Answerer, type QuestionRecord } from '../../../src/index.js';
import { defaultKnowledgeDir } from '../../../adapters/shared/settings.js';
import { clarifyText, spyOnAnswerer, type AskedCall } from '../../support/answerer-spy.js';
import { harnessIds, startBotHarness, type BotHarness, type SentMessage } from './bot-harness.js';
import {
  buttonInteraction,
  chatInputInteraction,
  fixtureIds,
  forumChannel,
  forumPostCreate,
  fromUser,
  guildCreate,
  inChannel,
  messageMenuInteraction,
  startStandInDiscord,
  userMessage,
  withoutGuild,
  type RecordedRequest,
} from './stand-in-discord.js';

// End to end: the real discord.js client against the stand-in Discord, for every way in beyond /rtp.
// The answerer is the real one, wrapped to note the `previous` each question was asked with and to
// stand in clarifications (the engine adds them elsewhere).

const ephemeral = 64;
const forumId = '1000000000000000040';
const otherForumId = '1000000000000000041';
const expertsId = '1000000000000000050';
const unsure = 'what about the trust thing';
/** Answered by the real answerer, and given at medium confidence by the spy. */
const mediumTitle = 'Who is allowed to use the Right to Provide?';
const candidateIds = ['reddish-vale-school', 'foundation-trusts'];

let harness: BotHarness;
let calls: AskedCall[];
let servedAnswerer: Answerer;

const questionRecords = (of: BotHarness = harness) => of.records.filter((record): record is QuestionRecord => record.type === 'question');
const buttonsOf = (message: SentMessage) => message.components.flatMap((row) => row.components);
const postsTo = (channelId: string, of: BotHarness = harness): RecordedRequest[] =>
  of.standIn.requests.filter((request) => request.method === 'POST' && request.path === `/api/v10/channels/${channelId}/messages`);

/** Waits until the bot has cached a channel (GUILD_CREATE is handled asynchronously). */
async function waitForChannel(of: BotHarness, channelId: string): Promise<void> {
  for (let tries = 0; !of.bot.client.channels.cache.has(channelId); tries += 1) {
    if (tries > 250) throw new Error(`the bot never cached channel ${channelId}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Dispatches a new forum post and resolves with the bot's reply in it. */
async function openPost(of: BotHarness, post: ReturnType<typeof forumPostCreate>): Promise<RecordedRequest> {
  const reply = of.standIn.waitForRequest((request) => request.method === 'POST' && request.path === `/api/v10/channels/${post.id}/messages`);
  of.standIn.dispatch('THREAD_CREATE', post);
  return Promise.race([reply, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no reply in post "${post.name}"`)), 5_000))]);
}

/**
 * Dispatches posts the bot must stay silent in, then one it must answer:
 * once that reply has arrived, the earlier posts have been dealt with too.
 */
async function expectSilentIn(of: BotHarness, posts: ReturnType<typeof forumPostCreate>[], sentinelOwner: string): Promise<void> {
  for (const post of posts) of.standIn.dispatch('THREAD_CREATE', post);
  await openPost(of, forumPostCreate({ forumId, title: 'What is the Right to Request?', ownerId: sentinelOwner }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (const post of posts) expect(postsTo(post.id, of), post.name).toEqual([]);
}

beforeAll(async () => {
  harness = await startBotHarness({
    env: { RATE_LIMIT_PER_MINUTE: '0', DISCORD_ESCALATION_CHANNEL: expertsId, DISCORD_FORUM_CHANNELS: forumId },
    wrapAnswerer: (answerer) => {
      const spy = spyOnAnswerer(
        answerer,
        (question) =>
          question === unsure ? candidateIds.map((id) => ({ id, title: id, question: answerer.knowledge.entries.find((entry) => entry.id === id)?.questions[0] ?? '' })) : null,
        (question) => question === mediumTitle,
      );
      calls = spy.calls;
      servedAnswerer = spy.answerer;
      return spy.answerer;
    },
  });
  harness.standIn.dispatch('GUILD_CREATE', guildCreate(fixtureIds.userId, [forumChannel(forumId), forumChannel(otherForumId, 'elsewhere')]));
  await waitForChannel(harness, forumId);
});

afterAll(async () => {
  await harness?.stop();
});

describe('the message context menu "Ask rtp-bot"', () => {
  it('answers the question in the chosen message privately, with the usual buttons and no mentions allowed', async () => {
    const target = userMessage('@everyone hi, <@1000000000000000002> who can use the Right to Provide?');
    const { type, data } = await harness.interact(fromUser(messageMenuInteraction(harnessIds.applicationId, 'Ask rtp-bot', target), '1000000000000000111'));
    expect(type).toBe(4);
    expect(data.flags).toBe(ephemeral);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds[0]?.description).toMatch(/^As of /);
    expect(buttonsOf(data).map((button) => button.custom_id)).toEqual(expect.arrayContaining([expect.stringMatching(/^rtp:ask:/), expect.stringMatching(/^rtp:fb:up:/)]));
    // The mentions are not part of the question.
    expect(questionRecords().at(-1)).toMatchObject({ via: 'menu', question: 'hi, who can use the Right to Provide?', entryId: 'who-can-use-right-to-provide' });
  });

  it('answers with no server at all (a user install, in a DM or a group DM)', async () => {
    for (const context of [1, 2] as const) {
      const target = userMessage('What is a public service mutual?', { channelId: '1000000000000000091' });
      const interaction = withoutGuild(messageMenuInteraction(harnessIds.applicationId, 'Ask rtp-bot', target), context);
      const { data } = await harness.interact(interaction);
      expect(data.flags).toBe(ephemeral);
      expect(data.embeds[0]?.title).toBe('What a public service mutual is');
      expect(questionRecords().at(-1)).toMatchObject({ via: 'menu', entryId: 'public-service-mutual' });
    }
  });

  it('says so politely when the message has no text', async () => {
    const { data } = await harness.interact(messageMenuInteraction(harnessIds.applicationId, 'Ask rtp-bot', userMessage('')));
    expect(data.flags).toBe(ephemeral);
    expect(data.embeds[0]?.description).toMatch(/no text I can read/);
  });
});

describe('/rtp without a server, and follow-ups', () => {
  it("answers /rtp in the bot's DM, where no server exists", async () => {
    const { data } = await harness.interact(withoutGuild(chatInputInteraction(harnessIds.applicationId, 'rtp', 'What is the Right to Request?')));
    expect(data.embeds[0]?.description).toMatch(/^As of /);
    expect(questionRecords().at(-1)).toMatchObject({ via: 'command', entryId: 'right-to-request' });
  });

  it("asks a user's next question in the same channel as a follow-up; another channel or user stands alone", async () => {
    const asker = '1000000000000000121';
    const ask = (question: string, channelId: string = fixtureIds.channelId, userId = asker) =>
      harness.interact(fromUser(inChannel(chatInputInteraction(harnessIds.applicationId, 'rtp', question), channelId), userId));
    await ask('Tell me about Reddish Vale school');
    expect(questionRecords().at(-1)).toMatchObject({ entryId: 'reddish-vale-school' });
    await ask('how many members did it have?');
    expect(calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: 'reddish-vale-school' });
    await ask('how many members did it have?', '1000000000000000099');
    expect(calls.at(-1)?.previous).toBeNull();
    await ask('how many members did it have?', fixtureIds.channelId, '1000000000000000122');
    expect(calls.at(-1)?.previous).toBeNull();
  });

  it('follows up in a DM too', async () => {
    const inDm = (question: string) =>
      harness.interact(withoutGuild(fromUser(chatInputInteraction(harnessIds.applicationId, 'rtp', question), '1000000000000000123'), 1, '1000000000000000092'));
    await inDm('Tell me about Reddish Vale school');
    await inDm('how many members did it have?');
    expect(calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: 'reddish-vale-school' });
  });
});

describe('clarifications', () => {
  it('offers the candidates as buttons; a click asks that question, logged as chosen from the clarification', async () => {
    const { data } = await harness.ask(unsure);
    const clarified = questionRecords().at(-1);
    expect(clarified).toMatchObject({ status: 'clarify', question: unsure });
    expect(data.flags).toBe(ephemeral);
    expect(data.embeds[0]?.description).toBe(clarifyText);
    const offered = buttonsOf(data).filter((button) => button.custom_id.startsWith('rtp:ask:'));
    expect(offered.map((button) => button.custom_id)).toEqual(candidateIds.map((id) => `rtp:ask:${id}:${clarified?.answerId}`));

    const chosen = await harness.interact(buttonInteraction(harnessIds.applicationId, offered[0]?.custom_id ?? '', data));
    expect(chosen.data.embeds[0]?.title).toMatch(/Reddish Vale/);
    expect(questionRecords().at(-1)).toMatchObject({ via: 'button', followedFrom: clarified?.answerId, entryId: 'reddish-vale-school' });
  });
});

describe('"Still need help?" (DISCORD_ESCALATION_CHANNEL set)', () => {
  it('posts the question to the channel, able to notify the asker only, and tells them privately where it went', async () => {
    const question = 'Where do I park the zebra? @everyone <@&1000000000000000003> <@1000000000000000004>';
    const declined = await harness.ask(question, { userId: '1000000000000000131' });
    expect(questionRecords().at(-1)).toMatchObject({ status: 'no_match' });
    const button = buttonsOf(declined.data).find((candidate) => candidate.label === 'Still need help?');
    expect(button?.custom_id).toBe(`rtp:help:${questionRecords().at(-1)?.answerId}`);

    const told = await harness.interact(fromUser(buttonInteraction(harnessIds.applicationId, button?.custom_id ?? '', declined.data), '1000000000000000131'));
    const [posted] = postsTo(expertsId);
    const body = posted?.body as { content: string; embeds: { description: string }[]; allowed_mentions: unknown };
    expect(body.content).toContain('<@1000000000000000131>');
    // The question as understood (mentions taken out) is shown; nobody it named can be notified.
    expect(body.embeds[0]?.description).toBe('Where do I park the zebra?');
    expect(body.allowed_mentions).toEqual({ parse: [], users: ['1000000000000000131'] });
    expect(told.data.flags).toBe(ephemeral);
    expect(told.data.embeds[0]?.description).toContain(`<#${expertsId}>`);
    expect(told.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('is offered under a clarification, and never under an answer', async () => {
    expect(buttonsOf((await harness.ask(unsure)).data).map((button) => button.label)).toContain('Still need help?');
    expect(buttonsOf((await harness.ask('What is the Right to Provide?')).data).map((button) => button.label)).not.toContain('Still need help?');
  });

  it('says so politely, and logs it, when Discord refuses the post', async () => {
    const declined = await harness.ask('Where do I park the zebra?');
    const button = buttonsOf(declined.data).find((candidate) => candidate.label === 'Still need help?');
    harness.standIn.failNext((request) => request.path === `/api/v10/channels/${expertsId}/messages`, 403, { body: { message: 'Missing Access', code: 50001 } });
    const told = await harness.interact(buttonInteraction(harnessIds.applicationId, button?.custom_id ?? '', declined.data));
    expect(told.data.embeds[0]?.description).toMatch(/couldn't pass your question on/);
    expect(harness.logLines.some((line) => line.startsWith('error discord: could not post to DISCORD_ESCALATION_CHANNEL'))).toBe(true);
  });
});

describe('the forum helper (DISCORD_FORUM_CHANNELS, titles only)', () => {
  it('replies in a new post when it is sure, with "That answered it" and 👍 / 👎, pinging nobody', async () => {
    const records = questionRecords().length;
    const post = forumPostCreate({ forumId, title: 'Who can use the Right to Provide?', ownerId: '1000000000000000141' });
    const reply = await openPost(harness, post);
    const body = reply.body as SentMessage & { allowed_mentions: unknown };
    expect(body.embeds[0]?.description).toMatch(/^As of /);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(buttonsOf(body).map((button) => button.label)).toEqual(['That answered it', 'Helpful', 'Not helpful']);
    expect(questionRecords().slice(records)).toMatchObject([{ via: 'forum', confidence: 'high', entryId: 'who-can-use-right-to-provide' }]);
    // Reading the post's text was not asked for: nothing was fetched.
    expect(harness.standIn.requests.some((request) => request.method === 'GET' && request.path.includes(`/channels/${post.id}/messages`))).toBe(false);

    const solved = buttonsOf(body)[0];
    const thanked = await harness.interact(fromUser(buttonInteraction(harnessIds.applicationId, solved?.custom_id ?? '', body), '1000000000000000141'));
    expect(thanked.data.flags).toBe(ephemeral);
    expect(harness.records.at(-1)).toMatchObject({ type: 'feedback', rating: 'up', answerId: questionRecords().at(-1)?.answerId });
  });

  it('stays silent, recording nothing, below high confidence, in other forums, for its own posts and for old threads', async () => {
    const records = harness.records.length;
    const silent = [
      forumPostCreate({ forumId, title: mediumTitle }),
      forumPostCreate({ forumId, title: 'Quick question' }),
      forumPostCreate({ forumId: otherForumId, title: 'Who can use the Right to Provide?' }),
      forumPostCreate({ forumId, title: 'Who can use the Right to Provide?', ownerId: harness.bot.client.user?.id ?? '' }),
      forumPostCreate({ forumId, title: 'Who can use the Right to Provide?', newlyCreated: false }),
    ];
    expect(servedAnswerer.ask(mediumTitle)).toMatchObject({ status: 'answered', confidence: 'medium' });
    await expectSilentIn(harness, silent, '1000000000000000149');
    // Only the post that showed the others were done was answered and recorded.
    expect(harness.records.slice(records)).toMatchObject([{ type: 'question', via: 'forum', question: 'What is the Right to Request?' }]);
  });
});

describe('the forum helper reading posts (DISCORD_FORUM_READ_POSTS=true)', () => {
  let reader: BotHarness;
  beforeAll(async () => {
    reader = await startBotHarness({ env: { RATE_LIMIT_PER_MINUTE: '1', DISCORD_FORUM_CHANNELS: forumId, DISCORD_FORUM_READ_POSTS: 'true' } });
    reader.standIn.dispatch('GUILD_CREATE', guildCreate(fixtureIds.userId, [forumChannel(forumId)]));
    await waitForChannel(reader, forumId);
  });
  afterAll(async () => {
    await reader?.stop();
  });

  it('asks for the Message Content intent (and only then)', async () => {
    const session = await reader.standIn.waitForIdentify();
    expect(session.identify?.intents).toBe(1 | (1 << 15));
    expect((await harness.standIn.waitForIdentify()).identify?.intents).toBe(1);
  });

  it("answers from the post's text when the title alone is not enough", async () => {
    const post = forumPostCreate({ forumId, title: 'Quick question', ownerId: '1000000000000000151' });
    reader.standIn.addMessage(userMessage('Who can use the Right to Provide? <@1000000000000000002>', { id: post.id, channelId: post.id, authorId: '1000000000000000151' }));
    const reply = await openPost(reader, post);
    expect((reply.body as SentMessage).embeds[0]?.title).toBe('Who the Right to Provide is for');
    // The text alone was the question: the title added nothing but a word the answer lacks.
    expect(questionRecords(reader).at(-1)).toMatchObject({ via: 'forum', question: 'Who can use the Right to Provide?' });
  });

  it("counts a post against its author's rate limit, and stays silent over it", async () => {
    // 151 asked once already (the limit here is 1 a minute); 152 has not.
    await expectSilentIn(reader, [forumPostCreate({ forumId, title: 'Who can use the Right to Provide?', ownerId: '1000000000000000151' })], '1000000000000000152');
  });

  it('leaves a post by a bot alone', async () => {
    const post = forumPostCreate({ forumId, title: 'Who can use the Right to Provide?', ownerId: '1000000000000000153' });
    reader.standIn.addMessage(userMessage('Automated post', { id: post.id, channelId: post.id, authorId: '1000000000000000153', bot: true }));
    await expectSilentIn(reader, [post], '1000000000000000154');
  });
});

describe('a refused Message Content intent', () => {
  it('stops start-up with a message naming DISCORD_FORUM_READ_POSTS and how to fix it', async () => {
    const standIn = await startStandInDiscord({ applicationId: harnessIds.applicationId, heartbeatInterval: 1_000 });
    try {
      standIn.refuseNextIdentify(GatewayCloseCodes.DisallowedIntents);
      const settings = readDiscordSettings({
        DISCORD_TOKEN: harnessIds.token,
        DISCORD_APPLICATION_ID: harnessIds.applicationId,
        DISCORD_API_URL: standIn.apiUrl,
        DISCORD_FORUM_CHANNELS: forumId,
        DISCORD_FORUM_READ_POSTS: 'true',
      });
      const started = startDiscordBot(settings, { getAnswerer: () => createAnswerer(defaultKnowledgeDir), questionLog: createMemoryQuestionLog(), log: () => undefined });
      await expect(started).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringMatching(/DISCORD_FORUM_READ_POSTS: needs the Message Content intent.*100 or more servers/),
      });
    } finally {
      await standIn.close();
    }
  });
});

describe('pings', () => {
  it('every message sent in this file allows no mentions, but an escalation allows exactly its asker', () => {
    const sent = [
      ...harness.sentMessages(),
      ...harness.standIn.requests
        .filter((request) => request.method === 'POST' && /^\/api\/v10\/channels\/\d+\/messages$/.test(request.path))
        .map((request) => ({ request, message: request.body as SentMessage })),
    ];
    expect(sent.length).toBeGreaterThan(15);
    for (const { request, message } of sent) {
      const escalation = request.path === `/api/v10/channels/${expertsId}/messages`;
      expect(message.allowed_mentions, request.path).toEqual(escalation ? { parse: [], users: [expect.stringMatching(/^\d+$/)] } : { parse: [] });
    }
  });
});
