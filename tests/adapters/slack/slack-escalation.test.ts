import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type QuestionRecord } from '../../../src/index.js';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import { spyOnAnswerer } from '../../support/answerer-spy.js';
import {
  buttonClickBody,
  buttonsOf,
  commandBody,
  directMessageEvent,
  eventBody,
  mentionEvent,
  messageShortcutBody,
  postEventToApp,
  postToApp,
  textsOf,
  type SentButton,
} from './slack-requests.js';
import { startStandInSlack, type ApiCall, type StandInSlack } from './stand-in-slack.js';
import { createTestContext, httpSettings } from './test-context.js';

// "Still need help?" with SLACK_ESCALATION_CHANNEL set, and pings across every new way in: the
// knowledge here (tests/fixtures/knowledge-mentions-slack) is full of mention markup, and so are the questions.

const mentionsKnowledge = fileURLToPath(new URL('../../fixtures/knowledge-mentions-slack', import.meta.url));
const experts = 'C0EXPERTS';
const everyMention = '<!channel> <!here> <!everyone> <@U0SOMEONE> <!subteam^S0TEAM|@team>';
const unsure = 'the kiosk thing';

let standIn: StandInSlack;
let running: RunningSlackApp;
let harness: ReturnType<typeof createTestContext>;

const questionRecords = () => harness.questionLog.records.filter((record): record is QuestionRecord => record.type === 'question');
const callsTo = (method: string): ApiCall[] => standIn.apiCalls.filter((call) => call.method === method);
const shownText = (message: Record<string, unknown>): string => [String(message.text ?? ''), ...textsOf(message)].join('\n');

/** Nothing Slack turns into a mention or a broadcast, and nothing asking Slack to look for them. */
function expectNoPing(message: Record<string, unknown>, allowed: string[] = []): void {
  let shown = shownText(message);
  for (const markup of allowed) shown = shown.replaceAll(markup, '');
  expect(shown).not.toMatch(/<[!@]/);
  expect(shown).not.toMatch(/@(channel|here|everyone)\b/i);
  expect(message.link_names).toBeUndefined();
  expect(message.parse).toBeUndefined();
}

async function ask(text: string, userId = 'U0ASKER'): Promise<Record<string, unknown>> {
  const responseUrl = standIn.newResponseUrl();
  const reply = standIn.nextPost(responseUrl);
  expect((await postToApp(running.url ?? '', commandBody({ text, responseUrl, userId }))).status).toBe(200);
  return reply;
}

async function click(button: SentButton, userId = 'U0ASKER'): Promise<Record<string, unknown>> {
  const responseUrl = standIn.newResponseUrl();
  const reply = standIn.nextPost(responseUrl);
  expect((await postToApp(running.url ?? '', buttonClickBody(button, { responseUrl, userId }))).status).toBe(200);
  return reply;
}

async function sendEvent(event: Record<string, unknown>): Promise<ApiCall> {
  const before = callsTo('chat.postMessage').length;
  expect((await postEventToApp(running.url ?? '', eventBody(event))).status).toBe(200);
  return (await standIn.waitForCalls('chat.postMessage', before + 1))[before] as ApiCall;
}

const escalateButton = (message: Record<string, unknown>): SentButton | undefined => buttonsOf(message).find((button) => button.action_id === 'rtp_escalate');

beforeAll(async () => {
  const real = createAnswerer(mentionsKnowledge);
  const spy = spyOnAnswerer(real, (question) =>
    question === unsure ? real.knowledge.entries.map((entry) => ({ id: entry.id, title: entry.title, question: entry.questions[0] ?? '' })) : null,
  );
  standIn = await startStandInSlack();
  harness = createTestContext(() => spy.answerer);
  running = await startSlackApp(httpSettings(standIn.apiUrl, { escalationChannel: experts }), harness.context);
});

afterAll(async () => {
  await running?.stop();
  await standIn?.close();
});

describe('"Still need help?" (SLACK_ESCALATION_CHANNEL set)', () => {
  it('posts an unanswered question to the channel naming only the asker, and tells the asker privately where it went', async () => {
    const question = `Where do I park the zebra? ${everyMention}`;
    const declined = await ask(question);
    expect(questionRecords().at(-1)).toMatchObject({ status: 'no_match' });
    const button = escalateButton(declined);
    expect(button?.text.text).toBe('Still need help?');

    const told = await click(button as SentButton);
    const [posted] = callsTo('chat.postMessage').filter((call) => call.params.channel === experts);
    expect(posted?.params.channel).toBe(experts);
    const shown = shownText(posted?.params ?? {});
    expect(shown).toContain('<@U0ASKER>');
    expect(shown).toContain('Where do I park the zebra?');
    // The question's own mentions are shown as text; the asker is the only person notified.
    expect(shown).toContain('&lt;!channel&gt;');
    expectNoPing(posted?.params ?? {}, ['<@U0ASKER>']);
    expect(told).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shownText(told)).toContain(`<#${experts}>`);
    expectNoPing(told);
  });

  it('is offered under a clarification in a thread, and not under an answer', async () => {
    const clarified = await sendEvent(mentionEvent(unsure));
    expect(questionRecords().at(-1)).toMatchObject({ status: 'clarify', via: 'mention' });
    expect(escalateButton(clarified.params)).toBeDefined();
    const answered = await ask('Where are the kiosk keys kept?');
    expect(questionRecords().at(-1)).toMatchObject({ status: 'answered' });
    expect(escalateButton(answered)).toBeUndefined();

    const before = callsTo('chat.postMessage').filter((call) => call.params.channel === experts).length;
    await click(escalateButton(clarified.params) as SentButton, 'U0THREADMATE');
    const posts = callsTo('chat.postMessage').filter((call) => call.params.channel === experts);
    expect(posts).toHaveLength(before + 1);
    // Whoever asks for help is the one named.
    expect(shownText(posts.at(-1)?.params ?? {})).toContain('<@U0THREADMATE>');
  });

  it('says so politely, and logs it, when it may not post in the channel', async () => {
    const declined = await ask('Where do I park the zebra?');
    standIn.failMethod('chat.postMessage', 'not_in_channel');
    try {
      const told = await click(escalateButton(declined) as SentButton);
      expect(shownText(told)).toContain("couldn't pass your question on");
      expect(harness.logLines.some((line) => line.startsWith('error slack: could not post to SLACK_ESCALATION_CHANNEL'))).toBe(true);
    } finally {
      standIn.failMethod('chat.postMessage', '');
    }
  });
});

describe('pings on every new way in', () => {
  it('mention, DM and shortcut replies, from questions and knowledge full of mentions, ping nobody', async () => {
    const inThread = await sendEvent(mentionEvent(`How does the kiosk rota work? ${everyMention}`));
    expect(questionRecords().at(-1)).toMatchObject({ entryId: 'kiosk-rota', via: 'mention' });
    expect(shownText(inThread.params)).toContain('&lt;@U0ROTAKEEPER&gt;');
    expectNoPing(inThread.params);

    const inDm = await sendEvent(directMessageEvent(`Where are the kiosk keys kept? ${everyMention}`));
    expect(questionRecords().at(-1)).toMatchObject({ entryId: 'kiosk-keys', via: 'dm' });
    expectNoPing(inDm.params);

    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    await postToApp(running.url ?? '', messageShortcutBody(`${everyMention} Where are the kiosk keys kept?`, { responseUrl }));
    expectNoPing(await reply);
  });

  it('every message posted in this file pings nobody, but the escalations name their asker', () => {
    const posted = standIn.apiCalls.filter((call) => ['chat.postMessage', 'chat.postEphemeral'].includes(call.method));
    expect(posted.length).toBeGreaterThanOrEqual(5);
    for (const call of posted) {
      const asker = call.params.channel === experts ? /<@(U0[A-Z]+)>/.exec(shownText(call.params))?.[0] : undefined;
      expectNoPing(call.params, asker ? [asker] : []);
    }
    for (const post of standIn.responsePosts) expectNoPing(post.body);
  });
});
