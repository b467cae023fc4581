import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledStart, spawnScript } from '../support/processes.js';
import { freePort } from '../support/redis-server.js';

// What npm start says when it cannot start: every bad setting at once, and the same words for an
// unreachable Slack, Discord or Redis. Nothing here reaches a real service: every address is a closed loopback port.

const dataDir = mkdtempSync(join(tmpdir(), 'rtp-start-settings-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs npm start (compiled) with these settings to its end. */
async function startWith(settings: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const run = spawnScript(compiledStart, { DATA_DIR: dataDir, ...settings });
  const code = await run.exited;
  return { code, output: run.output() };
}

const malformedSlackToken = 'FAKE-malformed-slack-token-1234';
const malformedDiscordToken = 'FAKE-malformed-discord-token-5678';

describe('npm start with bad settings on several platforms', () => {
  it('names a malformed Slack token and a malformed Discord token in one message', async () => {
    const { code, output } = await startWith({
      SLACK_BOT_TOKEN: malformedSlackToken,
      SLACK_SIGNING_SECRET: 'stand-in-signing-secret',
      DISCORD_TOKEN: malformedDiscordToken,
      DISCORD_APPLICATION_ID: '1000000000000000010',
    });
    expect(code).toBe(2);
    expect(output.match(/ error /g)).toHaveLength(1);
    expect(output).toMatch(/rtp-bot: the Slack and Discord settings are not usable:\n {2}SLACK_BOT_TOKEN: must be .*\n {2}DISCORD_TOKEN: does not look like a bot token/);
    expect(output).not.toContain(malformedSlackToken);
    expect(output).not.toContain(malformedDiscordToken);
  });

  it("lists npm start's own settings with the platforms', each once, with no value", async () => {
    const { code, output } = await startWith({
      SLACK_BOT_TOKEN: malformedSlackToken,
      DISCORD_TOKEN: malformedDiscordToken,
      HEALTH_PORT: 'ninety',
      LOG_FORMAT: 'yaml',
      REDIS_URL: 'http://:pass-in-the-wrong-url@127.0.0.1:6379',
      RATE_LIMIT_PER_MINUTE: 'ten',
    });
    expect(code).toBe(2);
    expect(output).toContain('rtp-bot: the operations, Slack and Discord settings are not usable:');
    const named = [...output.matchAll(/^ {2}([A-Z_]+): /gm)].map((match) => match[1]);
    expect(named.sort()).toEqual(
      ['DISCORD_APPLICATION_ID', 'DISCORD_TOKEN', 'HEALTH_PORT', 'LOG_FORMAT', 'RATE_LIMIT_PER_MINUTE', 'REDIS_URL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'].sort(),
    );
    for (const value of [malformedSlackToken, malformedDiscordToken, 'ninety', 'yaml', 'pass-in-the-wrong-url']) expect(output).not.toContain(value);
  });
});

describe('npm start when a service cannot be reached', () => {
  // The same sentence for each: "could not reach <service> at <SETTING>; check the network (<why>)."
  const unreachable = (service: string, setting: string) =>
    new RegExp(`error rtp-bot: could not reach ${service} at ${setting}; check the network \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)\\.\\n`);

  it('explains an unreachable Slack and an unreachable Discord the same way, exit code 1', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/api`;
    const [slack, discord] = await Promise.all([
      startWith({ SLACK_BOT_TOKEN: 'xoxb-FAKE-stand-in-token-0001', SLACK_SIGNING_SECRET: 'stand-in-signing-secret', PORT: '0', HOST: '127.0.0.1', SLACK_API_URL: `${closed}/` }),
      startWith({ DISCORD_TOKEN: 'MTAwMDAwMDAwMDAwMDAwMDEw.Unreach.not-a-real-token-value', DISCORD_APPLICATION_ID: '1000000000000000010', DISCORD_API_URL: closed }),
    ]);
    expect(slack.code).toBe(1);
    expect(slack.output).toMatch(unreachable('the Slack Web API', 'SLACK_API_URL'));
    expect(discord.code).toBe(1);
    expect(discord.output).toMatch(unreachable('the Discord API', 'DISCORD_API_URL'));
    expect(`${slack.output}${discord.output}`).not.toMatch(/something went wrong|\n\s+at /);
  }, 60_000);

  it('stops with one error naming REDIS_URL, without its password, when Redis is unreachable', async () => {
    const { code, output } = await startWith({ REDIS_URL: `redis://:a-redis-password-9999@127.0.0.1:${await freePort()}` });
    expect(code).toBe(1);
    expect(output.match(/ error /g)).toHaveLength(1);
    expect(output).toMatch(
      /error rtp-bot: could not connect to Redis at REDIS_URL \(connect ECONNREFUSED 127\.0\.0\.1:\d+\); check that Redis is running and that REDIS_URL is right/,
    );
    expect(output).not.toContain('a-redis-password-9999');
  });
});
