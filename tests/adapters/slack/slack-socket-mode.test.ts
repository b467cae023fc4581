import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import { commandBody, testBotToken, textsOf } from './slack-requests.js';
import { startStandInSlack, type StandInSlack } from './stand-in-slack.js';
import { createTestContext, httpSettings } from './test-context.js';

const testAppToken = 'xapp-1-A0STANDIN-000-FAKEappTOKENvalue';

let standIn: StandInSlack;
let running: RunningSlackApp | undefined;
let socket: WebSocket;
const harness = createTestContext();

/** The next message the app sends over the WebSocket, parsed. */
const nextMessage = (from: WebSocket): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message from the app over the WebSocket')), 5000);
    from.once('message', (data) => {
      clearTimeout(timer);
      resolve(JSON.parse(String(data)) as Record<string, unknown>);
    });
  });

beforeAll(async () => {
  standIn = await startStandInSlack();
  const connected = standIn.nextSocket();
  running = await startSlackApp({ ...httpSettings(standIn.apiUrl), signingSecret: undefined, appToken: testAppToken }, harness.context);
  socket = await connected;
});

afterAll(async () => {
  await running?.stop();
  await standIn?.close();
});

describe('the Slack app over Socket Mode, against a stand-in Slack', () => {
  it('opens a connection with the app token and listens on no port', () => {
    expect(running?.url).toBeNull();
    const opens = standIn.apiCalls.filter((call) => call.method === 'apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.token).toBe(testAppToken);
    expect(standIn.apiCalls.find((call) => call.method === 'auth.test')?.token).toBe(testBotToken);
  });

  it('acks a slash command envelope, then answers through the response URL', async () => {
    const responseUrl = standIn.newResponseUrl();
    const reply = standIn.nextPost(responseUrl);
    const ack = nextMessage(socket);
    const payload = Object.fromEntries(new URLSearchParams(commandBody({ text: 'What is the Right to Provide?', responseUrl })));
    socket.send(JSON.stringify({ envelope_id: 'envelope-1', type: 'slash_commands', payload, accepts_response_payload: true }));
    expect(await ack).toMatchObject({ envelope_id: 'envelope-1' });
    const answer = await reply;
    expect(answer.response_type).toBe('ephemeral');
    expect(textsOf(answer).join('\n')).toContain('What the Right to Provide is');
    expect(harness.questionLog.records).toMatchObject([{ type: 'question', platform: 'slack', entryId: 'right-to-provide' }]);
  });

  it('disconnects when stopped', async () => {
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await running?.stop();
    running = undefined;
    await closed;
    expect(socket.readyState).toBeGreaterThanOrEqual(2);
  });
});

describe('Socket Mode start-up', () => {
  it('fails with a clear error naming SLACK_APP_TOKEN, printing no token, when Slack rejects the app token', async () => {
    const rejecting = await startStandInSlack();
    try {
      rejecting.failMethod('apps.connections.open', 'invalid_auth');
      const started = startSlackApp({ ...httpSettings(rejecting.apiUrl), signingSecret: undefined, appToken: testAppToken }, createTestContext().context);
      await expect(started).rejects.toMatchObject({ code: 'SLACK_START_FAILED', message: expect.stringContaining('SLACK_APP_TOKEN') });
      await expect(started).rejects.toMatchObject({ message: expect.not.stringContaining(testAppToken) });
    } finally {
      await rejecting.close();
    }
  });
});
