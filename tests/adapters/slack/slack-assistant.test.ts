import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerer, type FeedbackRecord, type QuestionRecord } from '../../../src/index.js';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import { defaultGreeting, paneLimits, readAskValue } from '../../../adapters/slack/build-reply.js';
import { lookingUpStatus } from '../../../adapters/slack/listeners/assistant/answer-in-pane.js';
import { clarifyText, spyOnAnswerer } from '../../support/answerer-spy.js';
import { copyFixture, tempFolders } from '../../support/fixture-knowledge.js';
import {
  buttonsOf,
  directMessageEvent,
  eventBody,
  feedbackButtonsOf,
  feedbackClickBody,
  newPaneThread,
  paneMessageEvent,
  paneThreadEvent,
  postEventToApp,
  postToApp,
  textsOf,
  threadButtonClickBody,
  type PaneThreadRef,
  type SentButton,
} from './slack-requests.js';
import { startStandInSlack, type ApiCall, type StandInSlack } from './stand-in-slack.js';
import { clarifiedQuestion, clarifyCandidates as candidates, createTestContext, httpSettings, realAnswerer } from './test-context.js';

// Slack's assistant pane (SLACK_ASSISTANT=true), end to end: the real Bolt app and its Assistant on
// 127.0.0.1, sent signed assistant_thread_started / _context_changed and message.im events and clicks,
// replying through the stand-in Slack Web API (which answers the assistant.threads.* methods).

/** A pane app on its own stand-in, with the log lines and question log it writes. */
interface PaneApp {
  standIn: StandInSlack;
  running: RunningSlackApp;
  harness: ReturnType<typeof createTestContext>;
}

async function startPaneApp(harness: ReturnType<typeof createTestContext>, overrides: Parameters<typeof httpSettings>[1] = {}): Promise<PaneApp> {
  const standIn = await startStandInSlack();
  const running = await startSlackApp(httpSettings(standIn.apiUrl, { assistant: true, ...overrides }), harness.context);
  return { standIn, running, harness };
}

async function stopPaneApp(app: PaneApp | undefined): Promise<void> {
  await app?.running.stop();
  await app?.standIn.close();
}

let pane: PaneApp;
let spy: ReturnType<typeof spyOnAnswerer>;

const callsTo = (method: string, app: PaneApp = pane): ApiCall[] => app.standIn.apiCalls.filter((call) => call.method === method);
const questionRecords = (app: PaneApp = pane) => app.harness.questionLog.records.filter((record): record is QuestionRecord => record.type === 'question');

/** Sends an event as Slack does and expects the app to ack it at once. */
async function send(event: Record<string, unknown>, app: PaneApp = pane): Promise<void> {
  expect((await postEventToApp(app.running.url ?? '', eventBody(event))).status).toBe(200);
}

/** Sends an event and resolves with the next call to `method` it causes. */
async function sendAndWait(event: Record<string, unknown>, method = 'chat.postMessage', app: PaneApp = pane): Promise<ApiCall> {
  const before = callsTo(method, app).length;
  await send(event, app);
  return (await app.standIn.waitForCalls(method, before + 1))[before] as ApiCall;
}

/** Opens a thread in the pane (beside `viewing`, or beside nothing) and resolves with the greeting, once the prompts are offered too. */
async function openThread(thread: PaneThreadRef, viewing: string | null = null, app: PaneApp = pane): Promise<ApiCall> {
  const prompts = callsTo('assistant.threads.setSuggestedPrompts', app).length;
  const greeting = await sendAndWait(paneThreadEvent(thread, viewing), 'chat.postMessage', app);
  await app.standIn.waitForCalls('assistant.threads.setSuggestedPrompts', prompts + 1);
  return greeting;
}

/** Asks in a pane thread and resolves with the answer posted there; every call the question caused follows the status call. */
async function askInPane(thread: PaneThreadRef, text: string, app: PaneApp = pane): Promise<{ answer: ApiCall; calls: ApiCall[] }> {
  const from = app.standIn.apiCalls.length;
  const answer = await sendAndWait(paneMessageEvent(thread, text), 'chat.postMessage', app);
  return { answer, calls: app.standIn.apiCalls.slice(from) };
}

/** Expects the status to have been set in the thread before the answer was posted there. */
function expectStatusBefore(answer: ApiCall, calls: ApiCall[], thread: PaneThreadRef): void {
  const statusAt = calls.findIndex((call) => call.method === 'assistant.threads.setStatus' && call.params.thread_ts === thread.threadTs);
  expect(statusAt).toBeGreaterThanOrEqual(0);
  expect(calls[statusAt]?.params).toMatchObject({ channel_id: thread.channel, thread_ts: thread.threadTs, status: lookingUpStatus });
  expect(statusAt).toBeLessThan(calls.indexOf(answer));
}

/** Clicks a button under a reply in a pane thread. */
async function clickInThread(button: SentButton, thread: PaneThreadRef, app: PaneApp = pane): Promise<ApiCall> {
  const before = callsTo('chat.postMessage', app).length;
  expect((await postToApp(app.running.url ?? '', threadButtonClickBody(button, { responseUrl: app.standIn.newResponseUrl(), thread }))).status).toBe(200);
  return (await app.standIn.waitForCalls('chat.postMessage', before + 1))[before] as ApiCall;
}

/** Lets any work an ignored event might have started show itself, then checks a later event is still answered first. */
async function expectNothingMoreThan(postsBefore: number, app: PaneApp = pane): Promise<void> {
  await sendAndWait(directMessageEvent('What is the Right to Provide?', { user: 'U0SENTINEL', channel: 'D0SENTINEL' }), 'chat.postMessage', app);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(callsTo('chat.postMessage', app)).toHaveLength(postsBefore + 1);
  expect(callsTo('chat.postMessage', app).at(-1)?.params.channel).toBe('D0SENTINEL');
}

/** The blocks' words as a person reads them, without our 👍 / 👎 buttons (the pane has Slack's own instead). */
const answerTexts = (message: Record<string, unknown>): string[] => textsOf(message).filter((text) => !/helpful/i.test(text));

beforeAll(async () => {
  spy = spyOnAnswerer(realAnswerer(), (question) => (question === clarifiedQuestion ? candidates() : null));
  pane = await startPaneApp(createTestContext(() => spy.answerer));
});

afterAll(async () => {
  await stopPaneApp(pane);
});

beforeEach(() => {
  pane.harness.logLines.length = 0;
});

describe('a thread opening in the assistant pane', () => {
  it("greets with small-talk.yaml's greeting, in the thread, and offers the first four starters as suggested prompts", async () => {
    const thread = newPaneThread();
    const greeting = await openThread(thread);
    expect(greeting.params).toMatchObject({ channel: thread.channel, thread_ts: thread.threadTs });
    const configured = realAnswerer().knowledge.smallTalk?.greeting ?? '';
    expect(configured.length).toBeGreaterThan(20);
    expect(textsOf(greeting.params)).toEqual([configured]);
    expect(greeting.params.text).toBe(configured);
    // Bolt's `say` would copy the thread's context into the message; ours carries none.
    expect(greeting.params.metadata).toBeUndefined();

    const [prompts] = await pane.standIn.waitForCalls('assistant.threads.setSuggestedPrompts');
    expect(prompts?.params).toMatchObject({ channel_id: thread.channel, thread_ts: thread.threadTs, title: expect.any(String) });
    const starters = realAnswerer().starters(4);
    expect(starters).toHaveLength(paneLimits.prompts);
    expect(prompts?.params.prompts).toEqual(starters.map((link) => ({ title: link.question, message: link.question })));
    // Nothing was read from Slack: no history, no channel lookups.
    expect(pane.standIn.apiCalls.filter((call) => call.method.startsWith('conversations.'))).toEqual([]);
  });
});

describe('a question in the pane', () => {
  it("shows the status, then answers in the thread with the same blocks as a DM, Slack's own 👍 / 👎, and titles the thread from the question", async () => {
    const thread = newPaneThread();
    await openThread(thread, 'C0VIEWING');
    const question = 'Who can use the Right to Provide, and what does an NHS team need to do first to get started?';
    const { answer, calls } = await askInPane(thread, question);
    expectStatusBefore(answer, calls, thread);
    expect(answer.params).toMatchObject({ channel: thread.channel, thread_ts: thread.threadTs });

    const dm = await sendAndWait(directMessageEvent(question, { channel: 'D0COMPARE', user: 'U0COMPARE' }));
    expect(answerTexts(answer.params)).toEqual(answerTexts(dm.params));
    expect(answerTexts(answer.params).join('\n')).toMatch(/Sources:/);
    expect(buttonsOf(answer.params).map((button) => button.action_id)).not.toEqual(expect.arrayContaining(['rtp_feedback_up']));
    const related = buttonsOf(answer.params).filter((button) => /^rtp_ask_here_\d+$/.test(button.action_id));
    expect(related.map((button) => button.text.text)).toEqual(
      buttonsOf(dm.params)
        .filter((button) => /^rtp_ask_\d+$/.test(button.action_id))
        .map((button) => button.text.text),
    );
    expect(related.length).toBeGreaterThan(0);
    expect(feedbackButtonsOf(answer.params)).toHaveLength(1);

    const [title] = await pane.standIn.waitForCalls('assistant.threads.setTitle');
    expect(title?.params).toMatchObject({ channel_id: thread.channel, thread_ts: thread.threadTs });
    const shortTitle = String(title?.params.title);
    expect(shortTitle.length).toBeLessThanOrEqual(paneLimits.threadTitle);
    expect(shortTitle).toBe('Who can use the Right to Provide, and what does an NHS team…');

    const record = questionRecords().find((candidate) => candidate.question === question && candidate.via === 'assistant');
    expect(record).toMatchObject({ platform: 'slack', via: 'assistant', channelContext: true, status: 'answered' });
  });

  it('sets the title once, from the first real question: not from a greeting, nor again from a later question', async () => {
    const thread = newPaneThread();
    await openThread(thread);
    const titles = () => callsTo('assistant.threads.setTitle').filter((call) => call.params.thread_ts === thread.threadTs);
    await askInPane(thread, 'hi');
    expect(titles()).toHaveLength(0);
    await askInPane(thread, 'What is the Right to Request?');
    await pane.standIn.waitForCalls('assistant.threads.setTitle', callsTo('assistant.threads.setTitle').length);
    await askInPane(thread, 'What is a public service mutual?');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(titles().map((call) => call.params.title)).toEqual(['What is the Right to Request?']);
    expect(
      questionRecords()
        .slice(-3)
        .map((record) => [record.via, record.channelContext]),
    ).toEqual([
      ['assistant', false],
      ['assistant', false],
      ['assistant', false],
    ]);
  });

  it("reads a follow-up in the context of the thread's last answer; another thread stands alone", async () => {
    const thread = newPaneThread();
    await openThread(thread);
    await askInPane(thread, 'Tell me about Reddish Vale school');
    expect(questionRecords().at(-1)).toMatchObject({ via: 'assistant', entryId: 'reddish-vale-school' });
    const { answer } = await askInPane(thread, 'how many members did it have?');
    expect(spy.calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: 'reddish-vale-school' });
    expect(answer.params.thread_ts).toBe(thread.threadTs);

    const other = newPaneThread();
    await openThread(other);
    await askInPane(other, 'how many members did it have?');
    expect(spy.calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: null });
  });

  it('shows a clarification as buttons; a click asks that question in the thread, as its next turn, linked to the clarification', async () => {
    const thread = newPaneThread();
    await openThread(thread);
    const { answer } = await askInPane(thread, clarifiedQuestion);
    const clarified = questionRecords().at(-1);
    expect(clarified).toMatchObject({ status: 'clarify', via: 'assistant' });
    expect(textsOf(answer.params).join('\n')).toContain(clarifyText);
    const offered = buttonsOf(answer.params).filter((button) => /^rtp_ask_here_\d+$/.test(button.action_id));
    expect(offered.map((button) => button.text.text)).toEqual(candidates().map((link) => link.question));

    const statuses = callsTo('assistant.threads.setStatus').length;
    const chosen = await clickInThread(offered[0] as SentButton, thread);
    expect(chosen.params).toMatchObject({ channel: thread.channel, thread_ts: thread.threadTs });
    expect(textsOf(chosen.params).join('\n')).toContain('Reddish Vale');
    expect(callsTo('assistant.threads.setStatus')).toHaveLength(statuses + 1);
    expect(questionRecords().at(-1)).toMatchObject({ via: 'button', followedFrom: clarified?.answerId, entryId: 'reddish-vale-school', channelContext: false });
    // The chosen answer is now the thread's context.
    await askInPane(thread, 'how many members did it have?');
    expect(spy.calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: 'reddish-vale-school' });
  });

  it("records Slack's own 👍 / 👎 as the question log's feedback on that answer", async () => {
    const thread = newPaneThread();
    await openThread(thread);
    const { answer } = await askInPane(thread, 'What is the Right to Provide?');
    const answered = questionRecords().at(-1);
    const [buttons] = feedbackButtonsOf(answer.params);
    if (!buttons || !answered) throw new Error('no feedback buttons in the answer, or no record of it');
    for (const [which, rating] of [
      ['positive', 'up'],
      ['negative', 'down'],
    ] as const) {
      const responseUrl = pane.standIn.newResponseUrl();
      const thanks = pane.standIn.nextPost(responseUrl);
      expect((await postToApp(pane.running.url ?? '', feedbackClickBody(buttons, which, { responseUrl, thread }))).status).toBe(200);
      expect(textsOf(await thanks).join('\n')).toContain(rating === 'up' ? 'Thanks for the 👍' : 'Thanks for the 👎');
      expect(pane.harness.questionLog.records.at(-1)).toEqual({
        type: 'feedback',
        time: expect.any(String),
        platform: 'slack',
        answerId: answered.answerId,
        entryId: 'right-to-provide',
        rating,
      } satisfies FeedbackRecord);
    }
  });

  it("ignores the app's own replies and other bots in the thread, and edits", async () => {
    const thread = newPaneThread();
    await openThread(thread);
    const posts = callsTo('chat.postMessage').length;
    const records = questionRecords().length;
    await send(paneMessageEvent(thread, 'What is the Right to Provide?', { extra: { bot_id: 'B0BOT', user: 'U0BOT' } }));
    await send(paneMessageEvent(thread, 'What is the Right to Provide?', { extra: { bot_id: 'B0OTHER' } }));
    await send(paneMessageEvent(thread, '', { extra: { subtype: 'message_changed', message: { text: 'What is the Right to Provide?' } } }));
    await expectNothingMoreThan(posts);
    expect(questionRecords()).toHaveLength(records + 1);
  });
});

describe("when the pane's extras fail", () => {
  it('still answers when assistant.threads.setStatus fails, and logs the failure once', async () => {
    pane.standIn.failMethod('assistant.threads.setStatus', 'not_allowed_token_type');
    try {
      const thread = newPaneThread();
      await openThread(thread);
      for (const question of ['What is the Right to Provide?', 'What is the Right to Request?']) {
        const { answer, calls } = await askInPane(thread, question);
        expectStatusBefore(answer, calls, thread);
        expect(textsOf(answer.params).join('\n')).toContain(question.replace('What is the ', '').replace('?', ''));
      }
      const warnings = pane.harness.logLines.filter((line) => line.includes('setStatus'));
      expect(warnings).toEqual([expect.stringMatching(/^warn slack: assistant\.threads\.setStatus failed \(.*not_allowed_token_type.*\); answering without it/)]);
      expect(pane.harness.logLines.filter((line) => line.startsWith('error'))).toEqual([]);
    } finally {
      pane.standIn.restoreMethod('assistant.threads.setStatus');
    }
  });

  it('still greets and answers when setSuggestedPrompts and setTitle fail, logging each once', async () => {
    const failing = await startPaneApp(createTestContext());
    try {
      failing.standIn.failMethod('assistant.threads.setSuggestedPrompts', 'feature_not_enabled');
      failing.standIn.failMethod('assistant.threads.setTitle', 'feature_not_enabled');
      for (const thread of [newPaneThread(), newPaneThread()]) {
        const greeting = await openThread(thread, null, failing);
        expect(greeting.params.thread_ts).toBe(thread.threadTs);
        await failing.standIn.waitForCalls('assistant.threads.setSuggestedPrompts', 1);
        const { answer } = await askInPane(thread, 'What is a public service mutual?', failing);
        expect(textsOf(answer.params).join('\n')).toContain('public service mutual');
        await failing.standIn.waitForCalls('assistant.threads.setTitle', 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(failing.harness.logLines).toEqual([
        expect.stringMatching(/^info slack: \/rtp ready/),
        expect.stringMatching(/^warn slack: assistant\.threads\.setSuggestedPrompts failed .*feature_not_enabled/),
        expect.stringMatching(/^warn slack: assistant\.threads\.setTitle failed .*feature_not_enabled/),
      ]);
    } finally {
      await stopPaneApp(failing);
    }
  });

  it('apologises in the thread when answering fails, and logs one line', async () => {
    const broken = await startPaneApp(
      createTestContext(() => {
        throw new Error('the knowledge base went away');
      }),
    );
    try {
      const thread = newPaneThread();
      await send(paneThreadEvent(thread, null), broken);
      const { answer } = await askInPane(thread, 'What is the Right to Provide?', broken);
      expect(answer.params).toMatchObject({ channel: thread.channel, thread_ts: thread.threadTs });
      expect(textsOf(answer.params).join('\n')).toContain('Sorry, something went wrong');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(broken.harness.logLines.filter((line) => line.includes('a question in the assistant pane failed'))).toEqual([expect.stringContaining('the knowledge base went away')]);
    } finally {
      await stopPaneApp(broken);
    }
  });
});

describe('the thread context', () => {
  it('reaches the question log only as whether a channel was reported, never as the channel, and is never looked up', async () => {
    const secret = 'C0SECRETPLACE';
    const other = 'G0PRIVATEROOM';
    const thread = newPaneThread();
    await openThread(thread, secret);
    await askInPane(thread, 'What is the Right to Provide?');
    await send(paneThreadEvent(thread, other, 'assistant_thread_context_changed'));
    await askInPane(thread, 'Who can use it?');
    await send(paneThreadEvent(thread, null, 'assistant_thread_context_changed'));
    await askInPane(thread, 'What is the Right to Request?');
    expect(
      questionRecords()
        .slice(-3)
        .map((record) => record.channelContext),
    ).toEqual([true, true, false]);

    const everythingKept = JSON.stringify(pane.harness.questionLog.records) + pane.harness.logLines.join('\n');
    for (const channel of [secret, other]) expect(everythingKept).not.toContain(channel);
    // Not read, and not copied into anything the app sent Slack.
    const sent = pane.standIn.apiCalls.filter((call) => call.method !== 'auth.test');
    expect(JSON.stringify(sent.map((call) => call.params))).not.toMatch(new RegExp(`${secret}|${other}`));
    expect(sent.filter((call) => call.method.startsWith('conversations.') || call.method === 'chat.update')).toEqual([]);
  });
});

describe('the rate limit in the pane', () => {
  it('refuses a question over the limit in the thread, answering and recording nothing', async () => {
    const limited = await startPaneApp(createTestContext(), { rateLimitPerMinute: 1 });
    try {
      const thread = newPaneThread('U0BUSYPANE');
      await openThread(thread, null, limited);
      await askInPane(thread, 'What is the Right to Provide?', limited);
      const { answer } = await askInPane(thread, 'What is the Right to Request?', limited);
      expect(answer.params.thread_ts).toBe(thread.threadTs);
      expect(textsOf(answer.params).join('\n')).toMatch(/asked a lot of questions/);
      expect(limited.harness.questionLog.records).toHaveLength(1);
    } finally {
      await stopPaneApp(limited);
    }
  });
});

describe('direct messages with the pane on', () => {
  it('answers a DM, and a reply in the thread of an answer there, exactly as a DM, with no status, title or prompts', async () => {
    const extras = () => pane.standIn.apiCalls.filter((call) => call.method.startsWith('assistant.')).length;
    const before = extras();
    const records = questionRecords().length;
    const first = await sendAndWait(directMessageEvent('Tell me about Reddish Vale school', { channel: 'D0PLAIN', user: 'U0PLAIN' }));
    expect(first.params.thread_ts).toBeUndefined();
    const threaded = await sendAndWait(directMessageEvent('how many members did it have?', { channel: 'D0PLAIN', user: 'U0PLAIN', threadTs: '1700000555.000100' }));
    expect(threaded.params.thread_ts).toBe('1700000555.000100');
    // The DM is one conversation, threads included, as without the pane.
    expect(spy.calls.at(-1)).toEqual({ question: 'how many members did it have?', previous: 'reddish-vale-school' });
    expect(buttonsOf(threaded.params).map((button) => button.action_id)).toEqual(expect.arrayContaining(['rtp_feedback_up', 'rtp_ask_0']));
    expect(
      questionRecords()
        .slice(records)
        .map((record) => record.via),
    ).toEqual(['dm', 'dm']);
    expect(
      questionRecords()
        .slice(records)
        .every((record) => record.channelContext === undefined),
    ).toBe(true);
    expect(extras()).toBe(before);
  });
});

describe('with SLACK_ASSISTANT off', () => {
  it("ignores the pane's events and answers a pane-marked message as an ordinary DM", async () => {
    const off = await startPaneApp(createTestContext(), { assistant: false });
    try {
      const thread = newPaneThread();
      await send(paneThreadEvent(thread, 'C0VIEWING'), off);
      const reply = await sendAndWait(paneMessageEvent(thread, 'What is the Right to Provide?'), 'chat.postMessage', off);
      // The one post is the answer, as a DM: nothing greeted the thread, nothing set a status or a title.
      expect(callsTo('chat.postMessage', off)).toHaveLength(1);
      expect(buttonsOf(reply.params).map((button) => button.action_id)).toContain('rtp_feedback_up');
      expect(off.standIn.apiCalls.filter((call) => call.method.startsWith('assistant.'))).toEqual([]);
      expect(questionRecords(off).map((record) => record.via)).toEqual(['dm']);
    } finally {
      await stopPaneApp(off);
    }
  });
});

describe('pings in the pane', () => {
  const folders = tempFolders();
  afterAll(() => folders.removeAll());

  it('pings nobody: not the greeting, the prompts, the title, the answer, nor the answer to a click', async () => {
    const knowledge = copyFixture('knowledge-mentions-slack', folders.make('rtp-pane-mentions-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(knowledge, 'small-talk.yaml'),
      [
        'greeting: "Hello <!channel> <!here> @everyone, ask <@U0HOST> or <!subteam^S0TEAM|@team>."',
        'starters: [kiosk-keys, kiosk-rota]',
        'replies:',
        '  - says: [hi]',
        '    reply: "Hi <!here>"',
      ].join('\n'),
    );
    const answerer = createAnswerer(knowledge);
    const app = await startPaneApp(createTestContext(() => answerer));
    const noPing = (text: string) => {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text).not.toMatch(/@(channel|here|everyone)\b/i);
    };
    try {
      const thread = newPaneThread();
      const greeting = await openThread(thread, null, app);
      noPing([String(greeting.params.text), ...textsOf(greeting.params)].join('\n'));
      expect(greeting.params.link_names).toBeUndefined();
      const [prompts] = await app.standIn.waitForCalls('assistant.threads.setSuggestedPrompts');
      expect(prompts?.params.prompts).toHaveLength(2);
      noPing(JSON.stringify(prompts?.params.prompts));

      const { answer } = await askInPane(thread, 'How does the kiosk rota work? <!channel> <@U0SOMEONE>', app);
      noPing([String(answer.params.text), ...textsOf(answer.params)].join('\n'));
      expect(answer.params.link_names).toBeUndefined();
      const [title] = await app.standIn.waitForCalls('assistant.threads.setTitle');
      noPing(String(title?.params.title));

      const related = buttonsOf(answer.params).find((button) => /^rtp_ask_here_\d+$/.test(button.action_id)) as SentButton;
      expect(readAskValue(related.value).question).toContain('<!here>');
      const clicked = await clickInThread(related, thread, app);
      noPing([String(clicked.params.text), ...textsOf(clicked.params)].join('\n'));
      expect(textsOf(clicked.params).join('\n')).toContain('kiosk keys hang by the door');
    } finally {
      await stopPaneApp(app);
    }
  });
});

describe('the greeting without one in small-talk.yaml', () => {
  it("says the adapter's short hello", async () => {
    const answerer = createAnswerer(join(import.meta.dirname, '../../fixtures/knowledge-mentions-slack'));
    expect(answerer.knowledge.smallTalk).toBeUndefined();
    const app = await startPaneApp(createTestContext(() => answerer));
    try {
      const greeting = await openThread(newPaneThread(), null, app);
      expect(greeting.params.text).toBe(defaultGreeting);
    } finally {
      await stopPaneApp(app);
    }
  });
});
