import type { ChildProcess } from 'node:child_process';
import { cpSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, collectOutput, compiledStart, nodeCommand, repoPath, spawnInScratch, spawnScript, stopScript, waitForOutput, type SpawnedScript } from '../support/processes.js';
import { tempFolders } from '../support/fixture-knowledge.js';
import { chatInputInteraction, startStandInDiscord, type StandInDiscord } from './discord/stand-in-discord.js';
import { buttonClickBody, buttonsOf, commandBody, postToApp, testBotToken, testSigningSecret } from './slack/slack-requests.js';
import { startStandInSlack, type StandInSlack } from './slack/stand-in-slack.js';

// npm start (the compiled dist/adapters/start.js) with HEALTH_PORT: /healthz, /readyz and /metrics, in each mode.

const temp = tempFolders();
const makeTemp = temp.make;
let running: SpawnedScript | undefined;
let console_: ChildProcess | undefined;
let slack: StandInSlack | undefined;
let discord: StandInDiscord | undefined;
afterEach(async () => {
  if (running) await stopScript(running);
  running = undefined;
  if (console_?.exitCode === null) console_.kill('SIGKILL');
  await slack?.close();
  slack = undefined;
  await discord?.close();
  discord = undefined;
});
afterAll(temp.removeAll);

const health = { HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1' };
const healthUrl = /health: serving \/healthz, \/readyz and \/metrics at (http:\/\/127\.0\.0\.1:\d+)/;

async function get(url: string, init?: RequestInit): Promise<{ status: number; type: string; text: string; json: () => Record<string, unknown> }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** One sample's value from Prometheus text, by its name and exact label set as printed. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The names in every `# TYPE` line. */
const families = (metrics: string): string[] => [...metrics.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!);

describe('npm start with HEALTH_PORT, in console mode', () => {
  it('serves /healthz, /readyz (503 with a reason while the knowledge on disk is invalid) and exactly the listed metrics, with no question text', async () => {
    const knowledge = join(makeTemp('rtp-health-knowledge-'), 'knowledge');
    cpSync(repoPath('tests/fixtures/knowledge-small'), knowledge, { recursive: true });
    const [command, args] = nodeCommand(compiledStart);
    console_ = spawnInScratch(command, args, { env: cleanEnv({ ...health, KNOWLEDGE_DIR: knowledge, DATA_DIR: makeTemp('rtp-health-data-') }), stdio: ['pipe', 'pipe', 'pipe'] });
    const done = collectOutput(console_, 60_000);
    const [, base] = await waitForOutput(console_, healthUrl);
    await waitForOutput(console_, /rtp> /);

    expect(await get(`${base}/healthz`)).toMatchObject({ status: 200, type: expect.stringMatching(/^application\/json/) });
    expect((await get(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await get(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    const before = await get(`${base}/metrics`);
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(
      families(before.text)
        .filter((name) => name.startsWith('rtp_'))
        .sort(),
    ).toEqual(
      [
        'rtp_answer_seconds',
        'rtp_feedback_total',
        'rtp_knowledge_entries',
        'rtp_knowledge_reloads_total',
        'rtp_question_log_dropped_total',
        'rtp_question_log_pending',
        'rtp_questions_total',
        'rtp_rate_limited_total',
      ].sort(),
    );
    // Node's default process metrics, and nothing else of ours.
    expect(families(before.text)).toEqual(
      expect.arrayContaining(['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']),
    );
    expect(families(before.text).every((name) => /^(rtp|process|nodejs)_/.test(name))).toBe(true);
    expect(sample(before.text, 'rtp_knowledge_entries')).toBe(4);
    expect(sample(before.text, 'rtp_answer_seconds_count')).toBe(0);

    console_.stdin!.write('What is green tea?\n');
    await waitForOutput(console_, /Sources:[\s\S]*rtp> /);
    const after = (await get(`${base}/metrics`)).text;
    // One answered question, at whatever confidence the engine gave it (that is the engine's business, not the metric's).
    expect(after.match(/^rtp_questions_total\{platform="cli",status="answered",confidence="(?:high|medium|low)"\} 1$/gm)).toHaveLength(1);
    expect(sample(after, 'rtp_answer_seconds_count')).toBe(1);
    expect(after.toLowerCase()).not.toContain('green tea');

    // An invalid edit: still healthy (the previous knowledge answers), but not ready, and counted.
    const broken = join(knowledge, 'entries', 'broken.md');
    writeFileSync(broken, '---\ntitle: [unclosed\n---\nBody\n');
    await waitForOutput(console_, /knowledge not reloaded/, 10_000);
    const notReady = await get(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(notReady.json()).toEqual({
      status: 'not ready',
      reason: expect.stringMatching(/^knowledge not valid: the last reload found 1 problem \(see the log\); still answering from the previous 4 entries$/),
    });
    expect((await get(`${base}/healthz`)).status).toBe(200);
    expect(sample((await get(`${base}/metrics`)).text, 'rtp_knowledge_reloads_total{result="failure"}')).toBe(1);
    unlinkSync(broken);
    await waitForOutput(console_, /knowledge reloaded: 4 entries/, 10_000);
    expect((await get(`${base}/readyz`)).status).toBe(200);
    expect(sample((await get(`${base}/metrics`)).text, 'rtp_knowledge_reloads_total{result="success"}')).toBe(1);

    expect((await get(`${base}/nowhere`)).status).toBe(404);
    expect((await get(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
    console_.kill('SIGTERM');
    expect((await done).exitCode).toBe(0);
  }, 60_000);

  it('stops with one error naming HEALTH_PORT when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as { port: number }).port);
      running = spawnScript(compiledStart, { HEALTH_PORT: port, HEALTH_HOST: '127.0.0.1', DATA_DIR: makeTemp('rtp-health-data-') });
      expect(await running.exited).toBe(1);
      expect(running.output()).toMatch(new RegExp(`error rtp-bot: could not serve health checks on 127\\.0\\.0\\.1 port ${port} \\(EADDRINUSE\\); choose a free HEALTH_PORT`));
    } finally {
      taken.close();
    }
  });
});

describe('npm start with HEALTH_PORT and Slack over HTTP', () => {
  it('is ready once Slack listens, and counts refused questions and ratings by platform, never naming a user', async () => {
    slack = await startStandInSlack();
    running = spawnScript(compiledStart, {
      ...health,
      SLACK_BOT_TOKEN: testBotToken,
      SLACK_SIGNING_SECRET: testSigningSecret,
      PORT: '0',
      HOST: '127.0.0.1',
      SLACK_API_URL: slack.apiUrl,
      RATE_LIMIT_PER_MINUTE: '1',
      DATA_DIR: makeTemp('rtp-health-data-'),
    });
    const [, base = ''] = await running.waitFor(healthUrl);
    const [, url = ''] = await running.waitFor(/ready at (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/);
    await running.waitFor(/Slack started/);
    expect((await get(`${base}/readyz`)).json()).toEqual({ status: 'ready' });

    const ask = async () => {
      const responseUrl = slack!.newResponseUrl();
      const reply = slack!.nextPost(responseUrl);
      await postToApp(url, commandBody({ text: 'What is the Right to Provide?', responseUrl, userId: 'U0METRICSUSER' }));
      return { reply: await reply, responseUrl };
    };
    const first = await ask();
    await ask();
    const up = buttonsOf(first.reply).find((button) => button.action_id === 'rtp_feedback_up')!;
    const thanks = slack.nextPost(first.responseUrl);
    await postToApp(url, buttonClickBody(up, { responseUrl: first.responseUrl, userId: 'U0METRICSUSER' }));
    await thanks;

    const metrics = (await get(`${base}/metrics`)).text;
    expect(sample(metrics, 'rtp_questions_total{platform="slack",status="answered",confidence="high"}')).toBe(1);
    expect(sample(metrics, 'rtp_rate_limited_total{platform="slack"}')).toBe(1);
    expect(sample(metrics, 'rtp_feedback_total{platform="slack",vote="up"}')).toBe(1);
    expect(sample(metrics, 'rtp_feedback_total{platform="slack",vote="down"}')).toBe(0);
    for (const secret of ['U0METRICSUSER', 'Right to Provide', testBotToken, testSigningSecret]) expect(metrics).not.toContain(secret);
  }, 60_000);
});

describe('npm start with HEALTH_PORT and Discord', () => {
  const applicationId = '1000000000000000010';
  const token = 'MTAwMDAwMDAwMDAwMDAwMDEw.Health.not-a-real-token';

  it('is ready while the gateway is connected, and 503 with the reason once Discord closes it for good', async () => {
    discord = await startStandInDiscord({ applicationId });
    running = spawnScript(compiledStart, {
      ...health,
      DISCORD_TOKEN: token,
      DISCORD_APPLICATION_ID: applicationId,
      DISCORD_API_URL: discord.apiUrl,
      DATA_DIR: makeTemp('rtp-health-data-'),
    });
    const [, base = ''] = await running.waitFor(healthUrl);
    const session = await discord.waitForIdentify(1);
    await running.waitFor(/Discord started/);
    expect((await get(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
    // Questions still arrive and are counted under discord.
    const interaction = chatInputInteraction(applicationId, 'rtp', 'What is the Right to Request?');
    const callback = discord.waitForRequest((request) => request.path.endsWith(`/${interaction.token}/callback`));
    discord.dispatch('INTERACTION_CREATE', interaction, session);
    await callback;
    await expect.poll(async () => sample((await get(`${base}/metrics`)).text, 'rtp_questions_total{platform="discord",status="answered",confidence="high"}')).toBe(1);

    // 4004: the token was reset; discord.js will not reconnect.
    session.socket.close(4004);
    await expect.poll(async () => (await get(`${base}/readyz`)).status, { timeout: 10_000 }).toBe(503);
    expect((await get(`${base}/readyz`)).json()).toEqual({ status: 'not ready', reason: 'Discord is not connected' });
    expect((await get(`${base}/healthz`)).status).toBe(200);
  }, 60_000);
});
