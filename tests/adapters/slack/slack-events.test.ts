import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../../src/index.js';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import { readAskValue } from '../../../adapters/slack/build-reply.js';
import { clarifyText, spyOnAnswerer } from '../../support/answerer-spy.js';
import {
  buttonClickBody,
  buttonsOf,
  directMessageEvent,
  eventBody,
  homeButtonClickBody,
  mentionEvent,
  messageShortcutBody,
  newEventId,
  postEventToApp,
  postToApp,
  textsOf,
  type SentButton,
} from './slack-requests.js';
import { startStandInSlack, type ApiCall, type StandInSlack } from './stand-in-slack.js';
import { clarifiedQuestion, clarifyCandidates as candidates, createTestContext, httpSettings, realAnswerer } from './test-context.js';

// End to end: the real Bolt app on 127.0.0.1, sent signed Events API requests, shortcuts and clicks,
// replying through a stand-in Slack Web API. The answerer is the real one, wrapped to note the
// `previous` each question was asked with and to stand in clarifications (the engine adds them elsewhere).

let standIn: StandInSlack;
let running: RunningSlackApp;
let url: string;
let harness: ReturnType<typeof createTestContext>;
let spy: ReturnType<typeof spyOnAnswerer>;

const questionRecords = () => harness.questionLog.records.filter((record): record is QuestionRecord => record.type === 'question');
const callsTo = (method: string): ApiCall[] => standIn.apiCalls.filter((call) => call.method === method);

/** Sends an event as Slack does and expects the app to ack it at once. */
async function send(event: Record<string, unknown>, options: { eventId?: string; headers?: Record<string, string> } = {}): Promise<void> {
  const response = await postEventToApp(url, eventBody(event, options.eventId), options.headers);
  expect(response.status).toBe(200);
}

/** Sends an event and resolves with the next call to `method` it causes. */
async function sendAndWait(event: Record<string, unknown>, method = 'chat.postMessage', options: { eventId?: string; headers?: Record<string, string> } = {}): Promise<ApiCall> {
  const before = callsTo(method).length;
  await send(event, options);
  return (await standIn.waitForCalls(method, before + 1))[before] as ApiCall;
}

/** Lets any work an ignored event might have started show itself, then checks a later event is still answered first. */
async function expectNothingMoreThan(postsBefore: number): Promise<void> {
  await sendAndWait(directMessageEvent('What is the Right to Provide?', { user: 'U0SENTINEL', channel: 'D0SENTINEL' }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(callsTo('chat.postMessage')).toHaveLength(postsBefore + 1);
  expect(callsTo('chat.postMessage').at(-1)?.params.channel).toBe('D0SENTINEL');
}

beforeAll(async () => {
  spy = spyOnAnswerer(realAnswerer(), (question) => (question === clarifiedQuestion ? candidates() : null));
  standIn = await startStandInSlack();
  harness = createTestContext(() => spy.answerer);
  running = await startSlackApp(httpSettings(standIn.apiUrl), harness.context);
  url = running.url ?? '';
});

afterAll(async () => {
  await running?.stop();
  await standIn?.close();
});

beforeEach(() => {
  harness.logLines.length = 0;
});

describe('Event Subscriptions', () => {
  it('answers the URL verification challenge Slack sends when the request URL is saved', async () => {
    const body = JSON.stringify({ token: 'deprecated-verification-token', challenge: 'stand-in-challenge-42', type: 'url_verification' });
    const response = await postEventToApp(url, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'stand-in-challenge-42' });
  });
});

describe('@mentions', () => {
  it('answers in the thread of the mention, for everyone there, with sources, related questions and 👍 / 👎 but no Share', async () => {
    const event = mentionEvent('What is the Right to Provide?');
    const post = await sendAndWait(event);
    expect(post.params).toMatchObject({ channel: 'C0GENERAL', thread_ts: event.ts });
    expect(post.params.response_type).toBeUndefined();
    const texts = textsOf(post.params).join('\n');
    expect(texts).toContain('What the Right to Provide is');
    expect(texts).toContain('Health Secretary bids to give power to NHS staff');
    const ids = buttonsOf(post.params).map((button) => button.action_id);
    expect(ids).toEqual(expect.arrayContaining(['rtp_ask_0', 'rtp_feedback_up', 'rtp_feedback_down']));
    expect(ids).not.toContain('rtp_share');
    // The bot's own mention is not part of the question.
    expect(questionRecords().at(-1)).toMatchObject({ platform: 'slack', via: 'mention', question: 'What is the Right to Provide?', entryId: 'right-to-provide' });
  });

  it('reads the next mention in a thread it answered as a follow-up; a mention elsewhere stands alone', async () => {
    const first = mentionEvent('Tell me about Reddish Vale school');
    await sendAndWait(first);
    expect(questionRecords().at(-1)).toMatchObject({ entryId: 'reddish-vale-school' });
    const followUp = await sendAndWait(mentionEvent('how many members did it have?', { threadTs: String(first.ts) }));
    expect(followUp.params.thread_ts).toBe(first.ts);
    expect(spy.calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: 'reddish-vale-school' });

    await sendAndWait(mentionEvent('how many members did it have?'));
    expect(spy.calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: null });
  });

  it('answers a bare mention with the guide', async () => {
    const post = await sendAndWait({ ...mentionEvent(''), text: '<@U0BOT>' });
    expect(textsOf(post.params).join('\n')).toContain('/rtp');
    expect(buttonsOf(post.params).length).toBeGreaterThan(0);
  });
});

describe('direct messages', () => {
  it('answers a message in the DM, in the DM, and reads the next one as a follow-up', async () => {
    const records = questionRecords().length;
    const first = await sendAndWait(directMessageEvent('Tell me about Reddish Vale school', { channel: 'D0PAIR' }));
    expect(first.params.channel).toBe('D0PAIR');
    expect(first.params.thread_ts).toBeUndefined();
    expect(textsOf(first.params).join('\n')).toContain('Reddish Vale');
    expect(buttonsOf(first.params).map((button) => button.action_id)).not.toContain('rtp_share');

    await sendAndWait(directMessageEvent('how many members did it have?', { channel: 'D0PAIR' }));
    expect(spy.calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: 'reddish-vale-school' });
    // A reply in the thread of an answer in the DM follows it up too, and is answered in that thread.
    const lastEntry = questionRecords().at(-1)?.entryId;
    const inThread = await sendAndWait(directMessageEvent('who ran it?', { channel: 'D0PAIR', threadTs: '1700000099.000100' }));
    expect(inThread.params.thread_ts).toBe('1700000099.000100');
    expect(spy.calls.at(-1)).toEqual({ question: 'who ran it?', previous: lastEntry });
    // A question that stands on its own is still passed the context; the core decides to ignore it.
    expect(
      questionRecords()
        .slice(records)
        .map((record) => record.via),
    ).toEqual(['dm', 'dm', 'dm']);
  });

  it('ignores bots, its own messages, edits, deletions, other subtypes and channel messages', async () => {
    const posts = callsTo('chat.postMessage').length;
    const records = questionRecords().length;
    const ignored = [
      directMessageEvent('What is the Right to Provide?', { user: 'U0BOT', extra: { bot_id: 'B0BOT' } }),
      directMessageEvent('What is the Right to Provide?', { user: 'U0OTHERBOT', extra: { bot_id: 'B0OTHER' } }),
      { ...directMessageEvent('What is the Right to Provide?', { extra: { subtype: 'bot_message', bot_id: 'B0OTHER' } }), user: undefined },
      directMessageEvent('', { extra: { subtype: 'message_changed', message: { text: 'What is the Right to Provide?', user: 'U0ASKER' } } }),
      directMessageEvent('', { extra: { subtype: 'message_deleted', deleted_ts: '1700000000.000100' } }),
      directMessageEvent('What is the Right to Provide?', { extra: { subtype: 'file_share' } }),
      directMessageEvent('What is the Right to Provide?', { extra: { subtype: 'thread_broadcast' } }),
      directMessageEvent('What is the Right to Provide?', { channel: 'C0GENERAL', extra: { channel_type: 'channel' } }),
      mentionEvent('What is the Right to Provide?', { user: 'U0OTHERBOT', extra: { bot_id: 'B0OTHER' } }),
      mentionEvent('What is the Right to Provide?', { extra: { edited: { user: 'U0ASKER', ts: '1700000001.000100' } } }),
      // A mention in the app's DM: the message event answers it, once.
      mentionEvent('What is the Right to Provide?', { channel: 'D0ASKER' }),
    ];
    for (const event of ignored) await send(event);
    await expectNothingMoreThan(posts);
    // Only the sentinel was answered.
    expect(questionRecords()).toHaveLength(records + 1);
  });
});

describe('retried and repeated events', () => {
  it('answers an event once when Slack retries it (x-slack-retry-num) or sends its event_id again', async () => {
    const posts = callsTo('chat.postMessage').length;
    const records = questionRecords().length;
    const eventId = newEventId();
    const event = mentionEvent('What is a public service mutual?');
    await sendAndWait(event, 'chat.postMessage', { eventId });
    await send(event, { eventId, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await send(event, { eventId, headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    await send(event, { eventId });
    await expectNothingMoreThan(posts + 1);
    expect(
      questionRecords()
        .slice(records)
        .filter((record) => record.question === 'What is a public service mutual?'),
    ).toHaveLength(1);
  });

  it('answers a retry whose first delivery never reached it', async () => {
    const post = await sendAndWait(mentionEvent('What is the Right to Request?'), 'chat.postMessage', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' },
    });
    expect(textsOf(post.params).join('\n')).toContain('Right to Request');
  });
});

describe('the message shortcut "Ask rtp-bot about this"', () => {
  it('answers the question in the message privately to whoever used it, through the response URL', async () => {
    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    const response = await postToApp(url, messageShortcutBody('Hi all, <@U0TEAM> who can use the Right to Provide?', { responseUrl, userId: 'U0HELPER' }));
    expect(response.status).toBe(200);
    const message = await reply;
    expect(message).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textsOf(message).join('\n')).toContain('Right to Provide');
    expect(questionRecords().at(-1)).toMatchObject({ via: 'shortcut', question: 'Hi all, who can use the Right to Provide?', status: 'answered' });
  });

  it('says so politely when the message has no text', async () => {
    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    await postToApp(url, messageShortcutBody(undefined, { responseUrl }));
    expect(textsOf(await reply).join('\n')).toContain('no text I can read');
  });
});

describe('the App Home tab', () => {
  it('publishes a guide, starter questions and recently reviewed or added entries when opened, and only for the Home tab', async () => {
    const publish = await sendAndWait({ type: 'app_home_opened', user: 'U0HOME', channel: 'D0HOME', tab: 'home', event_ts: '1700000000.000200' }, 'views.publish');
    expect(publish.params.user_id).toBe('U0HOME');
    const view = publish.params.view as Record<string, unknown>;
    expect(view.type).toBe('home');
    const texts = textsOf(view).join('\n');
    expect(texts).toContain('/rtp');
    expect(texts).toContain('Recently reviewed or added');
    expect(texts).toMatch(/\((reviewed|updated) \d{4}-\d{2}-\d{2}\)/);
    const starters = realAnswerer()
      .starters(4)
      .map((link) => link.question);
    expect(buttonsOf(view).map((button) => readAskValue(button.value).question)).toEqual(expect.arrayContaining(starters));

    const publishes = callsTo('views.publish').length;
    await send({ type: 'app_home_opened', user: 'U0HOME', channel: 'D0HOME', tab: 'messages', event_ts: '1700000000.000300' });
    await expectNothingMoreThan(callsTo('chat.postMessage').length);
    expect(callsTo('views.publish')).toHaveLength(publishes);
  });

  it("answers a starter clicked in the Home tab in the app's DM, where a follow-up carries on", async () => {
    const publish = await sendAndWait({ type: 'app_home_opened', user: 'U0HOMER', channel: 'D0HOMER', tab: 'home', event_ts: '1700000000.000400' }, 'views.publish');
    const starter = buttonsOf(publish.params.view as Record<string, unknown>).find(
      (button) => readAskValue(button.value).question === 'What is the Right to Provide?',
    ) as SentButton;
    const before = callsTo('chat.postMessage').length;
    expect((await postToApp(url, homeButtonClickBody(starter, 'U0HOMER'))).status).toBe(200);
    const post = (await standIn.waitForCalls('chat.postMessage', before + 1))[before] as ApiCall;
    expect(post.params.channel).toBe('U0HOMER');
    expect(textsOf(post.params).join('\n')).toContain('What the Right to Provide is');
    expect(questionRecords().at(-1)).toMatchObject({ via: 'button', entryId: 'right-to-provide' });
    // Slack answered that post with the DM's id (D0HOMER): the next message there is a follow-up.
    await sendAndWait(directMessageEvent('who can use it?', { channel: 'D0HOMER', user: 'U0HOMER' }));
    expect(spy.calls.at(-1)).toEqual({ question: 'who can use it?', previous: 'right-to-provide' });
  });
});

describe('clarifications', () => {
  it('shows the candidates as buttons; a click asks that question, logged as chosen from the clarification', async () => {
    const post = await sendAndWait(mentionEvent(clarifiedQuestion));
    const clarified = questionRecords().at(-1);
    expect(clarified).toMatchObject({ status: 'clarify', via: 'mention', question: clarifiedQuestion });
    expect(textsOf(post.params).join('\n')).toContain(clarifyText);
    const offered = buttonsOf(post.params).filter((button) => /^rtp_ask_\d+$/.test(button.action_id));
    expect(offered.map((button) => button.text.text)).toEqual(candidates().map((link) => link.question));
    // No "Still need help?" without SLACK_ESCALATION_CHANNEL.
    expect(buttonsOf(post.params).map((button) => button.action_id)).not.toContain('rtp_escalate');

    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    await postToApp(url, buttonClickBody(offered[0] as SentButton, { responseUrl }));
    expect(textsOf(await reply).join('\n')).toContain('Reddish Vale');
    expect(questionRecords().at(-1)).toMatchObject({ via: 'button', followedFrom: clarified?.answerId, entryId: 'reddish-vale-school' });
  });
});

describe('the rate limit on new ways in', () => {
  it('refuses a mention over the limit privately to the asker, answering and recording nothing', async () => {
    const limited = await startStandInSlack();
    const context = createTestContext();
    const app = await startSlackApp(httpSettings(limited.apiUrl, { rateLimitPerMinute: 1 }), context.context);
    try {
      const post = async (event: Record<string, unknown>, method: string) => {
        const before = limited.apiCalls.filter((call) => call.method === method).length;
        await postEventToApp(app.url ?? '', eventBody(event));
        return (await limited.waitForCalls(method, before + 1))[before] as ApiCall;
      };
      await post(mentionEvent('What is the Right to Provide?', { user: 'U0BUSY' }), 'chat.postMessage');
      const refusal = await post(mentionEvent('What is the Right to Request?', { user: 'U0BUSY' }), 'chat.postEphemeral');
      expect(refusal.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0BUSY' });
      expect(textsOf(refusal.params).join('\n')).toMatch(/asked a lot of questions/);
      const dmRefusal = await post(directMessageEvent('What is the Right to Request?', { user: 'U0BUSY' }), 'chat.postMessage');
      expect(textsOf(dmRefusal.params).join('\n')).toMatch(/asked a lot of questions/);
      expect(context.questionLog.records).toHaveLength(1);
    } finally {
      await app.stop();
      await limited.close();
    }
  });
});

describe('errors', () => {
  it('apologises privately to the asker in the thread when answering a mention fails, and logs one line', async () => {
    const failing = await startStandInSlack();
    const context = createTestContext(() => {
      throw new Error('the knowledge base went away');
    });
    const app = await startSlackApp(httpSettings(failing.apiUrl), context.context);
    try {
      const event = mentionEvent('What is the Right to Provide?');
      await postEventToApp(app.url ?? '', eventBody(event));
      const [apology] = await failing.waitForCalls('chat.postEphemeral');
      expect(apology?.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0ASKER', thread_ts: event.ts });
      expect(textsOf(apology?.params ?? {}).join('\n')).toContain('Sorry, something went wrong');
      expect(failing.apiCalls.filter((call) => call.method === 'chat.postMessage')).toHaveLength(0);
      expect(context.logLines.filter((line) => line.startsWith('error'))).toEqual([expect.stringContaining('a mention failed: Error: the knowledge base went away')]);
    } finally {
      await app.stop();
      await failing.close();
    }
  });
});
