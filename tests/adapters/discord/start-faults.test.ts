import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultKnowledgeDir } from '../../../adapters/shared/settings.js';
import { tempFolders } from '../../support/fixture-knowledge.js';
import { compiledStart, spawnScript, stopScript, type SpawnedScript } from '../../support/processes.js';
import { chatInputInteraction, fromUser, startStandInDiscord, type RecordedRequest, type StandInDiscord } from './stand-in-discord.js';
import { readLogLines } from '../../support/question-log-lines.js';

// `npm start` (node dist/adapters/start.js) with Discord pointed at the stand-in, under faults.

const applicationId = '1000000000000000010';
const token = 'MTAwMDAwMDAwMDAwMDAwMDEw.Faults.not-a-real-token';
// "A few seconds" to stop.
const stopWithinMs = 5_000;

let standIn: StandInDiscord;
let running: SpawnedScript | undefined;
const folders = tempFolders();

beforeAll(async () => {
  standIn = await startStandInDiscord({ applicationId });
});
afterEach(async () => {
  standIn.delayResponses(0);
  if (running) await stopScript(running);
  running = undefined;
});
afterAll(async () => {
  folders.removeAll();
  await standIn?.close();
});

/** Starts npm start against the stand-in and waits until it is answering. */
async function startBot(dataDir: string): Promise<SpawnedScript> {
  const before = standIn.sessions.filter((session) => session.identify).length;
  const bot = spawnScript(compiledStart, {
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: applicationId,
    DISCORD_API_URL: standIn.apiUrl,
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: defaultKnowledgeDir,
  });
  running = bot;
  await standIn.waitForIdentify(before + 1);
  await expect.poll(() => bot.output(), { timeout: 10_000 }).toMatch(/Discord started/);
  return bot;
}

const callbackPath = (interaction: { id: string; token: string }): string => `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`;

/** The questions of the records in a JSON Lines question log. */
const loggedQuestions = (dataDir: string): string[] => readLogLines<{ question: string }>(dataDir).map((record) => record.question);

describe('npm start with Discord, stopped in the middle of a burst', () => {
  it('on SIGTERM turns new interactions away, finishes those in flight, writes a log record for each one answered, and exits 0 within seconds', async () => {
    const dataDir = folders.make('rtp-discord-data-');
    const bot = await startBot(dataDir);
    // Slow replies, so that interactions are still in flight when the signal comes.
    const replyDelayMs = 1_000;
    standIn.delayResponses(replyDelayMs);

    // Distinct members, so the rate limit (default 10 a minute) plays no part.
    const burst = Array.from({ length: 120 }, (_, index) =>
      fromUser(chatInputInteraction(applicationId, 'rtp', `What is the Right to Provide? burst ${index}`), String(1_000_000_000_000_100_000n + BigInt(index))),
    );
    const paths = new Map(burst.map((interaction) => [callbackPath(interaction), interaction]));
    const callbacks = (): RecordedRequest[] => standIn.requests.filter((request) => paths.has(request.path));
    for (const interaction of burst) standIn.dispatch('INTERACTION_CREATE', interaction);
    await expect.poll(() => callbacks().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(20);

    const signalled = performance.now();
    bot.child.kill('SIGTERM');
    await expect.poll(() => bot.output(), { timeout: 5_000 }).toMatch(/SIGTERM received/);
    const late = Array.from({ length: 10 }, (_, index) => chatInputInteraction(applicationId, 'rtp', `What is the Right to Request? late ${index}`));
    for (const interaction of late) standIn.dispatch('INTERACTION_CREATE', interaction);

    const exitCode = await bot.exited;
    const stoppedAfterMs = performance.now() - signalled;
    expect(exitCode, bot.output()).toBe(0);
    expect(stoppedAfterMs).toBeLessThan(stopWithinMs);
    // It waited for the slow replies in flight rather than dropping them.
    expect(stoppedAfterMs).toBeGreaterThan(replyDelayMs / 2);
    expect(bot.output()).toMatch(/SIGTERM received[\s\S]*stopped\n/);

    const answered = callbacks().map((request) => (request.body as { data: { embeds: { description?: string }[] } }).data);
    expect(answered.length).toBeGreaterThanOrEqual(20);
    // Each a reply from the engine (the numbered questions may not match an entry), never an apology.
    for (const data of answered) expect(data.embeds[0]?.description).toMatch(/^(As of |I don't have information)/);
    const answeredQuestions = callbacks().map((request) => (paths.get(request.path)?.data as { options: { value: string }[] }).options[0]?.value);
    // Exactly one record for every interaction answered, and none for one that was not.
    expect(loggedQuestions(dataDir).sort()).toEqual(answeredQuestions.sort());
    for (const interaction of late) expect(standIn.requests.some((request) => request.path === callbackPath(interaction))).toBe(false);
  }, 30_000);
});

describe('npm start with Discord, when the question log cannot be written', () => {
  it('keeps answering, logs exactly one warning, and still stops cleanly', async () => {
    // DATA_DIR under a regular file: no folder can be made there, whoever runs the tests (root included).
    const blocker = join(folders.make('rtp-discord-blocked-'), 'a-file');
    writeFileSync(blocker, 'not a folder\n');
    const bot = await startBot(join(blocker, 'data'));

    for (const index of [1, 2, 3]) {
      const interaction = fromUser(chatInputInteraction(applicationId, 'rtp', 'What is a public service mutual?'), `100000000000000030${index}`);
      const callback = standIn.waitForRequest((request) => request.path === callbackPath(interaction));
      standIn.dispatch('INTERACTION_CREATE', interaction);
      expect(((await callback).body as { data: { embeds: { description?: string }[] } }).data.embeds[0]?.description).toMatch(/^As of /);
      // Let each answer's background write fail before the next, so the one warning covers several failures.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await expect.poll(() => bot.output(), { timeout: 5_000 }).toMatch(/question log: cannot write/);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output().match(/question log: cannot write/g)).toHaveLength(1);
    expect(bot.output()).toMatch(/^\S+ warn question log: cannot write to .*a-file\/data \(.*\); questions are still answered/m);
    expect(bot.output()).not.toMatch(/\n\s+at /);
  }, 30_000);
});
