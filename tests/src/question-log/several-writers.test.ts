import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, nodeWithTsx, runCli, runProcess } from '../../support/processes.js';
import { readLogLines } from '../../support/question-log-lines.js';

const dataDir = mkdtempSync(join(tmpdir(), 'rtp-log-writers-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const perWriter = 6_000;
// Each burst is one background batch of about 500 KiB: a single appendFile of one would be cut into 512 KiB writes.
const burst = 1_200;
const padding = 'x'.repeat(400);

describe('the JSON Lines question log, shared by several processes', () => {
  it('keeps every line whole when two processes each append thousands of records to one DATA_DIR at once, and kb gaps and kb stats read them all', async () => {
    // Both start writing at the same moment, whenever each finished loading.
    const startAt = String(Date.now() + 3_000);
    const writers = ['alpha', 'beta'].map((tag) =>
      runProcess(...nodeWithTsx('tests/fixtures/write-question-log.ts', [dataDir, tag, String(perWriter), String(burst), startAt]), { env: cleanEnv(), timeoutMs: 60_000 }),
    );
    for (const result of await Promise.all(writers)) expect(result.exitCode, result.stderr).toBe(0);

    const records = readLogLines<{ question: string }>(dataDir);
    expect(records).toHaveLength(2 * perWriter);
    const seen = new Map<string, number>();
    for (const record of records) {
      const [tag, index, rest] = record.question.split(' ');
      expect(rest).toBe(padding);
      seen.set(`${tag} ${index}`, (seen.get(`${tag} ${index}`) ?? 0) + 1);
    }
    // Every record of each writer, exactly once.
    expect(seen.size).toBe(2 * perWriter);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);

    const gaps = await runCli('adapters/cli/kb.ts', ['gaps', '--json'], { env: { DATA_DIR: dataDir } });
    expect(gaps.code, gaps.stderr).toBe(0);
    expect(JSON.parse(gaps.stdout)).toMatchObject({ asked: 2 * perWriter, corrupt: [] });
    const stats = await runCli('adapters/cli/kb.ts', ['stats', '--json'], { env: { DATA_DIR: dataDir } });
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).questionLog).toEqual({ path: dataDir, questions: 2 * perWriter, feedback: 0, corrupt: 0 });
  }, 90_000);
});
