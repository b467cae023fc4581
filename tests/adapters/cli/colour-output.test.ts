import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/fixture-knowledge.js';
import { runCli } from '../../support/processes.js';

// Every command's output here goes to a pipe, as it would to a file or another program.
const knowledge = 'tests/fixtures/knowledge-small';
const commands: [string, string, string[], string?][] = [
  ['ask, one question', 'adapters/cli/ask.ts', ['How do I brew black tea?']],
  ['ask, declined', 'adapters/cli/ask.ts', ['what is the capital of France']],
  ['ask, batch', 'adapters/cli/ask.ts', [], 'Why does my chain squeak?\nwhat is the capital of France\n'],
  ['ask help', 'adapters/cli/ask.ts', ['help']],
  ['eval', 'adapters/cli/eval.ts', ['--knowledge', knowledge, '--eval-dir', 'tests/fixtures/eval-splits']],
  ['kb check', 'adapters/cli/kb.ts', ['check', '--knowledge', 'tests/fixtures/knowledge-broken']],
  ['kb gaps', 'adapters/cli/kb.ts', ['gaps']],
  ['kb stats', 'adapters/cli/kb.ts', ['stats', '--knowledge', knowledge]],
];
// eslint-disable-next-line no-control-regex -- looking for escape codes is the point
const escape = /\u001b/;

describe('colour codes in output that is not a terminal', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    temp = makeTempDir('rtp-colour-');
  });
  afterAll(() => temp.remove());
  const run = (script: string, args: string[], input: string | undefined, env: Record<string, string>) =>
    runCli(script, args, { input, env: { KNOWLEDGE_DIR: knowledge, DATA_DIR: temp.dir, ...env } });

  it('are never written to a pipe by any ask, eval or kb command', async () => {
    // NO_COLOR empty counts as unset: nothing but the pipe keeps the colour out.
    const results = await Promise.all(commands.map(([, script, args, input]) => run(script, args, input, { NO_COLOR: '' })));
    results.forEach((result, index) => {
      const [name] = commands[index]!;
      expect(result.stdout.length, name).toBeGreaterThan(0);
      expect(escape.test(result.stdout), `${name} stdout`).toBe(false);
      expect(escape.test(result.stderr), `${name} stderr`).toBe(false);
    });
  }, 120_000);

  it('are written with FORCE_COLOR=1, and not with NO_COLOR=1', async () => {
    const picked = commands.filter(([name]) => ['ask, one question', 'ask, declined', 'eval', 'kb check'].includes(name));
    const forced = await Promise.all(picked.map(([, script, args, input]) => run(script, args, input, { NO_COLOR: '', FORCE_COLOR: '1' })));
    forced.forEach((result, index) => expect(escape.test(result.stdout), picked[index]![0]).toBe(true));
    const off = await run('adapters/cli/ask.ts', ['How do I brew black tea?'], undefined, { NO_COLOR: '1' });
    expect(off.stdout).toContain('How to brew black tea');
    expect(escape.test(off.stdout)).toBe(false);
  }, 120_000);
});
