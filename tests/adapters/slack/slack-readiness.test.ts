import { afterEach, describe, expect, it } from 'vitest';
import { startSlackApp, type RunningSlackApp } from '../../../adapters/slack/app.js';
import { startStandInSlack, type StandInSlack } from './stand-in-slack.js';
import { createTestContext, httpSettings } from './test-context.js';

// RunningPlatform.isConnected, which /readyz asks: over HTTP, listening; over Socket Mode, the WebSocket open.

let standIn: StandInSlack | undefined;
let running: RunningSlackApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await standIn?.close();
  standIn = undefined;
});

describe('whether the Slack app says it is connected', () => {
  it('over HTTP: while it listens, and not once stopped', async () => {
    standIn = await startStandInSlack();
    const app = await startSlackApp(httpSettings(standIn.apiUrl), createTestContext().context);
    expect(app.isConnected()).toBe(true);
    await app.stop();
    expect(app.isConnected()).toBe(false);
  });

  it('over Socket Mode: while the WebSocket is open, not while it reconnects, and again once it has', async () => {
    standIn = await startStandInSlack();
    const first = standIn.nextSocket();
    running = await startSlackApp({ ...httpSettings(standIn.apiUrl), signingSecret: undefined, appToken: 'xapp-1-A0STANDIN-000-FAKEappTOKENvalue' }, createTestContext().context);
    const socket = await first;
    await expect.poll(() => running!.isConnected()).toBe(true);
    const second = standIn.nextSocket(10_000);
    // Slack drops the connection (as it does for a refresh); the client reconnects by itself.
    socket.terminate();
    await expect.poll(() => running!.isConnected()).toBe(false);
    await second;
    await expect.poll(() => running!.isConnected(), { timeout: 10_000 }).toBe(true);
    await running.stop();
    expect(running.isConnected()).toBe(false);
    running = undefined;
  }, 30_000);
});
