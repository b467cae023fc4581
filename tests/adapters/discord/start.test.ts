import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempFolders } from '../../support/fixture-knowledge.js';
import { compiledStart, spawnScript, stopScript, type SpawnedScript } from '../../support/processes.js';
import { chatInputInteraction, startStandInDiscord, type StandInDiscord } from './stand-in-discord.js';
import { readLogLines } from '../../support/question-log-lines.js';

// The real entry points, as processes: `npm start` and the sharding manager, against the stand-in.

const applicationId = '1000000000000000010';
const token = 'MTAwMDAwMDAwMDAwMDAwMDEw.Start.recognisable-secret-value';

let standIn: StandInDiscord;
let running: SpawnedScript | undefined;
const folders = tempFolders();

beforeAll(async () => {
  standIn = await startStandInDiscord({ applicationId });
});
afterEach(async () => {
  if (running) await stopScript(running);
  running = undefined;
});
afterAll(async () => {
  folders.removeAll();
  await standIn?.close();
});

async function askThrough(sessionIndex: number): Promise<{ title?: string }> {
  const interaction = chatInputInteraction(applicationId, 'rtp', 'What is the Right to Request?');
  const callback = standIn.waitForRequest((request) => request.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`);
  standIn.dispatch('INTERACTION_CREATE', interaction, standIn.sessions[sessionIndex]);
  const body = (await callback).body as { data: { embeds: { title?: string }[] } };
  return body.data.embeds[0] ?? {};
}

describe('npm start with Discord settings', () => {
  it('connects to the gateway, answers /rtp, and stops cleanly on SIGTERM', async () => {
    const before = standIn.sessions.length;
    running = spawnScript(compiledStart, { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_API_URL: standIn.apiUrl });
    const session = await standIn.waitForIdentify(before + 1);
    expect(session.identify?.intents).toBe(1);
    expect((await askThrough(before)).title).toMatch(/Right to Request/);
    await expect.poll(() => running?.output() ?? '', { timeout: 5_000 }).toMatch(/Discord started/);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toContain('recognisable-secret-value');
  });

  it('refuses to start with one clear message naming each bad setting, exit code 2, no token and no stack trace', async () => {
    running = spawnScript(compiledStart, { DISCORD_TOKEN: `Bot ${token}`, DISCORD_COMMAND: 'Ask Me', DISCORD_API_URL: standIn.apiUrl });
    expect(await running.exited).toBe(2);
    const output = running.output();
    expect(output).toMatch(/the Discord settings are not usable/);
    for (const setting of ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_COMMAND']) expect(output).toContain(`${setting}:`);
    expect(output).not.toContain('recognisable-secret-value');
    expect(output).not.toMatch(/\n\s+at /);
  });
});

describe('the sharding entry point (npm run shard: compiled, plain node)', () => {
  it('asks the configured API for the shard count, runs each shard in its own process, answers, and records to the question log', async () => {
    const before = standIn.sessions.length;
    const dataDir = folders.make();
    running = spawnScript('dist/adapters/discord/shard.js', {
      DISCORD_TOKEN: token,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_API_URL: standIn.apiUrl,
      DISCORD_SHARDS: 'auto',
      DATA_DIR: dataDir,
    });
    const session = await standIn.waitForIdentify(before + 1);
    expect(session.identify?.shard).toEqual([0, 1]);
    expect((await askThrough(before)).title).toMatch(/Right to Request/);
    await expect.poll(() => running?.output() ?? '', { timeout: 10_000 }).toMatch(/all 1 shard ready/);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toContain('recognisable-secret-value');
    // A shard writes to the same JSON Lines log as npm start, so its questions reach `kb gaps`.
    const records = readLogLines<{ platform: string; type: string }>(dataDir);
    expect(records).toContainEqual(expect.objectContaining({ type: 'question', platform: 'discord' }));
  }, 40_000);
});
