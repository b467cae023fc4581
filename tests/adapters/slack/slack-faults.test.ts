import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import type { ReplyRetryOptions } from '../../../adapters/slack/post-reply.js';
import { openQuestionLog } from '../../../adapters/shared/question-log-settings.js';
import { tempFolders } from '../../support/fixture-knowledge.js';
import { buttonClickBody, buttonsOf, commandBody, postToApp, textsOf, type SentButton } from './slack-requests.js';
import { startStandInSlack, type StandInFault, type StandInSlack } from './stand-in-slack.js';
import { createTestContext, httpSettings } from './test-context.js';

// Short waits, so retries take milliseconds here; the defaults are 250 ms to 1 s.
const retry: ReplyRetryOptions = { retries: 2, minDelayMs: 20, maxDelayMs: 50, maxRetryAfterMs: 2000, timeoutMs: 2000 };

let standIn: StandInSlack;
let running: RunningSlackApp;
let harness: ReturnType<typeof createTestContext>;

const ask = async (text: string, userId = 'U0ASKER') => {
  const responseUrl = standIn.newResponseUrl();
  const reply = standIn.nextPost(responseUrl);
  const response = await postToApp(running.url ?? '', commandBody({ text, responseUrl, userId }));
  expect(response.status).toBe(200);
  return { reply, responseUrl };
};

const shareButton = (message: Record<string, unknown>): SentButton => {
  const found = buttonsOf(message).find((button) => button.action_id === 'rtp_share');
  if (!found) throw new Error('no Share button');
  return found;
};

/** Clicks Share in channel under an answer; resolves with the reply to the click (the delete, or an apology). */
async function share(): Promise<Record<string, unknown>> {
  const answer = await (await ask('What is the Right to Provide?')).reply;
  const responseUrl = standIn.newResponseUrl();
  const reply = standIn.nextPost(responseUrl, 10_000);
  const response = await postToApp(running.url ?? '', buttonClickBody(shareButton(answer), { responseUrl, channelId: 'C0SHARED' }));
  expect(response.status).toBe(200);
  return reply;
}

const postMessages = () => standIn.apiCalls.filter((call) => call.method === 'chat.postMessage');
const faultsOn = (target: string) => standIn.faultsServed.filter((served) => served.target === target);
const errorLines = () => harness.logLines.filter((line) => line.startsWith('error'));

/** Still answering, whatever went before. */
async function expectStillAnswering(): Promise<void> {
  const { reply } = await ask('Who can use the Right to Provide?');
  expect(textsOf(await reply).join('\n')).toContain('Who the Right to Provide is for');
}

beforeAll(async () => {
  standIn = await startStandInSlack();
  harness = createTestContext();
  running = await startSlackApp(httpSettings(standIn.apiUrl), harness.context, { retry });
});

const folders = tempFolders();

afterAll(async () => {
  folders.removeAll();
  await running?.stop();
  await standIn?.close();
});

beforeEach(() => {
  harness.logLines.length = 0;
  standIn.faultsServed.length = 0;
});

const passingFaults: [string, StandInFault][] = [
  ['answers 500', { status: 500 }],
  ['answers 429 with Retry-After: 1', { status: 429, retryAfterSeconds: 1 }],
  ['drops the connection', 'drop'],
];

describe('when a response URL fails', () => {
  it.each(passingFaults)('%s once, the reply is retried and delivered', async (_name, fault) => {
    standIn.injectFault('response_url', fault, 1);
    const started = performance.now();
    const { reply } = await ask('What is the Right to Provide?');
    expect(textsOf(await reply).join('\n')).toContain('What the Right to Provide is');
    expect(faultsOn('response_url')).toHaveLength(1);
    // Retry-After is honoured, not cut short.
    if (fault !== 'drop' && fault.status === 429) expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(errorLines()).toEqual([]);
  });

  it.each([
    ['answers 500 every time', { status: 500 } as StandInFault, retry.retries + 1, /the response URL answered 500, after 3 tries/],
    ['drops every connection', 'drop' as StandInFault, retry.retries + 1, /could not reach the response URL .*after 3 tries/],
    [
      'asks for a wait longer than a person should wait (Retry-After: 3600)',
      { status: 429, retryAfterSeconds: 3600 } as StandInFault,
      1,
      /answered 429 and asked for a wait of 3600 s/,
    ],
    ['has expired (404): not worth retrying', { status: 404 } as StandInFault, 1, /the response URL answered 404$/],
  ])('%s, the bot gives up cleanly with one log line, and keeps answering', async (_name, fault, tries, logged) => {
    standIn.injectFault('response_url', fault, Infinity);
    try {
      const { responseUrl } = await ask('What is the Right to Provide?');
      await expect.poll(() => errorLines().length, { timeout: 5000 }).toBe(1);
      expect(errorLines()[0]).toMatch(logged);
      expect(errorLines()[0]).toContain('/rtp failed');
      expect(errorLines()[0]).not.toContain(new URL(responseUrl).pathname);
      expect(faultsOn('response_url')).toHaveLength(tries);
    } finally {
      standIn.injectFault('response_url', 'drop', 0);
    }
    await expectStillAnswering();
    expect(errorLines()).toHaveLength(1);
  });
});

describe('when chat.postMessage (Share in channel) fails', () => {
  it.each(passingFaults)('%s once, the share is retried and posted', async (_name, fault) => {
    const before = postMessages().length;
    standIn.injectFault('chat.postMessage', fault, 1);
    const reply = await share();
    expect(reply).toEqual({ delete_original: true });
    // The failed try and the one that worked.
    expect(postMessages()).toHaveLength(before + 2);
    expect(postMessages().at(-1)?.params.channel).toBe('C0SHARED');
    expect(faultsOn('chat.postMessage')).toHaveLength(1);
    expect(errorLines()).toEqual([]);
  });

  it.each([
    ['answers 500 every time', () => standIn.injectFault('chat.postMessage', { status: 500 }, Infinity)],
    ['drops every connection', () => standIn.injectFault('chat.postMessage', 'drop', Infinity)],
    ['rejects the token (invalid_auth)', () => standIn.failMethod('chat.postMessage', 'invalid_auth')],
  ])('%s, the person gets a polite apology, the operator one log line, and the bot keeps answering', async (_name, breakIt) => {
    breakIt();
    try {
      const reply = await share();
      expect(reply.response_type).toBe('ephemeral');
      expect(textsOf(reply).join('\n')).toContain('Sorry, something went wrong');
      expect(errorLines()).toHaveLength(1);
      expect(errorLines()[0]).toMatch(/Share in channel failed: slack_webapi_(http|request|platform)_error/);
    } finally {
      standIn.injectFault('chat.postMessage', 'drop', 0);
      standIn.failMethod('chat.postMessage', '');
    }
    await expectStillAnswering();
  });
});

describe('when the question log cannot be written', () => {
  it('answers go on, and exactly one warning is logged', async () => {
    // DATA_DIR under a regular file: no folder can be made there, whoever runs the tests (root included).
    const blocker = join(folders.make('rtp-slack-disk-'), 'not-a-folder');
    writeFileSync(blocker, 'a file where the data folder should be\n');
    const diskHarness = createTestContext();
    const questionLog = await openQuestionLog({ DATA_DIR: join(blocker, 'data') }, diskHarness.context.log);
    const app = await startSlackApp(httpSettings(standIn.apiUrl), { ...diskHarness.context, questionLog }, { retry });
    try {
      for (const question of ['What is the Right to Provide?', 'Who can use the Right to Provide?', 'What is the Right to Request?']) {
        const responseUrl = standIn.newResponseUrl();
        const reply = standIn.nextPost(responseUrl);
        expect((await postToApp(app.url ?? '', commandBody({ text: question, responseUrl }))).status).toBe(200);
        expect(textsOf(await reply).join('\n')).toMatch(/As of /);
        await questionLog.flush();
      }
      const warnings = diskHarness.logLines.filter((line) => line.includes('question log'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^warn question log: cannot write to .*not-a-folder.*; questions are still answered/);
      expect(diskHarness.logLines.filter((line) => line.startsWith('error'))).toEqual([]);
    } finally {
      await app.stop();
      await questionLog.close();
    }
  });
});
