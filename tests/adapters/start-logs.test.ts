import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, collectOutput, compiledStart, repoPath, spawnInScratch, spawnScript, waitForOutput } from '../support/processes.js';
import { tempFolders } from '../support/fixture-knowledge.js';

// LOG_FORMAT=json: every line npm start writes to its log (stderr) is one JSON object from pino.

const temp = tempFolders();
const makeTemp = temp.make;
afterAll(temp.removeAll);

const fakeToken = 'xoxb-FAKE-LogFormat-TOKEN-0001';

/** Every line of a log, parsed; fails on any line that is not one JSON object with time, level and msg. */
function parseJsonLines(log: string): { level: string; time: string; msg: string }[] {
  return log
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const record = JSON.parse(line) as { level: string; time: string; msg: string };
      expect(record).toMatchObject({
        level: expect.stringMatching(/^(info|warn|error)$/),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        msg: expect.any(String),
      });
      return record;
    });
}

describe('npm start with LOG_FORMAT=json', () => {
  it('writes every log line as one JSON object with time, level and msg, Node warnings included, secrets redacted', async () => {
    const knowledge = join(makeTemp('rtp-logs-knowledge-'), 'knowledge');
    cpSync(repoPath('tests/fixtures/knowledge-small'), knowledge, { recursive: true });
    const bot = spawnInScratch(process.execPath, ['--import', repoPath('tests/fixtures/warn-on-sigusr2.mjs'), repoPath(compiledStart)], {
      env: cleanEnv({ LOG_FORMAT: 'json', HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1', KNOWLEDGE_DIR: knowledge, DATA_DIR: makeTemp('rtp-logs-data-') }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const done = collectOutput(bot, 60_000);
    await waitForOutput(bot, /rtp> /);
    bot.kill('SIGUSR2');
    await waitForOutput(bot, /a stand-in warning/);
    // A file whose name is a token: the reload problem names the file, redacted.
    writeFileSync(join(knowledge, 'entries', `${fakeToken}.md`), '---\ntitle: [unclosed\n---\nBody\n');
    await waitForOutput(bot, /knowledge not reloaded/, 10_000);
    bot.stdin!.write('What is green tea?\n');
    await waitForOutput(bot, /Sources:[\s\S]*rtp> /);
    bot.kill('SIGTERM');
    const result = await done;
    expect(result.exitCode).toBe(0);

    const records = parseJsonLines(result.stderr);
    const messages = records.map((record) => record.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^health: serving \/healthz/),
        expect.stringMatching(/^no Slack or Discord settings found, so starting the console/),
        'node: Warning: a stand-in warning from a library',
        expect.stringMatching(/^knowledge not reloaded: 1 problem/),
        'SIGTERM received: finishing work in flight, then stopping',
      ]),
    );
    expect(records.find((record) => record.msg.startsWith('node: Warning'))?.level).toBe('warn');
    expect(messages.some((message) => message.includes('[redacted].md'))).toBe(true);
    expect(result.stderr).not.toContain(fakeToken);
    // The console itself (stdout) is for the person at the terminal, not the log pipeline.
    expect(result.stdout).toMatch(/As of [^:]+: /);
  }, 60_000);

  it('reports a failure at start-up as a JSON line too', async () => {
    const run = spawnScript(compiledStart, { LOG_FORMAT: 'json', KNOWLEDGE_DIR: repoPath('tests/fixtures/knowledge-broken'), DATA_DIR: makeTemp('rtp-logs-data-') });
    expect(await run.exited).toBe(1);
    const records = parseJsonLines(run.output());
    expect(records.at(-1)).toMatchObject({ level: 'error', msg: expect.stringMatching(/^rtp-bot: the knowledge files have \d+ problems?:\n/) });
  });

  it('refuses a LOG_FORMAT it does not know, naming it, in a human line', async () => {
    const run = spawnScript(compiledStart, { LOG_FORMAT: 'xml', DATA_DIR: makeTemp('rtp-logs-data-') });
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(
      /^\S+Z error rtp-bot: the operations settings are not usable:\n {2}LOG_FORMAT: must be "human" \(the default: one readable line per event\) or "json"/m,
    );
    expect(run.output()).not.toContain('xml');
  });

  it.each(['human', 'json'])(
    'stops on SIGTERM even when nobody reads its log any more (LOG_FORMAT=%s, no EPIPE loop)',
    async (format) => {
      const bot = spawnInScratch(process.execPath, [repoPath(compiledStart)], {
        env: cleanEnv({ LOG_FORMAT: format, DATA_DIR: makeTemp('rtp-logs-data-') }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => bot.once('exit', resolve));
      try {
        await waitForOutput(bot, /rtp> /);
        // The reader of the log goes away, as when a parent is killed: every later log line fails with EPIPE.
        bot.stderr!.destroy();
        bot.kill('SIGTERM');
        const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
        expect(code).toBe(0);
      } finally {
        bot.kill('SIGKILL');
      }
    },
    30_000,
  );
});
