import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSlackApp } from '../../../adapters/slack/app.js';
import { tempFolders } from '../../support/fixture-knowledge.js';
import { compiledStart, spawnScript, type SpawnedScript } from '../../support/processes.js';
import { commandBody, postToApp, testBotToken, testSigningSecret, textsOf } from './slack-requests.js';
import { startStandInSlack, type StandInSlack } from './stand-in-slack.js';
import { createTestContext, httpSettings } from './test-context.js';
import { readLogLines } from '../../support/question-log-lines.js';

// HOME too is an empty folder, so nothing of the developer's can be read from it.
const folders = tempFolders();
const emptyDir = folders.make('rtp-slack-start-');
afterAll(folders.removeAll);

let child: ChildProcess | undefined;
let standIn: StandInSlack | undefined;

/** Runs what `npm start` runs (node dist/adapters/start.js) with only the given settings in its environment. */
function npmStart(settings: Record<string, string>): SpawnedScript {
  const started = spawnScript(compiledStart, { HOME: emptyDir, ...settings });
  child = started.child;
  return started;
}

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  await standIn?.close();
  standIn = undefined;
});

describe('npm start with Slack settings', () => {
  it('stops with one clear message naming every setting at fault, printing no token', async () => {
    const run = npmStart({ SLACK_BOT_TOKEN: testBotToken, PORT: 'eighty', SLACK_COMMAND: 'rtp' });
    expect(await run.exited).toBe(2);
    const output = run.output();
    expect(output).toContain('the Slack settings are not usable');
    for (const setting of ['SLACK_SIGNING_SECRET', 'PORT', 'SLACK_COMMAND']) expect(output).toContain(setting);
    expect(output).not.toContain(testBotToken);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('names a malformed token without printing it', async () => {
    const run = npmStart({ SLACK_BOT_TOKEN: 'FAKE-token-value-4242', SLACK_SIGNING_SECRET: testSigningSecret });
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('SLACK_BOT_TOKEN');
    expect(run.output()).not.toContain('FAKE-token-value-4242');
    expect(run.output()).not.toContain(testSigningSecret);
  });

  it('answers a signed /rtp request over HTTP, then stops cleanly on SIGTERM', async () => {
    standIn = await startStandInSlack();
    const run = npmStart({ SLACK_BOT_TOKEN: testBotToken, SLACK_SIGNING_SECRET: testSigningSecret, PORT: '0', HOST: '127.0.0.1', SLACK_API_URL: standIn.apiUrl });
    const [, url = ''] = await run.waitFor(/ready at (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/);
    await run.waitFor(/Slack started/);
    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    const response = await postToApp(url, commandBody({ text: 'Who can use the Right to Provide?', responseUrl }));
    expect(response.status).toBe(200);
    expect(textsOf(await reply).join('\n')).toContain('Who the Right to Provide is for');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toContain(testBotToken);
    expect(run.output()).not.toContain(testSigningSecret);
  });
});

describe('npm start with Slack, stopped in the middle of a burst of requests', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s: stops taking work, finishes the replies in flight, logs every acked question to the JSONL file, and exits 0 within a few seconds',
    async (signal) => {
      standIn = await startStandInSlack();
      const dataDir = folders.make('rtp-slack-stop-');
      const run = npmStart({
        SLACK_BOT_TOKEN: testBotToken,
        SLACK_SIGNING_SECRET: testSigningSecret,
        PORT: '0',
        HOST: '127.0.0.1',
        SLACK_API_URL: standIn.apiUrl,
        DATA_DIR: dataDir,
      });
      const [, url = ''] = await run.waitFor(/ready at (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/);
      await run.waitFor(/Slack started/);
      // Replies are held, so some are surely still in flight when the signal comes.
      const release = standIn.holdResponsePosts();
      const acked: { marker: string; responseUrl: string }[] = [];
      let refused = 0;
      let signalledAt = 0;
      let sent = 0;
      const worker = async () => {
        // Each worker sends until the bot stops taking requests; bounded in case it never does.
        while (sent < 2000) {
          const marker = `burst-${(sent += 1)}`;
          const responseUrl = standIn!.newResponseUrl();
          try {
            // A user each, so the rate limit (default 10 a minute) refuses none.
            const response = await postToApp(
              url,
              commandBody({ text: `What is the Right to Provide? ${marker}`, responseUrl, userId: `U0${marker.replace('-', '').toUpperCase()}` }),
            );
            if (response.status !== 200) throw new Error(`status ${response.status}`);
            acked.push({ marker, responseUrl });
            if (acked.length === 40) {
              signalledAt = performance.now();
              run.child.kill(signal);
              setTimeout(release, 300);
            }
          } catch {
            refused += 1;
            if (signalledAt > 0) return;
          }
        }
      };
      await Promise.all(Array.from({ length: 10 }, worker));
      expect(await run.exited).toBe(0);
      expect(performance.now() - signalledAt).toBeLessThan(5_000);
      expect(refused).toBeGreaterThan(0);
      expect(acked.length).toBeGreaterThanOrEqual(40);
      // Every acked request got its reply...
      const delivered = new Set(standIn.responsePosts.map((post) => post.path));
      for (const { responseUrl } of acked) expect(delivered.has(new URL(responseUrl).pathname)).toBe(true);
      // ...and its record in the question log, flushed before the exit.
      const records = readLogLines<{ type: string; question: string }>(dataDir);
      const logged = new Set(records.filter((record) => record.type === 'question').map((record) => record.question.replace(/^.* /, '')));
      for (const { marker } of acked) expect(logged.has(marker)).toBe(true);
      expect(records.length).toBeLessThanOrEqual(sent);
      expect(run.output()).toMatch(new RegExp(`${signal} received[\\s\\S]*stopped\\n`));
      release();
    },
  );
});

describe('starting the Slack app', () => {
  it('fails with a clear error, printing no token, when Slack rejects the bot token', async () => {
    standIn = await startStandInSlack();
    standIn.failMethod('auth.test', 'invalid_auth');
    const { context } = createTestContext();
    const started = startSlackApp(httpSettings(standIn.apiUrl), context);
    await expect(started).rejects.toMatchObject({ code: 'SLACK_START_FAILED', message: expect.stringContaining('Slack did not accept SLACK_BOT_TOKEN') });
    await expect(started).rejects.toMatchObject({ message: expect.stringContaining('invalid_auth') });
    await expect(started).rejects.toMatchObject({ message: expect.not.stringContaining(testBotToken) });
  });
});

describe('acking and stopping', () => {
  it('acks with 200 before its reply is delivered, and stop() waits for replies in flight', async () => {
    standIn = await startStandInSlack();
    const { context } = createTestContext();
    const running = await startSlackApp(httpSettings(standIn.apiUrl), context);
    const release = standIn.holdResponsePosts();
    try {
      const responseUrl = standIn.newResponseUrl();
      const reply = standIn.nextPost(responseUrl);
      // Were the reply sent before the ack, this 200 would never arrive while the reply is held.
      const response = await postToApp(running.url ?? '', commandBody({ text: 'What is the Right to Provide?', responseUrl }));
      expect(response.status).toBe(200);
      expect(textsOf(await reply).join('\n')).toContain('What the Right to Provide is');
      let stopped = false;
      const stopping = running.stop().then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(stopped).toBe(true);
    } finally {
      release();
    }
  });
});
