import type { ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { describe, expect, it } from 'vitest';
import { expectWellFormedAnswer } from '../support/answer-schema.js';
import { cleanEnv, collectOutput, compiledStart, nodeCommand, nodeWithTsx, repoPath, spawnInScratch, waitForOutput } from '../support/processes.js';
import { runWithFakeSecrets } from '../support/secret-scan.js';

// "A few seconds" to stop: the child is killed and the test fails if it takes longer.
const stopWithinMs = 5_000;

/** Starts what `npm start` runs (or a fixture around it), with stdin left open, as a terminal or a service manager would. */
function startBot(script = compiledStart, env: Record<string, string> = {}): ChildProcess {
  const [command, args] = nodeCommand(script);
  return spawnInScratch(command, args, { env: cleanEnv({ KNOWLEDGE_DIR: repoPath('knowledge'), ...env }) });
}

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('npm start in console mode (no platform settings)', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`exits 0 on ${signal} while waiting for a question`, async () => {
      const bot = startBot();
      const done = collectOutput(bot, stopWithinMs + 15_000);
      await waitForOutput(bot, /rtp> /);
      const signalled = Date.now();
      bot.kill(signal);
      const result = await done;
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr).toContain(`${signal} received`);
      expect(Date.now() - signalled).toBeLessThan(stopWithinMs);
    });
  }

  it('answers questions until it is stopped, then exits 0', async () => {
    const bot = startBot();
    const done = collectOutput(bot);
    await waitForOutput(bot, /rtp> /);
    bot.stdin!.write('What is the Right to Provide?\n');
    await waitForOutput(bot, /Sources:[\s\S]*rtp> /);
    bot.kill('SIGTERM');
    const result = await done;
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/As of [^:]+: /);
  });
});

describe('npm start with a platform (a stand-in on 127.0.0.1)', () => {
  it('on SIGTERM stops taking work, finishes the request in flight, and exits 0; nothing secret or stack-like printed', async () => {
    let inFlight: Promise<{ status: number; body: string }> | undefined;
    let afterStop: Promise<unknown> | undefined;
    const scan = await runWithFakeSecrets(...nodeWithTsx('tests/fixtures/start-with-stand-in-platform.ts'), {
      env: { KNOWLEDGE_DIR: repoPath('knowledge') },
      timeoutMs: 20_000,
      whileRunning: async (bot) => {
        const [, port] = await waitForOutput(bot, /listening on port (\d+)/);
        const base = `http://127.0.0.1:${port}/ask`;
        inFlight = fetchText(`${base}?q=${encodeURIComponent('Who can use the Right to Request?')}&delayMs=1500`);
        await waitForOutput(bot, /request received/);
        bot.kill('SIGTERM');
        await waitForOutput(bot, /SIGTERM received/);
        afterStop = fetchText(`${base}?q=late`).then(
          () => 'answered',
          (error: NodeJS.ErrnoException) => error.code,
        );
      },
    });
    expect(scan.exitCode, scan.output).toBe(0);
    const response = await inFlight!;
    expect(response.status).toBe(200);
    expect(expectWellFormedAnswer(JSON.parse(response.body)).question).toBe('Who can use the Right to Request?');
    // Refused, or reset if it was accepted in the instant before the listener closed: either way, not answered.
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain(await afterStop);
    expect(scan.stderr).toMatch(/SIGTERM received[\s\S]*stopped\n/);
    expect(scan.leaks).toEqual([]);
    expect(scan.stackLines).toEqual([]);
  });

  for (const fault of ['throw-later', 'reject-later']) {
    it(`survives a stray ${fault === 'throw-later' ? 'exception' : 'rejected promise'} with one plain log line, and still answers and stops cleanly`, async () => {
      const bot = startBot('tests/fixtures/start-with-stand-in-platform.ts', { STAND_IN_FAULT: fault });
      const done = collectOutput(bot);
      // One wait for both lines: the failure comes 50 ms after listening, possibly in the same chunk of output.
      const [, port] = await waitForOutput(bot, /listening on port (\d+)[\s\S]*unexpected failure \(still running\)/);
      const response = await fetchText(`http://127.0.0.1:${port}/ask?q=${encodeURIComponent('what is a mutual')}`);
      expect(response.status).toBe(200);
      bot.kill('SIGTERM');
      const result = await done;
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stderr.match(/unexpected failure/g)).toHaveLength(1);
      expect(result.stderr).not.toMatch(/^\s+at\s/m);
    });
  }

  it('a second signal, a second or more after the first, ends a stop that hangs, with exit code 1', async () => {
    const bot = startBot('tests/fixtures/start-with-stand-in-platform.ts', { STAND_IN_FAULT: 'hang-on-stop' });
    const done = collectOutput(bot, stopWithinMs + 15_000);
    await waitForOutput(bot, /listening on port/);
    bot.kill('SIGTERM');
    await waitForOutput(bot, /SIGTERM received/);
    // The same signal relayed (npm, a process group) arrives within milliseconds and is not a second request.
    bot.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    bot.kill('SIGINT');
    const result = await done;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/SIGINT received again: stopping now/);
  });
});
