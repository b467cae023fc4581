import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledStart, nodeCommand, repoPath, waitForOutput } from '../../support/processes.js';
import { fakeSecrets, runWithFakeSecrets, type SecretScan } from '../../support/secret-scan.js';
import { chatInputInteraction, startStandInDiscord, type RecordedRequest, type StandInDiscord } from './stand-in-discord.js';

// npm start with a recognisable fake Discord token (and asker-hashing salt), provoked into every kind of
// error the Discord side can meet; all it prints is searched for any 12-character piece of a secret and
// for stack-trace lines (tests/support/secret-scan.ts).

const applicationId = '1000000000000000010';
// Only Discord's secrets: with the Slack ones set, npm start would start the Slack adapter as well.
const secrets = { DISCORD_TOKEN: fakeSecrets.DISCORD_TOKEN, QUESTION_LOG_SALT: fakeSecrets.QUESTION_LOG_SALT };

let standIn: StandInDiscord;

beforeAll(async () => {
  standIn = await startStandInDiscord({ applicationId });
});
afterAll(async () => {
  await standIn?.close();
});

const env = () => ({
  DISCORD_APPLICATION_ID: applicationId,
  DISCORD_API_URL: standIn.apiUrl,
  KNOWLEDGE_DIR: repoPath('knowledge'),
  QUESTION_LOG_HASH_ASKERS: 'true',
});

const startBot = (whileRunning: (child: ChildProcess) => Promise<void>) =>
  runWithFakeSecrets(...nodeCommand(compiledStart), { secrets, env: env(), timeoutMs: 30_000, whileRunning });

function expectClean(scan: SecretScan): void {
  expect(scan.leaks, scan.output).toEqual([]);
  expect(scan.stackLines, scan.output).toEqual([]);
}

const callbackPath = (interaction: { id: string; token: string }): string => `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;

/** Dispatches an interaction and waits until `count` callbacks for it have arrived. */
async function dispatch(interaction: { id: string; token: string }, count = 1): Promise<void> {
  const isCallback = (request: RecordedRequest): boolean => request.path === callbackPath(interaction);
  standIn.dispatch('INTERACTION_CREATE', interaction);
  await expect.poll(() => standIn.requests.filter(isCallback).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(count);
}

describe('npm start with a fake Discord token, provoked into errors', () => {
  it('REST 401 and 500, a handler error and a 4004 gateway close: all reported in plain lines, no secret, no stack', async () => {
    const scan = await startBot(async (child) => {
      const before = standIn.sessions.filter((session) => session.identify).length;
      await waitForOutput(child, /Discord started/);
      expect((await standIn.waitForIdentify(before + 1)).identify?.token).toBe(fakeSecrets.DISCORD_TOKEN);

      const unauthorised = chatInputInteraction(applicationId, 'rtp', 'What is the Right to Provide?');
      standIn.failNext((request) => request.path === callbackPath(unauthorised), 401, { body: { message: '401: Unauthorized', code: 0 } });
      await dispatch(unauthorised, 2);

      const failing = chatInputInteraction(applicationId, 'rtp', 'What is the Right to Request?');
      for (let index = 0; index < 6; index += 1) standIn.failNext((request) => request.path === callbackPath(failing), 500);
      await dispatch(failing, 6);

      // A malformed command (question sent as a number) makes the handler itself throw.
      const malformed = chatInputInteraction(applicationId, 'rtp', 'x');
      const numberForText = { ...malformed, data: { ...(malformed.data as object), options: [{ name: 'question', type: 4, value: 42 }] } };
      await dispatch(numberForText);

      standIn.sessions.at(-1)?.socket.close(4004);
      await waitForOutput(child, /disconnected for good/);
      child.kill('SIGTERM');
    });
    expect(scan.exitCode, scan.output).toBe(0);
    expect(scan.stderr).toMatch(/error discord: command \d+ failed: 401: Unauthorized/);
    expect(scan.stderr).toMatch(/error discord: command \d+ failed: Internal Server Error/);
    expect(scan.stderr).toMatch(/warn discord: could not send the apology for command \d+ either: Internal Server Error/);
    expect(scan.stderr).toMatch(/error discord: command \d+ failed: .*question/);
    expect(scan.stderr).toMatch(/close code 4004/);
    expectClean(scan);
  });

  it('a token refused at start-up (REST 401, or gateway close 4004): exit 2 naming DISCORD_TOKEN, no secret, no stack', async () => {
    for (const refuse of [
      () => standIn.failNext((request) => request.path === '/api/v10/gateway/bot', 401, { body: { message: '401: Unauthorized', code: 0 } }),
      () => standIn.refuseNextIdentify(4004),
    ]) {
      refuse();
      const scan = await runWithFakeSecrets(...nodeCommand(compiledStart), { secrets, env: env(), timeoutMs: 30_000, input: '' });
      expect(scan.exitCode, scan.output).toBe(2);
      expect(scan.stderr).toMatch(/DISCORD_TOKEN: was refused by Discord/);
      expectClean(scan);
    }
  });
});
