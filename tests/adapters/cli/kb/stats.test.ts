import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../support/processes.js';

const dataDir = mkdtempSync(join(tmpdir(), 'rtp-kb-stats-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run kb -- stats', () => {
  it('counts entries, sources, phrasings and per-source coverage', async () => {
    const result = await runCli('adapters/cli/kb.ts', ['stats', '--knowledge', 'tests/fixtures/knowledge-small'], { env: { DATA_DIR: dataDir } });
    expect(result.stdout).toBe(
      [
        'entries:         4',
        'sources:         3',
        'phrasings:       12 (3.0 per entry)',
        'distinct tags:   18',
        'synonym groups:  2',
        '',
        'entries citing each source:',
        '  tea-guide         2',
        '  bike-manual       2',
        '  unused-almanac    0  (cited by no entry)',
        '',
        `question log:    0 questions, 0 ratings (${dataDir})`,
        '',
      ].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  it('gives JSON, and exits 3 with file:line messages on invalid knowledge', async () => {
    const json = await runCli('adapters/cli/kb.ts', ['stats', '--knowledge', 'tests/fixtures/knowledge-small', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      entries: 4,
      sources: 3,
      phrasings: 12,
      coverage: [
        { id: 'tea-guide', entries: 2 },
        { id: 'bike-manual', entries: 2 },
        { id: 'unused-almanac', entries: 0 },
      ],
    });
    expect(JSON.parse(json.stdout).questionLog).toMatchObject({ questions: expect.any(Number), feedback: expect.any(Number), corrupt: expect.any(Number) });
    const broken = await runCli('adapters/cli/kb.ts', ['stats', '--knowledge', 'tests/fixtures/knowledge-broken']);
    expect(broken.stderr).toContain('tests/fixtures/knowledge-broken/sources.yaml:8: "id" must be unique');
    expect(broken.code).toBe(3);
  });

  it("counts the question log's questions and ratings, and the corrupt lines it skips", async () => {
    const log = join(dataDir, 'counted.jsonl');
    const question = {
      type: 'question',
      time: '2026-01-01T00:00:00.000Z',
      platform: 'slack',
      answerId: 'a1',
      question: 'q',
      status: 'no_match',
      entryId: null,
      score: null,
      confidence: null,
    };
    const feedback = { type: 'feedback', time: '2026-01-01T00:00:01.000Z', platform: 'slack', answerId: 'a1', entryId: null, rating: 'down' };
    writeFileSync(log, [question, { ...question, answerId: 'a2' }, feedback].map((record) => JSON.stringify(record)).join('\n') + '\n{"type":"quest\n');
    const result = await runCli('adapters/cli/kb.ts', ['stats', '--knowledge', 'tests/fixtures/knowledge-small', '--log', log]);
    expect(result.stdout).toContain(`question log:    2 questions, 1 rating, 1 corrupt line skipped (${log})`);
    const json = await runCli('adapters/cli/kb.ts', ['stats', '--knowledge', 'tests/fixtures/knowledge-small', '--log', log, '--json']);
    expect(JSON.parse(json.stdout).questionLog).toEqual({ path: log, questions: 2, feedback: 1, corrupt: 1 });
  });
});
