import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAnswerer, type Answerer, type Entry, type FeedbackRecord, type QuestionRecord } from '../../../src/index.js';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import { readAskValue, slackLimits } from '../../../adapters/slack/build-reply.js';
import { buttonClickBody, buttonsOf, commandBody, postToApp, signSlackBody, testBotToken, testSigningSecret, textsOf, type SentButton } from './slack-requests.js';
import { startStandInSlack, type StandInSlack } from './stand-in-slack.js';
import { createTestContext, httpSettings, realAnswerer } from './test-context.js';

// A made-up entry far longer than any real one, full of characters Slack treats specially.
const longEntry: Entry = {
  id: 'very-long-entry',
  title: 'A deliberately enormous test entry',
  questions: ['What does the enormous zebrafish entry say?', 'enormous zebrafish', 'zebrafish entry'],
  tags: ['zebrafish'],
  sources: ['lansley-voice-2011'],
  asOf: 'the test run',
  related: [],
  body: Array.from({ length: 4000 }, (_, index) => `Paragraph ${index} says that staff & managers <agree> on the zebrafish plan.`).join('\n\n'),
  file: 'tests (in memory)',
};

// A made-up entry whose own text holds mentions, to show knowledge text is escaped too.
const mentionsEntry: Entry = {
  id: 'zebra-broadcast',
  title: 'Zebra broadcast <!channel> notes',
  questions: ['What does the zebra broadcast entry say?', 'zebra broadcast', 'zebra broadcast entry'],
  tags: ['zebra', 'broadcast', 'channel', 'here', 'u123'],
  sources: ['lansley-voice-2011'],
  asOf: 'the test run',
  related: [],
  body: 'This text holds <!here>, <!channel>, <@U999>, <#C999|general> & <https://example.test|a link>.',
  file: 'tests (in memory)',
};

let standIn: StandInSlack;
let running: RunningSlackApp;
let url: string;
let harness: ReturnType<typeof createTestContext>;
// One answerer throws, to show handler errors end politely; everything else uses the real knowledge base plus the long entry.
let answerer: Answerer;
let breakNext = false;

const questionRecords = () => harness.questionLog.records.filter((record): record is QuestionRecord => record.type === 'question');
const feedbackRecords = () => harness.questionLog.records.filter((record): record is FeedbackRecord => record.type === 'feedback');

/** Sends `/rtp text` and returns the HTTP status and the reply posted to the response URL. */
async function ask(text: string, userId = 'U0ASKER') {
  const responseUrl = standIn.newResponseUrl();
  const reply = standIn.nextPost(responseUrl);
  const response = await postToApp(url, commandBody({ text, responseUrl, userId }));
  return { status: response.status, body: await response.text(), reply: await reply };
}

async function click(button: SentButton, channelId = 'C0GENERAL') {
  const responseUrl = standIn.newResponseUrl();
  const reply = standIn.nextPost(responseUrl);
  const response = await postToApp(url, buttonClickBody(button, { responseUrl, channelId }));
  return { status: response.status, reply: await reply, responseUrl };
}

const buttonNamed = (message: Record<string, unknown>, actionId: string | RegExp): SentButton => {
  const found = buttonsOf(message).find((button) => (typeof actionId === 'string' ? button.action_id === actionId : actionId.test(button.action_id)));
  if (!found) throw new Error(`no button ${String(actionId)} in the reply`);
  return found;
};

function expectWithinLimits(message: Record<string, unknown>): void {
  const blocks = message.blocks as { type: string; text?: { text: string }; elements?: unknown[] }[];
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(slackLimits.blocks);
  for (const block of blocks) {
    if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(slackLimits.sectionText);
    if (block.type === 'header') expect(block.text?.text.length).toBeLessThanOrEqual(slackLimits.headerText);
    if (block.type === 'context') expect(block.elements?.length).toBeLessThanOrEqual(slackLimits.contextElements);
  }
  for (const text of textsOf(message)) expect(text.length).toBeLessThanOrEqual(slackLimits.sectionText);
  expect(String(message.text).length).toBeLessThanOrEqual(slackLimits.fallbackText);
}

beforeAll(async () => {
  const real = realAnswerer();
  const withLong = createAnswerer({ ...real.knowledge, entries: [...real.knowledge.entries, longEntry, mentionsEntry] });
  answerer = withLong;
  standIn = await startStandInSlack();
  harness = createTestContext(() => {
    if (breakNext) {
      breakNext = false;
      throw new Error('the knowledge base went away');
    }
    return answerer;
  });
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

describe('the Slack app over HTTP, against a stand-in Slack', () => {
  it('checks its token with auth.test at start-up and listens on loopback', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
    const authCalls = standIn.apiCalls.filter((call) => call.method === 'auth.test');
    expect(authCalls).toHaveLength(1);
    expect(authCalls[0]?.token).toBe(testBotToken);
  });

  it('answers a signed /rtp question privately with the facts, sources and dates, and records it', async () => {
    const before = questionRecords().length;
    const { status, body, reply } = await ask('What is the Right to Provide?');
    expect(status).toBe(200);
    expect(body).toBe('');
    expect(reply.response_type).toBe('ephemeral');
    const texts = textsOf(reply).join('\n');
    expect(texts).toContain('What the Right to Provide is');
    expect(texts).toContain('As of about 2011 to early 2012 (undated sources): ');
    expect(texts).toContain('public sector staff take charge of the services they provide');
    expect(texts).toContain('Health Secretary bids to give power to NHS staff');
    expect(texts).toContain('Health Secretary bids to give power to NHS staff. not named in the text; undated; about 2011.');
    expect(texts).toContain('David Bicknell');
    expect(String(reply.text)).toContain('Right to Provide');
    expect(buttonsOf(reply).map((button) => button.text.text)).toEqual(
      expect.arrayContaining(['Share in channel', '👍 Helpful', '👎 Not helpful', 'What is the Right to Request?']),
    );
    expectWithinLimits(reply);
    const records = questionRecords().slice(before);
    expect(records).toMatchObject([{ platform: 'slack', question: 'What is the Right to Provide?', status: 'answered', entryId: 'right-to-provide', via: 'command' }]);
    expect(standIn.apiCalls.filter((call) => call.method === 'chat.postMessage')).toHaveLength(0);
  });

  it.each(['', 'help', '  HELP  '])('replies to "/rtp %s" with a short guide and example questions from the knowledge base', async (text) => {
    const { status, reply } = await ask(text);
    expect(status).toBe(200);
    expect(reply.response_type).toBe('ephemeral');
    expect(textsOf(reply).join('\n')).toContain('/rtp');
    const examples = answerer.starters(4).map((link) => link.question);
    expect(examples.length).toBeGreaterThan(0);
    expect(buttonsOf(reply).map((button) => button.value)).toEqual(examples);
  });

  it('says politely when nothing matches, and offers suggestions as buttons', async () => {
    const { status, reply } = await ask('How do I renew my passport online?');
    expect(status).toBe(200);
    const texts = textsOf(reply).join('\n');
    expect(texts).toContain("I don't have information on that");
    expect(texts).toContain('renew my passport online');
    const suggestions = buttonsOf(reply);
    expect(suggestions.length).toBeGreaterThan(0);
    for (const button of suggestions) expect(button.action_id).toMatch(/^rtp_ask_\d+$/);
    expect(questionRecords().at(-1)).toMatchObject({ status: 'no_match', entryId: null });
  });

  it('answers a related question when its button is clicked, as a new private reply', async () => {
    const { reply: first } = await ask('What is the Right to Provide?');
    const related = buttonNamed(first, /^rtp_ask_\d+$/);
    const offeredBy = questionRecords().at(-1)?.answerId;
    expect(readAskValue(related.value)).toEqual({ question: 'What is the Right to Request?', followedFrom: offeredBy });
    const { status, reply } = await click(related);
    expect(status).toBe(200);
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textsOf(reply).join('\n')).toContain('What the Right to Request was');
    // Linked to the reply that offered the button, so the log knows which entry the person finally chose.
    expect(questionRecords().at(-1)).toMatchObject({
      question: 'What is the Right to Request?',
      status: 'answered',
      entryId: 'right-to-request',
      via: 'button',
      followedFrom: offeredBy,
    });
  });

  it('shares an answer visibly in the channel and deletes the private copy', async () => {
    const { reply: first } = await ask('What is the Right to Provide?');
    const postsBefore = standIn.apiCalls.filter((call) => call.method === 'chat.postMessage').length;
    const { status, reply } = await click(buttonNamed(first, 'rtp_share'), 'C0SHARED');
    expect(status).toBe(200);
    expect(reply).toEqual({ delete_original: true });
    const posts = standIn.apiCalls.filter((call) => call.method === 'chat.postMessage');
    expect(posts).toHaveLength(postsBefore + 1);
    const shared = posts.at(-1);
    expect(shared?.token).toBe(testBotToken);
    expect(shared?.params.channel).toBe('C0SHARED');
    const sharedMessage = shared?.params ?? {};
    const texts = textsOf(sharedMessage).join('\n');
    expect(texts).toContain('What the Right to Provide is');
    expect(texts).toContain('Health Secretary bids to give power to NHS staff');
    expect(texts).toContain('shared with the channel');
    expect(texts).not.toContain('<@U0ASKER>');
    expect(buttonsOf(sharedMessage).map((button) => button.action_id)).not.toContain('rtp_share');
    expectWithinLimits(sharedMessage);
  });

  it('explains politely when it may not post in the channel, and keeps the private copy', async () => {
    const { reply: first } = await ask('What is the Right to Provide?');
    standIn.failMethod('chat.postMessage', 'not_in_channel');
    try {
      const { reply } = await click(buttonNamed(first, 'rtp_share'), 'C0PRIVATE');
      expect(reply.delete_original).toBeUndefined();
      expect(reply.response_type).toBe('ephemeral');
      expect(textsOf(reply).join('\n')).toContain('/invite');
    } finally {
      standIn.failMethod('chat.postMessage', '');
    }
  });

  it.each([
    ['rtp_feedback_up', 'up', '👍'],
    ['rtp_feedback_down', 'down', '👎'],
  ] as const)('records %s feedback against the answer and thanks the user', async (actionId, rating, emoji) => {
    const { reply: first } = await ask('Who can use the Right to Provide?');
    const answerId = questionRecords().at(-1)?.answerId;
    expect(answerId).toBeTruthy();
    const { reply } = await click(buttonNamed(first, actionId));
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textsOf(reply).join('\n')).toContain(`Thanks for the ${emoji}`);
    expect(feedbackRecords().at(-1)).toMatchObject({ platform: 'slack', answerId, rating, entryId: questionRecords().at(-1)?.entryId });
  });

  it('escapes a question holding <!channel>, <!here> and <@U123> so the reply pings nobody', async () => {
    const shownText = (message: Record<string, unknown>) => [String(message.text), ...textsOf(message)].join('\n');
    for (const question of ['What is the Right to Provide <!channel> <!here> <@U123> <#C999|general>?', 'What does the zebra broadcast entry say <!channel> <!here> <@U123>?']) {
      const { reply } = await ask(question);
      expect(shownText(reply)).not.toMatch(/<[!@#]/);
      expect(shownText(reply)).toContain('&lt;!channel&gt;');
      expect(shownText(reply)).toContain('&lt;@U123&gt;');
      expectWithinLimits(reply);
    }
    // The second was answered from an entry whose own text holds mentions; sharing it pings nobody either.
    expect(questionRecords().at(-1)).toMatchObject({ status: 'answered', entryId: 'zebra-broadcast' });
    const { reply } = await ask('What does the zebra broadcast entry say <!channel> <!here> <@U123>?');
    expect(shownText(reply)).toContain('&lt;!here&gt;, &lt;!channel&gt;, &lt;@U999&gt;, &lt;#C999|general&gt; &amp; &lt;https://example.test|a link&gt;');
    await click(buttonNamed(reply, 'rtp_share'), 'C0SHARED');
    const shared = standIn.apiCalls.filter((call) => call.method === 'chat.postMessage').at(-1)?.params ?? {};
    expect(shownText(shared).replace('<@U0ASKER>', '')).not.toMatch(/<[!@#]/);
    expect(shared.link_names).toBeUndefined();
  });

  it('reads the escaped text Slack sends as what was typed', async () => {
    const { reply } = await ask('Q&amp;A: What is the Right to Provide &lt;b&gt;?');
    expect(questionRecords().at(-1)?.question).toBe('Q&A: What is the Right to Provide <b>?');
    expect(textsOf(reply).join('\n')).toContain('Q&amp;A: What is the Right to Provide &lt;b&gt;?');
  });

  it('keeps a very long answer within Block Kit limits, cut with a note', async () => {
    const { reply } = await ask('What does the enormous zebrafish entry say?');
    expect(questionRecords().at(-1)).toMatchObject({ entryId: 'very-long-entry' });
    expectWithinLimits(reply);
    const texts = textsOf(reply).join('\n');
    expect(texts).toContain('Paragraph 0 says that staff &amp; managers &lt;agree&gt;');
    expect(texts).toContain('cut short to fit in Slack');
    expect(texts).not.toMatch(/<agree>/);
  });

  it.each([
    ['a forged signature', (body: string) => signSlackBody(body, 'not-the-signing-secret')],
    ['no signature', (): Record<string, string> => ({})],
    ['a signature without a timestamp', (body: string) => ({ 'x-slack-signature': signSlackBody(body)['x-slack-signature'] ?? '' })],
    ['a timestamp older than five minutes', (body: string) => signSlackBody(body, testSigningSecret, Math.floor(Date.now() / 1000) - 6 * 60)],
    // Correctly signed, so only the timestamp check can stop it (Bolt 5 itself only rejects old ones).
    ['a timestamp more than five minutes in the future', (body: string) => signSlackBody(body, testSigningSecret, Math.floor(Date.now() / 1000) + 6 * 60)],
    ['a timestamp a day in the future', (body: string) => signSlackBody(body, testSigningSecret, Math.floor(Date.now() / 1000) + 24 * 60 * 60)],
  ])('rejects a request with %s with 401, answers nothing, and logs one line per request without secrets or the body', async (_name, headersFor) => {
    const recordsBefore = harness.questionLog.records.length;
    const callsBefore = standIn.apiCalls.length;
    const postsBefore = standIn.responsePosts.length;
    const responseUrl = standIn.newResponseUrl();
    const command = commandBody({ text: 'What is the Right to Provide?', responseUrl });
    const response = await postToApp(url, command, headersFor(command));
    expect(response.status).toBe(401);
    const share = buttonClickBody(
      { action_id: 'rtp_share', value: JSON.stringify({ question: 'What is the Right to Provide?', answerId: null }), text: { text: 'Share in channel' } },
      { responseUrl },
    );
    expect((await postToApp(url, share, headersFor(share))).status).toBe(401);
    // Give a wrongly accepted request time to show itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.questionLog.records.length).toBe(recordsBefore);
    expect(standIn.apiCalls.length).toBe(callsBefore);
    expect(standIn.responsePosts.length).toBe(postsBefore);
    expect(harness.logLines).toHaveLength(2);
    for (const line of harness.logLines) {
      expect(line).toMatch(/^warn slack: refused a request not signed by Slack \(401\): \S/);
      expect(line).not.toMatch(/\n/);
      const headerValues = [...Object.values(headersFor(command)), ...Object.values(headersFor(share))].filter((value) => value.length > 12);
      for (const secretOrBody of [
        testSigningSecret,
        testBotToken,
        ...headerValues,
        'Right to Provide',
        'stand-in-response-secret',
        'U0ASKER',
        'rtp_share',
        'deprecated-verification-token',
      ]) {
        expect(line).not.toContain(secretOrBody);
      }
    }
  });

  it('accepts a correctly signed request from a clock a minute ahead (within five minutes either way)', async () => {
    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    const command = commandBody({ text: 'What is the Right to Provide?', responseUrl });
    const response = await postToApp(url, command, signSlackBody(command, testSigningSecret, Math.floor(Date.now() / 1000) + 60));
    expect(response.status).toBe(200);
    expect(textsOf(await reply).join('\n')).toContain('What the Right to Provide is');
  });

  it('ignores an unsigned ssl_check request that smuggles a payload', async () => {
    const recordsBefore = harness.questionLog.records.length;
    const responseUrl = standIn.newResponseUrl();
    const smuggled = `ssl_check=1&${commandBody({ text: 'What is the Right to Provide?', responseUrl })}`;
    const response = await postToApp(url, smuggled, {});
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.questionLog.records.length).toBe(recordsBefore);
    expect(standIn.responsePosts.filter((post) => post.path === new URL(responseUrl).pathname)).toHaveLength(0);
  });

  it('turns an error inside a handler into a polite private reply and one log line, and keeps serving', async () => {
    breakNext = true;
    const { status, reply } = await ask('What is the Right to Provide?');
    expect(status).toBe(200);
    expect(reply.response_type).toBe('ephemeral');
    expect(textsOf(reply).join('\n')).toContain('Sorry, something went wrong');
    const errors = harness.logLines.filter((line) => line.startsWith('error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('/rtp failed');
    expect(errors[0]).toContain('the knowledge base went away');
    expect(errors[0]).not.toContain('What is the Right to Provide');
    expect(errors[0]).not.toContain('stand-in-response-secret');
    const again = await ask('What is the Right to Provide?');
    expect(textsOf(again.reply).join('\n')).toContain('What the Right to Provide is');
  });

  it('answers a button it cannot read politely rather than failing', async () => {
    const { reply } = await click({ action_id: 'rtp_feedback_up', value: 'not json', text: { text: '👍 Helpful' } });
    expect(textsOf(reply).join('\n')).toContain('Sorry, something went wrong');
    expect(harness.logLines.filter((line) => line.startsWith('error'))).toHaveLength(1);
  });

  it('never writes the bot token or signing secret to its log', () => {
    const everything = harness.logLines.join('\n');
    expect(everything).not.toContain(testBotToken);
    expect(everything).not.toContain(testSigningSecret);
  });
});
