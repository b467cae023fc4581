import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import { commandBody, eventBody, mentionEvent, newEventId, testBotToken, textsOf } from './slack-requests.js';
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

  it('answers an @mention event in its thread, once, even when the envelope is redelivered', async () => {
    const event = mentionEvent('What is a public service mutual?');
    const payload = JSON.parse(eventBody(event, newEventId())) as Record<string, unknown>;
    const ack = nextMessage(socket);
    socket.send(JSON.stringify({ envelope_id: 'envelope-2', type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' }));
    expect(await ack).toMatchObject({ envelope_id: 'envelope-2' });
    const [post] = await standIn.waitForCalls('chat.postMessage');
    expect(post?.params).toMatchObject({ channel: 'C0GENERAL', thread_ts: event.ts });
    expect(textsOf(post?.params ?? {}).join('\n')).toContain('public service mutual');

    const redelivered = nextMessage(socket);
    socket.send(JSON.stringify({ envelope_id: 'envelope-3', type: 'events_api', payload, accepts_response_payload: false, retry_attempt: 1, retry_reason: 'timeout' }));
    expect(await redelivered).toMatchObject({ envelope_id: 'envelope-3' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(standIn.apiCalls.filter((call) => call.method === 'chat.postMessage')).toHaveLength(1);
    expect(harness.questionLog.records.filter((record) => record.type === 'question' && record.via === 'mention')).toHaveLength(1);
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
