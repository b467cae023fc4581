import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useKnowledgeCopy } from '../../support/fixture-knowledge.js';
import { cleanEnv, nodeCommand, runProcess } from '../../support/processes.js';

// The compiled one-shot answer, as people and the benchmark run it (the test run builds dist/ first).
const ask = (question: string, env: Record<string, string>) =>
  runProcess(...nodeCommand('dist/adapters/cli/ask.js', ['--json', question]), { env: cleanEnv(env), timeoutMs: 15_000 });

describe('the knowledge cache of a one-shot answer (node dist/adapters/cli/ask.js)', () => {
  const copy = useKnowledgeCopy();
  const settings = (extra: Record<string, string> = {}) => ({ KNOWLEDGE_DIR: copy.knowledge, DATA_DIR: join(copy.dir, 'data'), ...extra });
  const cacheDir = () => join(copy.dir, 'data', 'cache');
  const question = 'What is green tea?';

  it('is kept in DATA_DIR/cache by default and answers exactly as with no cache, first and warm', async () => {
    const uncached = await ask(question, settings({ KNOWLEDGE_CACHE_DIR: 'off' }));
    expect(uncached.exitCode).toBe(0);
    expect(readdirSync(join(copy.dir, 'data'))).not.toContain('cache');
    const first = await ask(question, settings());
    expect(readdirSync(cacheDir()).sort()).toEqual([expect.stringMatching(/^index-[0-9a-f]{64}\.bin$/), expect.stringMatching(/^knowledge-[0-9a-f]{64}\.json$/)]);
    const warm = await ask(question, settings());
    for (const run of [first, warm]) expect(run).toMatchObject({ exitCode: 0, stdout: uncached.stdout, stderr: '' });
  });

  it('follows an edit to a knowledge file on the next start', async () => {
    await ask(question, settings());
    const before = readdirSync(cacheDir()).sort();
    const file = join(
      copy.knowledge,
      'entries',
      readdirSync(join(copy.knowledge, 'entries')).find((name) => name.startsWith('green-tea'))!,
    );
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^questions:\n/m, 'questions:\n  - Which drink goes with a zanzibarquokka?\n'));
    const edited = await ask('Which drink goes with a zanzibarquokka?', settings());
    expect(JSON.parse(edited.stdout)).toMatchObject({ entryId: 'green-tea' });
    const after = readdirSync(cacheDir()).sort();
    expect(after).toHaveLength(2);
    expect(after.filter((name) => before.includes(name))).toEqual([]);
  });

  it('rebuilds a damaged cache with a one-line note, and never answers from it', async () => {
    const good = await ask(question, settings());
    for (const name of readdirSync(cacheDir())) writeFileSync(join(cacheDir(), name), readFileSync(join(cacheDir(), name), 'utf8').replace(/tea/g, 'tee'));
    const damaged = await ask(question, settings());
    expect(damaged.exitCode).toBe(0);
    expect(damaged.stdout).toBe(good.stdout);
    expect(damaged.stderr.trim().split('\n')).toEqual([expect.stringContaining(`knowledge cache in ${cacheDir()} was damaged: rebuilt it`)]);
    expect(await ask(question, settings())).toMatchObject({ stdout: good.stdout, stderr: '' });
  });

  it('still answers, the same, when the cache folder cannot be made', async () => {
    const good = await ask(question, settings({ KNOWLEDGE_CACHE_DIR: 'off' }));
    const inTheWay = join(copy.dir, 'a-file');
    writeFileSync(inTheWay, 'not a folder');
    const blocked = await ask(question, settings({ KNOWLEDGE_CACHE_DIR: join(inTheWay, 'cache') }));
    expect(blocked).toMatchObject({ exitCode: 0, stdout: good.stdout, stderr: '' });
  });

  // Node's own recursive mkdir retries for ever under /proc; neither the cache nor the question log may wait on it.
  it.runIf(existsSync('/proc/self'))('still answers, the same, when the data folder is under /proc, with one warning from the question log', async () => {
    const good = await ask(question, settings({ KNOWLEDGE_CACHE_DIR: 'off' }));
    const proc = await ask(question, settings({ DATA_DIR: '/proc/rtp-bot-test/data' }));
    expect(proc).toMatchObject({ exitCode: 0, stdout: good.stdout });
    expect(proc.stderr.trim().split('\n')).toEqual([expect.stringMatching(/question log: cannot write to \/proc\/rtp-bot-test\/data \(ENOENT/)]);
  });
});
