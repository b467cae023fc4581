import { describe, expect, it } from 'vitest';
import { runCli } from '../../../support/processes.js';

describe('npm run kb -- stats', () => {
  it('counts entries, sources, phrasings and per-source coverage', async () => {
    const result = await runCli('adapters/cli/kb.ts', ['stats', '--knowledge', 'tests/fixtures/knowledge-small']);
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
      ].join('\n'),
    );
    expect(result.code).toBe(0);
  });

  it('gives JSON, and exits 3 with file:line messages on invalid knowledge', async () => {
    const json = await runCli('adapters/cli/kb.ts', ['stats', '--knowledge', 'tests/fixtures/knowledge-small', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ entries: 4, sources: 3, phrasings: 12, coverage: [{ id: 'tea-guide', entries: 2 }, { id: 'bike-manual', entries: 2 }, { id: 'unused-almanac', entries: 0 }] });
    const broken = await runCli('adapters/cli/kb.ts', ['stats', '--knowledge', 'tests/fixtures/knowledge-broken']);
    expect(broken.stderr).toContain('tests/fixtures/knowledge-broken/sources.yaml:8: "id" must be unique');
    expect(broken.code).toBe(3);
  });
});
