import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { truncate } from '../../../adapters/discord/build-reply.js';
import { startDiscordBot, type DiscordBot } from '../../../adapters/discord/app.js';
import { readDiscordSettings } from '../../../adapters/discord/settings.js';
import { defaultKnowledgeDir } from '../../../adapters/shared/settings.js';
import { createAnswerer, createMemoryQuestionLog, type Answerer } from '../../../src/index.js';
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  fixtureIds,
  guildCreate,
  startStandInDiscord,
  type RecordedRequest,
  type StandInDiscord,
} from './stand-in-discord.js';

// End to end: the real discord.js client, logged in to a stand-in Discord on 127.0.0.1.

const applicationId = '1000000000000000010';
const fakeToken = 'MTAwMDAwMDAwMDAwMDAwMDEw.StandIn.not-a-real-token';
const ephemeral = 64;

interface Button {
  label: string;
  custom_id: string;
  disabled?: boolean;
  style: number;
  emoji?: { name: string };
}
interface Row {
  components: Button[];
}
interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}
interface MessageBody {
  embeds: Embed[];
  components: Row[];
  allowed_mentions?: { parse: string[] };
  flags?: number;
  content?: string;
}
interface Callback {
  type: number;
  data: MessageBody & { choices?: { name: string; value: string }[] };
}

let standIn: StandInDiscord;
let bot: DiscordBot;
let answerer: Answerer;
let failingAnswerer = false;
const memoryLog = createMemoryQuestionLog();
const askers: (string | undefined)[] = [];
// The memory log keeps no asker; this wrapper notes who the adapter said asked.
const questionLog = {
  ...memoryLog,
  records: memoryLog.records,
  recordAnswer: (...args: Parameters<typeof memoryLog.recordAnswer>) => {
    askers.push(args[2]?.userId);
    return memoryLog.recordAnswer(...args);
  },
  recordFeedback: (...args: Parameters<typeof memoryLog.recordFeedback>) => {
    askers.push(args[4]?.userId);
    memoryLog.recordFeedback(...args);
  },
};
const logLines: string[] = [];

beforeAll(async () => {
  standIn = await startStandInDiscord({ applicationId, heartbeatInterval: 1_000 });
  answerer = createAnswerer(defaultKnowledgeDir);
  // One fixture user asks every question here; the limit has its own tests (rate-limit.test.ts).
  const settings = readDiscordSettings({ DISCORD_TOKEN: fakeToken, DISCORD_APPLICATION_ID: applicationId, DISCORD_API_URL: standIn.apiUrl, RATE_LIMIT_PER_MINUTE: '0' });
  bot = await startDiscordBot(settings, {
    getAnswerer: () => {
      if (failingAnswerer) throw new Error('knowledge base unavailable');
      return answerer;
    },
    questionLog,
    log: (level, message) => logLines.push(`${level} ${message}`),
  });
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.close();
});

beforeEach(() => {
  failingAnswerer = false;
  logLines.length = 0;
});

/** Dispatches an interaction and returns the bot's callback body. */
async function interact(interaction: { id: string; token: string }): Promise<Callback> {
  const callback = standIn.waitForRequest((request) => request.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`);
  standIn.dispatch('INTERACTION_CREATE', interaction);
  return (await callback).body as Callback;
}

const ask = (question: string, isPublic?: boolean) => interact(chatInputInteraction(applicationId, 'rtp', question, isPublic));
const buttons = (body: MessageBody): Button[] => body.components.flatMap((row) => row.components);
const sentMessages = (): RecordedRequest[] => standIn.requests.filter((request) => /\/(callback|webhooks\/)/.test(request.path) && request.method !== 'GET');

describe('the gateway connection', () => {
  it('identifies with the Guilds intent only, over JSON without compression, and answers heartbeats', async () => {
    const session = await standIn.waitForIdentify();
    expect(session.query.get('encoding')).toBe('json');
    expect(session.query.get('v')).toBe('10');
    expect(session.query.has('compress')).toBe(false);
    expect(session.identify?.token).toBe(fakeToken);
    expect(session.identify?.intents).toBe(1);
    expect(session.identify?.compress).toBe(false);
    // Discovery went through the stand-in's REST API, with the bot token.
    const discovery = standIn.requests.find((request) => request.path === '/api/v10/gateway/bot');
    expect(discovery?.headers.authorization).toBe(`Bot ${fakeToken}`);
    expect(bot.client.user?.username).toBe('rtp-bot');
    expect(bot.client.application?.id).toBe(applicationId);
  });
});

describe('/rtp question', () => {
  it('replies privately with an embed holding the answer, its sources with dates, and the confidence', async () => {
    const question = 'Who can use the Right to Provide?';
    const expected = answerer.ask(question);
    expect(expected.status).toBe('answered');

    const { type, data } = await ask(question);
    expect(type).toBe(4);
    expect(data.flags).toBe(ephemeral);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const [embed] = data.embeds;
    expect(embed?.title).toBe(expected.title);
    expect(embed?.description).toBe(expected.answer);
    expect(embed?.description).toMatch(/^As of /);
    // A fact from the knowledge file itself, not only whatever the engine said.
    expect(embed?.description).toMatch(/NHS/);
    expect(embed?.fields?.map((field) => field.name)).toEqual(expected.sources.map((source) => source.title));
    for (const [index, source] of expected.sources.entries()) expect(embed?.fields?.[index]?.value).toContain(source.date);
    expect(embed?.footer?.text).toContain(`Confidence: ${expected.confidence}`);

    const record = questionLog.records.at(-1);
    expect(record).toMatchObject({ type: 'question', platform: 'discord', question, status: 'answered', entryId: expected.entryId, via: 'command' });
    expect(askers.at(-1)).toBe(fixtureIds.userId);
  });

  it('posts the answer in the channel with public: True, and privately with public: False', async () => {
    const shared = await ask('What is the Right to Request?', true);
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.embeds[0]?.description).toMatch(/Right to Request/);
    expect(shared.data.allowed_mentions).toEqual({ parse: [] });

    const kept = await ask('What is the Right to Request?', false);
    expect(kept.data.flags).toBe(ephemeral);
  });

  it('offers up to three related questions as buttons, and 👍 / 👎 buttons carrying the answer id', async () => {
    const { data } = await ask('What is the Right to Provide?');
    const expected = answerer.ask('What is the Right to Provide?');
    const [relatedRow, feedbackRow] = data.components;
    expect(relatedRow?.components.map((button) => button.label)).toEqual(expected.related.slice(0, 3).map((link) => link.question));
    expect(relatedRow?.components.length).toBeLessThanOrEqual(3);
    const answerId = questionLog.records.at(-1)?.answerId;
    expect(answerId).toBeTruthy();
    expect(feedbackRow?.components.map((button) => button.emoji?.name)).toEqual(['👍', '👎']);
    expect(feedbackRow?.components.every((button) => button.custom_id.includes(answerId as string))).toBe(true);
    for (const button of buttons(data)) expect(button.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('keeps every limit with a long answer: description, fields and the 6,000 total', async () => {
    const { data } = await ask('How far had each government department got with the Right to Provide in 2012?');
    const [embed] = data.embeds;
    const total =
      (embed?.title?.length ?? 0) +
      (embed?.description?.length ?? 0) +
      (embed?.footer?.text.length ?? 0) +
      (embed?.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
    expect(embed?.description?.length).toBeLessThanOrEqual(4096);
    expect(embed?.fields?.length ?? 0).toBeLessThanOrEqual(25);
    expect(total).toBeLessThanOrEqual(6000);
  });
});

describe('buttons', () => {
  it('answers a related question when its button is clicked', async () => {
    const first = await ask('What is the Right to Provide?');
    const relatedButton = first.data.components[0]?.components[0];
    const offeredBy = questionLog.records.at(-1)?.answerId;
    // The button names the entry to ask and the reply that offered it.
    const [, relatedId, followedFrom] = /^rtp:ask:([\w-]+):([\w-]+)$/.exec(relatedButton?.custom_id ?? '') ?? [];
    expect(followedFrom).toBe(offeredBy);
    const related = answerer.knowledge.entries.find((entry) => entry.id === relatedId);

    const clicked = await interact(buttonInteraction(applicationId, relatedButton?.custom_id ?? '', first.data));
    expect(clicked.type).toBe(4);
    expect(clicked.data.flags).toBe(ephemeral);
    expect(clicked.data.embeds[0]?.title).toBe(answerer.ask(related?.questions[0] ?? '').title);
    expect(questionLog.records.at(-1)).toMatchObject({ type: 'question', question: related?.questions[0], via: 'button', followedFrom: offeredBy });
  });

  it('records 👍 on a private answer and marks its feedback buttons as used, leaving the rest', async () => {
    const first = await ask('What is a public service mutual?');
    const question = questionLog.records.at(-1);
    const up = buttons(first.data).find((button) => button.emoji?.name === '👍');

    const clicked = await interact(buttonInteraction(applicationId, up?.custom_id ?? '', first.data));
    expect(clicked.type).toBe(7);
    expect(clicked.data.allowed_mentions).toEqual({ parse: [] });
    const [relatedRow, feedbackRow] = clicked.data.components;
    expect(relatedRow).toEqual(first.data.components[0]);
    expect(feedbackRow?.components.every((button) => button.disabled === true)).toBe(true);
    expect(feedbackRow?.components[0]?.label).toMatch(/thanks/);
    expect(questionLog.records.at(-1)).toMatchObject({ type: 'feedback', platform: 'discord', rating: 'up', answerId: question?.answerId, entryId: question?.entryId });
    expect(askers.at(-1)).toBe(fixtureIds.userId);
  });

  it('records 👎 on a public answer and thanks the voter privately, leaving the shared message alone', async () => {
    const first = await ask('What is a public service mutual?', true);
    const question = questionLog.records.at(-1);
    const down = buttons(first.data).find((button) => button.emoji?.name === '👎');

    const clicked = await interact(buttonInteraction(applicationId, down?.custom_id ?? '', first.data));
    expect(clicked.type).toBe(4);
    expect(clicked.data.flags).toBe(ephemeral);
    expect(clicked.data.embeds[0]?.description).toMatch(/Thanks/);
    expect(questionLog.records.at(-1)).toMatchObject({ type: 'feedback', rating: 'down', answerId: question?.answerId });
  });
});

describe('buttons, with the server cached as in production', () => {
  it('still marks the feedback buttons as used', async () => {
    standIn.dispatch('GUILD_CREATE', guildCreate());
    await expect.poll(() => bot.client.channels.cache.has(fixtureIds.channelId), { timeout: 5_000 }).toBe(true);
    const first = await ask('What is a public service mutual?');
    const down = buttons(first.data).find((button) => button.emoji?.name === '👎');
    const clicked = await interact(buttonInteraction(applicationId, down?.custom_id ?? '', first.data));
    expect(clicked.type).toBe(7);
    expect(clicked.data.components[0]?.components.map((button) => button.custom_id)).toEqual(first.data.components[0]?.components.map((button) => button.custom_id));
    expect(clicked.data.components[1]?.components.map((button) => button.disabled)).toEqual([true, true]);
    expect(questionLog.records.at(-1)).toMatchObject({ type: 'feedback', rating: 'down' });
  });
});

describe('autocomplete', () => {
  it('offers at most 25 questions that match what is typed, each at most 100 characters', async () => {
    const { type, data } = await interact(autocompleteInteraction(applicationId, 'rtp', 'mutual'));
    expect(type).toBe(8);
    const choices = data.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    // Relevant: the best few all speak of mutuals.
    for (const choice of choices.slice(0, 3)) expect(choice.name).toMatch(/mutual/i);
  });

  it('offers the starting questions when nothing is typed', async () => {
    const { data } = await interact(autocompleteInteraction(applicationId, 'rtp', ''));
    expect(data.choices?.map((choice) => choice.name)).toEqual(answerer.starters(25).map((link) => (link.question.length <= 100 ? link.question : expect.stringMatching(/…$/))));
  });

  it('shortens a question longer than 100 characters to fit a choice', async () => {
    const long = answerer.knowledge.entries.flatMap((entry) => entry.questions).find((question) => question.length > 100);
    expect(long).toBeDefined();
    const { data } = await interact(autocompleteInteraction(applicationId, 'rtp', long ?? ''));
    expect(data.choices?.length).toBeGreaterThan(0);
    expect(data.choices?.some((choice) => choice.name.endsWith('…') && long?.startsWith(choice.name.slice(0, -1)))).toBe(true);
  });
});

describe('help, empty questions and no match', () => {
  it('declines an out-of-scope question politely, with suggestions as buttons, always privately', async () => {
    const question = 'What is the boiling point of mercury in Fahrenheit?';
    expect(answerer.ask(question).status).toBe('no_match');
    const { data } = await ask(question, true);
    expect(data.flags).toBe(ephemeral);
    expect(data.embeds[0]?.description).toMatch(/I don't have information on that/);
    const suggestions = buttons(data);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((button) => button.custom_id.startsWith('rtp:ask:'))).toBe(true);
    expect(questionLog.records.at(-1)).toMatchObject({ status: 'no_match', question });
  });

  it('asks for a question when given an empty one, with suggestions', async () => {
    for (const blank of ['', '   ']) {
      const { data } = await ask(blank);
      expect(data.flags).toBe(ephemeral);
      expect(data.embeds[0]?.description).toMatch(/Please type a question/);
      expect(buttons(data).length).toBeGreaterThan(0);
    }
  });

  it('explains itself for "help", with starting questions as buttons', async () => {
    const { data } = await ask('help');
    expect(data.embeds[0]?.description).toContain('/rtp');
    expect(buttons(data).map((button) => button.label)).toEqual(answerer.starters(5).map((link) => truncate(link.question, 80)));
  });
});

describe('no pings', () => {
  it('never makes @everyone, @here, users or roles pingable, and ignores them when searching', async () => {
    const clean = await ask('What is the Right to Provide?');
    const { data } = await ask('@everyone What is the Right to Provide? @here <@1000000000000000002> <@&1000000000000000003>', true);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(data)).not.toMatch(/@everyone|@here|<@/);
    expect(data.embeds[0]?.title).toBe(clean.data.embeds[0]?.title);
    expect(questionLog.records.at(-1)).toMatchObject({ type: 'question', question: 'What is the Right to Provide?' });
  });

  it('sent every message of this suite with allowed mentions set to none', () => {
    const messages = sentMessages().filter((request) => (request.body as { type?: number }).type !== 8);
    expect(messages.length).toBeGreaterThan(10);
    for (const request of messages) {
      const body = request.body as { data?: MessageBody } & MessageBody;
      expect(body.data ? body.data.allowed_mentions : body.allowed_mentions).toEqual({ parse: [] });
    }
  });
});

describe('errors', () => {
  it('turns an error inside the handler into a polite private reply and one log line, then carries on', async () => {
    failingAnswerer = true;
    const { data } = await ask('What is the Right to Provide?');
    expect(data.flags).toBe(ephemeral);
    expect(data.embeds[0]?.description).toMatch(/Sorry, something went wrong/);
    expect(logLines.filter((line) => line.startsWith('error'))).toHaveLength(1);
    expect(logLines[0]).toMatch(/knowledge base unavailable/);

    failingAnswerer = false;
    const after = await ask('What is the Right to Provide?');
    expect(after.data.embeds[0]?.description).toMatch(/^As of /);
  });

  it('survives Discord rejecting the reply: it logs, apologises once more, and keeps answering', async () => {
    const interaction = chatInputInteraction(applicationId, 'rtp', 'What is the Right to Request?');
    const path = `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;
    standIn.failNext((request) => request.path === path, 400);
    const retried = new Promise<RecordedRequest>((resolve) => {
      const check = setInterval(() => {
        const calls = standIn.requests.filter((request) => request.path === path);
        if (calls.length === 2) {
          clearInterval(check);
          resolve(calls[1] as RecordedRequest);
        }
      }, 10);
    });
    standIn.dispatch('INTERACTION_CREATE', interaction);
    const apology = (await retried).body as Callback;
    expect(apology.data.embeds[0]?.description).toMatch(/Sorry/);
    expect(apology.data.flags).toBe(ephemeral);
    expect(logLines.some((line) => /^error discord: command \d+ failed/.test(line))).toBe(true);
    expect(logLines.join('\n')).not.toContain(fakeToken);

    const after = await ask('What is the Right to Request?');
    expect(after.data.embeds[0]?.description).toMatch(/^As of /);
  });

  it('reconnects after the gateway drops the connection, and answers again', async () => {
    const before = standIn.sessions.length;
    standIn.sessions.at(-1)?.socket.terminate();
    await expect.poll(() => standIn.sessions.length, { timeout: 10_000 }).toBeGreaterThan(before);
    const session = standIn.sessions.at(-1);
    await expect.poll(() => session?.received.some((payload) => payload.op === 6 || payload.op === 2), { timeout: 10_000 }).toBe(true);
    const interaction = chatInputInteraction(applicationId, 'rtp', 'What is a public service mutual?');
    const callback = standIn.waitForRequest((request) => request.path.startsWith(`/api/v10/interactions/${interaction.id}/`));
    standIn.dispatch('INTERACTION_CREATE', interaction, session);
    expect(((await callback).body as Callback).data.embeds[0]?.title).toBe(answerer.ask('What is a public service mutual?').title);
  });

  it('points a leftover command name at the current one', async () => {
    const { data } = await interact(chatInputInteraction(applicationId, 'old-name', 'What is the Right to Provide?'));
    expect(data.flags).toBe(ephemeral);
    expect(data.embeds[0]?.description).toContain('/rtp');
  });
});
