import { describe, expect, it } from 'vitest';
import { formatQuestionLogBench, measureQuestionLogWrites } from '../../bench/question-log-postgres.js';
import { skipWithoutPostgres } from '../support/postgres-server.js';

// npm run bench:question-log at a tiny size: it must run against a real server and give a figure
// for every configuration. Timings are never asserted.
describe.skipIf(skipWithoutPostgres())('npm run bench:question-log (smoke)', () => {
  it('measures each batch size with one and two writers, and formats a table', async () => {
    const lines: string[] = [];
    const results = await measureQuestionLogWrites({ records: 300, runs: 1, batchSizes: [1, 100], writers: [1, 2], log: (line) => lines.push(line) });
    expect(results.server).toMatch(/^PostgreSQL \d+/);
    expect(results.rows.map((row) => [row.batchSize, row.writers, row.records])).toEqual([
      [1, 1, 300],
      [100, 1, 300],
      [1, 2, 600],
      [100, 2, 600],
    ]);
    for (const row of results.rows) {
      expect(row.recordsPerSecond).toBeGreaterThan(0);
      expect(row.recordMicroseconds).toBeGreaterThanOrEqual(0);
    }
    expect(lines).toHaveLength(4);
    expect(formatQuestionLogBench(results).split('\n')).toHaveLength(4 + results.rows.length);
  }, 60_000);
});
