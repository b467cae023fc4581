import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/fixture-knowledge.js';
import { runCli } from '../../support/processes.js';
import { readLogLines } from '../../support/question-log-lines.js';

describe('npm run ask records every question in the question log', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());
  const records = () => readLogLines<Record<string, unknown>>(temp.dir);
  const env = () => ({ KNOWLEDGE_DIR: 'tests/fixtures/knowledge-small', DATA_DIR: temp.dir });

  it('for one question and for a batch, as platform cli via command, without any asker', async () => {
    const single = await runCli('adapters/cli/ask.ts', ['--json', 'What is green tea?'], { env: env() });
    expect(single.code).toBe(0);
    const batch = await runCli('adapters/cli/ask.ts', ['--json'], { env: env(), input: 'squeaky chain\nwhat is the capital of France\n' });
    expect(batch.code).toBe(0);
    expect(
      records().map((record) => [record.type, record.platform, record.via, record.question, record.status, record.entryId, 'asker' in record, 'followedFrom' in record]),
    ).toEqual([
      ['question', 'cli', 'command', 'What is green tea?', 'answered', 'green-tea', false, false],
      ['question', 'cli', 'command', 'squeaky chain', 'answered', 'bike-chain', false, false],
      ['question', 'cli', 'command', 'what is the capital of France', 'no_match', null, false, false],
    ]);
  });

  it('reports wrong log settings by name and exits 2', async () => {
    const result = await runCli('adapters/cli/ask.ts', ['What is green tea?'], { env: { ...env(), QUESTION_LOG_HASH_ASKERS: 'true' } });
    expect(result.stderr).toContain('QUESTION_LOG_SALT: must be a secret random string');
    expect(result.code).toBe(2);
  });
});
