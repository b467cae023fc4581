import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type QuestionRecord } from '../../../src/index.js';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import { readAskValue } from '../../../adapters/slack/build-reply.js';
import { buttonClickBody, buttonsOf, commandBody, messageShortcutBody, postToApp, textsOf, type SentButton } from './slack-requests.js';
import { startStandInSlack, type StandInSlack } from './stand-in-slack.js';
import { createTestContext, httpSettings } from './test-context.js';

// Entries, questions and sources full of Slack mentions (tests/fixtures/knowledge-mentions-slack).
const mentionsKnowledge = fileURLToPath(new URL('../../fixtures/knowledge-mentions-slack', import.meta.url));
const everyMention = '<!channel> <!here> <!everyone> <@U0SOMEONE> <!subteam^S0TEAM|@team>';
const moreMentions = `${everyMention} <@W0SOMEONE|bob> <!subteam^S0OTHER>`;
const limit = 3;

let standIn: StandInSlack;
let running: RunningSlackApp;
let harness: ReturnType<typeof createTestContext>;

const questionRecords = () => harness.questionLog.records.filter((record): record is QuestionRecord => record.type === 'question');

async function ask(text: string, userId: string) {
  const responseUrl = standIn.newResponseUrl();
  const reply = standIn.nextPost(responseUrl);
  const response = await postToApp(running.url ?? '', commandBody({ text, responseUrl, userId }));
  expect(response.status).toBe(200);
  return reply;
}

async function click(button: SentButton, userId: string, channelId = 'C0GENERAL') {
  const responseUrl = standIn.newResponseUrl();
  const reply = standIn.nextPost(responseUrl);
  const response = await postToApp(running.url ?? '', buttonClickBody(button, { responseUrl, userId, channelId }));
  expect(response.status).toBe(200);
  return reply;
}

const buttonNamed = (message: Record<string, unknown>, actionId: RegExp): SentButton => {
  const found = buttonsOf(message).find((button) => actionId.test(button.action_id));
  if (!found) throw new Error(`no button ${String(actionId)} in the reply`);
  return found;
};

/** Everything Slack would show of a message: the fallback text, every block's text and every button label. */
const shownText = (message: Record<string, unknown>): string => [String(message.text ?? ''), ...textsOf(message)].join('\n');

/** Nothing that Slack turns into a mention or a broadcast: no `<!…>`, `<@…>`, `<#…>`, and no bare @channel/@here/@everyone. */
function expectNoPing(message: Record<string, unknown>): void {
  const shown = shownText(message);
  expect(shown).not.toMatch(/<[!@#]/);
  expect(shown).not.toMatch(/@(channel|here|everyone)\b/i);
  // Nothing asks Slack to find mentions in plain words either.
  expect(message.link_names).toBeUndefined();
  expect(message.parse).toBeUndefined();
}

beforeAll(async () => {
  standIn = await startStandInSlack();
  const answerer = createAnswerer(mentionsKnowledge);
  harness = createTestContext(() => answerer);
  running = await startSlackApp(httpSettings(standIn.apiUrl, { rateLimitPerMinute: limit }), harness.context);
});

afterAll(async () => {
  await running?.stop();
  await standIn?.close();
});

describe('the Slack rate limit (RATE_LIMIT_PER_MINUTE, here 3)', () => {
  it('answers a user up to the limit, then refuses politely and privately, answering and recording nothing; others are still answered', async () => {
    const before = questionRecords().length;
    const first = await ask('How does the kiosk rota work?', 'U0BUSY');
    for (let asked = 1; asked < limit; asked += 1) expect(shownText(await ask('Where are the kiosk keys kept?', 'U0BUSY'))).toContain('kiosk keys hang by the door');
    expect(questionRecords()).toHaveLength(before + limit);

    const refused = await ask('How does the kiosk rota work?', 'U0BUSY');
    expect(refused).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shownText(refused)).toMatch(/You have asked a lot of questions in a short time.*Please try again in \d+ seconds?\./);
    expect(shownText(refused)).not.toContain('kiosk');
    expect(buttonsOf(refused)).toEqual([]);

    // A related-question button is a question too, and counts against the same user.
    const refusedClick = await click(buttonNamed(first, /^rtp_ask_\d+$/), 'U0BUSY');
    expect(shownText(refusedClick)).toContain('Please try again in');
    expect(questionRecords()).toHaveLength(before + limit);

    const other = await ask('How does the kiosk rota work?', 'U0SOMEONEELSE');
    expect(shownText(other)).toContain('The kiosk rota is kept by');
    const otherClick = await click(buttonNamed(other, /^rtp_ask_\d+$/), 'U0SOMEONEELSE');
    expect(shownText(otherClick)).toContain('kiosk keys hang by the door');
    expect(questionRecords()).toHaveLength(before + limit + 2);
  });

  it('counts the message shortcut as a question: over the limit, it is refused privately too', async () => {
    const before = questionRecords().length;
    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    await postToApp(running.url ?? '', messageShortcutBody('How does the kiosk rota work?', { responseUrl, userId: 'U0BUSY' }));
    const refused = await reply;
    expect(refused).toMatchObject({ response_type: 'ephemeral' });
    expect(shownText(refused)).toContain('Please try again in');
    expect(questionRecords()).toHaveLength(before);
  });

  it('still lets a user over the limit give feedback (a rating is not a question)', async () => {
    for (let asked = 0; asked < limit; asked += 1) await ask('kiosk keys', 'U0RATER');
    const answered = standIn.responsePosts.at(-1)?.body ?? {};
    const thanks = await click(buttonNamed(answered, /^rtp_feedback_up$/), 'U0RATER');
    expect(shownText(thanks)).toContain('Thanks for the 👍');
  });
});

describe('mentions in Slack replies', () => {
  it('a question full of mentions, answered from knowledge full of mentions, pings nobody: not the reply, nor the related question, nor the shared copy', async () => {
    const reply = await ask(`How does the kiosk rota work? ${everyMention}`, 'U0MENTIONS');
    expect(questionRecords().at(-1)).toMatchObject({ status: 'answered', entryId: 'kiosk-rota' });
    // The knowledge's own mentions and the user's are shown, escaped, as text.
    const shown = shownText(reply);
    for (const text of [
      '&lt;@U0ROTAKEEPER&gt;',
      '&lt;!subteam^S0KIOSK|@kiosk-team&gt;',
      '&lt;!everyone&gt;',
      '&lt;!channel&gt;',
      '&lt;!here&gt;',
      '&lt;@U0AUTHOR&gt;',
      '&lt;!subteam^S0TEAM|@team&gt;',
      '&lt;@U0SOMEONE&gt;',
    ]) {
      expect(shown).toContain(text);
    }
    expectNoPing(reply);

    const related = buttonNamed(reply, /^rtp_ask_\d+$/);
    expect(readAskValue(related.value).question).toBe('Who has the kiosk keys <!here> <@U0KEYHOLDER>?');
    const relatedReply = await click(related, 'U0MENTIONS');
    expect(shownText(relatedReply)).toContain('kiosk keys hang by the door');
    expectNoPing(relatedReply);

    await click(buttonNamed(reply, /^rtp_share$/), 'U0MENTIONS', 'C0SHARED');
    const shared = standIn.apiCalls.filter((call) => call.method === 'chat.postMessage').at(-1)?.params ?? {};
    expect(shared.channel).toBe('C0SHARED');
    expect(shownText(shared)).toContain('The kiosk rota is kept by');
    // The shared copy does not name the sharer either: naming a user pings them.
    expect(shownText(shared)).toContain('shared with the channel');
    expectNoPing(shared);
  });

  it('a question that finds nothing, or is invalid, still pings nobody', async () => {
    for (const question of [`${moreMentions} zebra`, `@channel @here @everyone ${'<!channel>'.repeat(100)}`]) {
      const reply = await ask(question, 'U0NOMATCH');
      expect(['no_match', 'invalid']).toContain(questionRecords().at(-1)?.status);
      expectNoPing(reply);
    }
  });
});
