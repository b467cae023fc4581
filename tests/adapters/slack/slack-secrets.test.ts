import { afterEach, describe, expect, it } from 'vitest';
import { compiledStart, nodeCommand, repoPath, waitForOutput } from '../../support/processes.js';
import { fakeSecrets, runWithFakeSecrets, type SecretScan } from '../../support/secret-scan.js';
import { buttonClickBody, buttonsOf, commandBody, postToApp, signSlackBody } from './slack-requests.js';
import { startStandInSlack, type StandInSlack } from './stand-in-slack.js';

// Slack over HTTP (no app token, or it would use Socket Mode), with askers hashed so the salt is in use too.
const secrets = { SLACK_BOT_TOKEN: fakeSecrets.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: fakeSecrets.SLACK_SIGNING_SECRET, QUESTION_LOG_SALT: fakeSecrets.QUESTION_LOG_SALT };

let standIn: StandInSlack | undefined;

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

const settingsFor = (apiUrl: string) => ({
  PORT: '0',
  HOST: '127.0.0.1',
  SLACK_API_URL: apiUrl,
  KNOWLEDGE_DIR: repoPath('knowledge'),
  QUESTION_LOG_HASH_ASKERS: 'true',
});

function expectClean(scan: SecretScan): void {
  expect(scan.leaks, scan.output).toEqual([]);
  expect(scan.stackLines, scan.output).toEqual([]);
}

describe('npm start with Slack and recognisable fake secrets, provoked into every error it reports', () => {
  it('prints no piece of a token, the signing secret or the salt, and no stack trace', async () => {
    const slack = (standIn = await startStandInSlack());
    const sign = (body: string, timestamp?: number) => signSlackBody(body, fakeSecrets.SLACK_SIGNING_SECRET, timestamp);
    const scan = await runWithFakeSecrets(...nodeCommand(compiledStart), {
      secrets,
      env: settingsFor(slack.apiUrl),
      timeoutMs: 40_000,
      whileRunning: async (bot) => {
        const [, url = ''] = await waitForOutput(bot, /ready at (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/);
        const ask = async (text: string) => {
          const responseUrl = slack.newResponseUrl();
          const reply = slack.nextPost(responseUrl, 10_000);
          const body = commandBody({ text, responseUrl });
          expect((await postToApp(url, body, sign(body))).status).toBe(200);
          return reply;
        };
        const click = async (button: { action_id: string; value?: string; text: { text: string } }) => {
          const responseUrl = slack.newResponseUrl();
          const reply = slack.nextPost(responseUrl, 10_000);
          const body = buttonClickBody(button, { responseUrl });
          expect((await postToApp(url, body, sign(body))).status).toBe(200);
          return reply;
        };
        const answer = await ask('What is the Right to Provide?');
        const share = buttonsOf(answer).find((button) => button.action_id === 'rtp_share')!;

        // The Web API failing: 500s past every retry, then a rejected token.
        slack.injectFault('chat.postMessage', { status: 500 }, Infinity);
        await click(share);
        slack.injectFault('chat.postMessage', 'drop', 0);
        slack.failMethod('chat.postMessage', 'invalid_auth');
        await click(share);

        // A handler error: a button carrying something that is not ours.
        await click({ action_id: 'rtp_feedback_up', value: `{"answerId": ${JSON.stringify(fakeSecrets.SLACK_BOT_TOKEN)}`, text: { text: '👍' } });

        // A response URL that never takes the reply.
        slack.injectFault('response_url', { status: 500 }, Infinity);
        const body = commandBody({ text: 'Who can use the Right to Provide?', responseUrl: slack.newResponseUrl() });
        expect((await postToApp(url, body, sign(body))).status).toBe(200);
        await waitForOutput(bot, /\/rtp failed/, 10_000);

        // Forged, missing, stale and far-future signatures, one carrying a token in its body.
        const forgedBody = commandBody({ text: `leak ${fakeSecrets.SLACK_BOT_TOKEN}`, responseUrl: slack.newResponseUrl() });
        const now = Math.floor(Date.now() / 1000);
        for (const headers of [signSlackBody(forgedBody, 'wrong-secret'), {}, sign(forgedBody, now - 600), sign(forgedBody, now + 600)]) {
          expect((await postToApp(url, forgedBody, headers)).status).toBe(401);
        }
        bot.kill('SIGTERM');
      },
    });
    expect(scan.exitCode, scan.output).toBe(0);
    // Each error was really provoked and reported...
    expect(scan.stderr.match(/Share in channel failed/g), scan.stderr).toHaveLength(2);
    expect(scan.stderr).toMatch(/a feedback button failed/);
    expect(scan.stderr).toMatch(/\/rtp failed: SLACK_REPLY_NOT_DELIVERED/);
    expect(scan.stderr.match(/refused a request not signed by Slack \(401\)/g), scan.stderr).toHaveLength(4);
    // ...and nothing secret or stack-like was printed doing so.
    expectClean(scan);
  });

  it('a bot token Slack rejects at start-up (invalid_auth): exit 1 with a clear line, nothing secret', async () => {
    const slack = (standIn = await startStandInSlack());
    slack.failMethod('auth.test', 'invalid_auth');
    const scan = await runWithFakeSecrets(...nodeCommand(compiledStart), { secrets, env: settingsFor(slack.apiUrl) });
    expect(scan.exitCode).toBe(1);
    expect(scan.stderr).toMatch(/Slack did not accept SLACK_BOT_TOKEN/);
    expectClean(scan);
  });
});
