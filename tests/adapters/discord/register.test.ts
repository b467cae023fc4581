import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../adapters/discord/register.js';
import { spawnScript } from '../../support/processes.js';
import { startStandInDiscord, type StandInDiscord } from './stand-in-discord.js';

const applicationId = '1000000000000000010';
const guildId = '1000000000000000000';
const token = 'MTAwMDAwMDAwMDAwMDAwMDEw.Register.recognisable-secret-value';

let standIn: StandInDiscord;
beforeAll(async () => {
  standIn = await startStandInDiscord({ applicationId });
});
afterAll(async () => {
  await standIn?.close();
});

async function register(env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    env,
    (text) => (out += text),
    (text) => (err += text),
  );
  return { code, out, err };
}

// Both install types (0 server, 1 user) and every context (0 server, 1 the bot's DM, 2 private channels).
const everywhere = { integration_types: [0, 1], contexts: [0, 1, 2] };

const expectedCommand = (name: string) => ({
  name,
  description: expect.stringMatching(/Right to Provide/),
  options: [
    { type: 3, name: 'question', description: expect.any(String), required: true, max_length: 500, autocomplete: true },
    { type: 5, name: 'public', description: expect.any(String), required: false },
  ],
  ...everywhere,
});

const expectedMenu = (name: string) => ({ name, type: 3, ...everywhere });

describe('npm run discord:register', () => {
  it('PUTs both commands, installable either way and usable everywhere, to the guild route when DISCORD_GUILD_ID is set, and says what it registered', async () => {
    const { code, out, err } = await register({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: standIn.apiUrl });
    expect(err).toBe('');
    expect(code).toBe(0);
    const put = standIn.requests.filter((request) => request.method === 'PUT').at(-1);
    expect(put?.path).toBe(`/api/v10/applications/${applicationId}/guilds/${guildId}/commands`);
    expect(put?.headers.authorization).toBe(`Bot ${token}`);
    expect(put?.body).toEqual([expect.objectContaining(expectedCommand('rtp')), expect.objectContaining(expectedMenu('Ask rtp-bot'))]);
    expect(out).toMatch(new RegExp(`Registered 2 commands in server ${guildId}`));
    expect(out).toMatch(/for server and user installs/);
    expect(out).toMatch(/\/rtp \(id \d+\)/);
    expect(out).toMatch(/"Ask rtp-bot" \(id \d+\): in a message's menu, under Apps/);
    expect(out).toMatch(/question: required, up to 500 characters, autocomplete/);
    expect(out).not.toContain('recognisable-secret-value');
  });

  it('registers globally without DISCORD_GUILD_ID, under the DISCORD_COMMAND and DISCORD_MENU_COMMAND names', async () => {
    const { code, out } = await register({
      DISCORD_TOKEN: token,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_COMMAND: 'mutuals',
      DISCORD_MENU_COMMAND: 'Ask about mutuals',
      DISCORD_API_URL: standIn.apiUrl,
    });
    expect(code).toBe(0);
    const put = standIn.requests.filter((request) => request.method === 'PUT').at(-1);
    expect(put?.path).toBe(`/api/v10/applications/${applicationId}/commands`);
    expect(put?.body).toEqual([expect.objectContaining(expectedCommand('mutuals')), expect.objectContaining(expectedMenu('Ask about mutuals'))]);
    expect(out).toMatch(/globally/);
  });

  it('explains a refused token without printing it', async () => {
    standIn.failNext((request) => request.method === 'PUT', 401);
    const { code, out, err } = await register({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: standIn.apiUrl });
    expect(code).toBe(1);
    expect(err).toMatch(/Discord refused DISCORD_TOKEN/);
    expect(out + err).not.toContain('recognisable-secret-value');
  });

  it('explains a server the bot was not invited to', async () => {
    standIn.failNext((request) => request.method === 'PUT', 403);
    const { code, err } = await register({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: standIn.apiUrl });
    expect(code).toBe(1);
    expect(err).toMatch(/applications\.commands/);
  });

  it('as a script, lists every missing setting in one message and exits 2, never printing the token', async () => {
    const script = spawnScript('adapters/discord/register.ts', { DISCORD_TOKEN: `Bot ${token}`, DISCORD_API_URL: standIn.apiUrl });
    expect(await script.exited).toBe(2);
    const output = script.output();
    expect(output).toMatch(/the Discord settings are not usable/);
    expect(output).toMatch(/DISCORD_TOKEN: must be the token alone/);
    expect(output).toMatch(/DISCORD_APPLICATION_ID: is missing/);
    expect(output).not.toContain('recognisable-secret-value');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
