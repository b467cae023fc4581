import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listCodeBlocks } from '../support/markdown.js';
import { cliEnvironment, repoPath, repoRoot, runProcess } from '../support/processes.js';

// The README's first screen: what a newcomer sees before scrolling. Its commands must run as written.
const firstScreenLines = 40;
const readme = readFileSync(repoPath('README.md'), 'utf8');
const blocks = listCodeBlocks(readme);
const shellBlocks = blocks.filter(({ info }) => ['sh', 'shell', 'bash', 'console'].includes(info));

/** Each command of a shell block: one per line, `a && b` as two, comments dropped. */
const commandsOf = (content: string): string[] =>
  content
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .flatMap((line) => line.split('&&').map((command) => command.trim()));

const commands = shellBlocks.flatMap(({ content }) => commandsOf(content));
const askCommands = commands.filter((command) => /^npm run ask -- "[^"]+"$/.test(command));
// What this test checks without running: npm ci installs (CI runs it on a fresh clone) and
// npm test is the suite this test belongs to, so running either here would recurse or reinstall.
const notRunHere = ['npm ci', 'npm test'];

/**
 * The first run of `sample` lines that is not in `output`: the sample is the
 * output with parts left out, each marked by a line holding only "…"; every
 * other run of lines must appear as it is, in order. `null` when all do.
 */
function firstMissingRun(sample: string, output: string): string | null {
  const lines = output.split('\n').map((line) => line.trimEnd());
  const runs = sample
    .trimEnd()
    .split(/^…$/m)
    .map((run) => run.split('\n').map((line) => line.trimEnd()))
    .map((run) => run.slice(run.findIndex((line) => line !== '')))
    .map((run) => run.slice(0, run.findLastIndex((line) => line !== '') + 1))
    .filter((run) => run.length > 0);
  let from = 0;
  for (const run of runs) {
    let at = from;
    while (at + run.length <= lines.length && run.some((line, offset) => lines[at + offset] !== line)) at += 1;
    if (at + run.length > lines.length) return run.join('\n');
    from = at + run.length;
  }
  return null;
}

describe('the README', () => {
  it('stays a front door of about two screens: under 6 KB, the rest in guides', () => {
    // A figure, a setting table or a walk-through belongs in a guide (docs/development.md#documentation).
    expect(Buffer.byteLength(readme)).toBeLessThan(6 * 1024);
  });
});

describe("the README's Quick start", () => {
  it('is on the first screen, and shows only commands this test knows how to check', () => {
    expect(shellBlocks.length).toBeGreaterThan(0);
    expect(shellBlocks[0]?.line).toBeLessThanOrEqual(firstScreenLines);
    expect(
      commands.filter((command) => !notRunHere.includes(command) && !askCommands.includes(command)),
      'commands with no check here: add one',
    ).toEqual([]);
    expect(commands).toEqual(expect.arrayContaining(['npm ci', 'npm test', 'npm run ask -- "What is the Right to Provide?"']));
  });

  it('shows the commands CI runs on a fresh clone: npm ci, then npm test', () => {
    const ci = readFileSync(repoPath('.ci/run'), 'utf8');
    expect(ci).toMatch(/^\s*(if !\s+)?npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(ci.indexOf('npm ci')).toBeLessThan(ci.indexOf('\nnpm test'));
    const scripts = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test).toMatch(/vitest run/);
    expect(scripts.ask).toBeDefined();
  });

  it.each(askCommands)(
    'runs `%s` as written, and prints an answer that the sample under it matches',
    async (command) => {
      // Through npm and a shell, as a newcomer types it, from the repository, with none of the developer's settings.
      const run = await runProcess('sh', ['-c', command], { cwd: repoRoot, env: cliEnvironment({ npm_config_update_notifier: 'false' }), timeoutMs: 60_000 });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^As of [^:]+: /m);
      expect(run.stdout).toMatch(/^Sources:\n {2}- /m);
      if (command !== askCommands[0]) return;
      const shellAt = blocks.findIndex((block) => block === shellBlocks[0]);
      const sample = blocks.slice(shellAt + 1).find(({ info }) => info === 'text');
      expect(sample, 'a ```text block with a sample of the answer, after the Quick start').toBeDefined();
      expect(firstMissingRun(sample?.content ?? '', run.stdout), 'these sample lines are not in the real output').toBeNull();
    },
    90_000,
  );
});

describe('firstMissingRun', () => {
  const output = 'title\n\nline one\nline two\nline three\n\nSources:\n  - a\n';

  it('accepts runs of lines in order, with "…" for what is left out', () => {
    expect(firstMissingRun('title\n\nline one\n…\nSources:\n  - a\n', output)).toBeNull();
  });

  it('returns the first run that is not in the output as it is', () => {
    expect(firstMissingRun('title\n…\nline one\nline three\n', output)).toBe('line one\nline three');
    expect(firstMissingRun('Sources:\n…\ntitle\n', output)).toBe('title');
    expect(firstMissingRun('line two changed\n', output)).toBe('line two changed');
  });
});
