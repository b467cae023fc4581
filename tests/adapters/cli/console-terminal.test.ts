import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFixtureKnowledge, makeTempDir } from '../../support/fixture-knowledge.js';
import { collectOutput, nodeWithTsx } from '../../support/processes.js';
import { renderScreen } from '../../support/terminal-screen.js';

// script(1) from util-linux runs a command in a real pseudo-terminal, so the console runs as a person sees it.
const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const quote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;

describe.skipIf(!hasScript)('npm run ask: the console in a real terminal', () => {
  let knowledge: ReturnType<typeof copyFixtureKnowledge>;
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    knowledge = copyFixtureKnowledge();
    temp = makeTempDir('rtp-console-pty-');
  });
  afterEach(() => {
    knowledge.remove();
    temp.remove();
  });

  it('logs a knowledge reload above the prompt, then draws the prompt again with the half-typed question', async () => {
    const [node, args] = nodeWithTsx('adapters/cli/ask.ts');
    const child = spawn('script', ['-qfec', [node, ...args].map(quote).join(' '), '/dev/null'], {
      cwd: temp.dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm', NO_COLOR: '1', KNOWLEDGE_DIR: knowledge.dir, DATA_DIR: join(temp.dir, 'data') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    const finished = collectOutput(child, 60_000);
    const waitFor = async (test: () => boolean, what: string): Promise<void> => {
      for (let waited = 0; !test(); waited += 50) {
        if (waited > 30_000 || child.exitCode !== null) throw new Error(`no ${what} in:\n${JSON.stringify(seen)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await waitFor(() => seen.includes('rtp> '), 'prompt');
      child.stdin.write('who are the co-op');
      await waitFor(() => seen.includes('who are the co-op'), 'echo of the typed text');
      appendFileSync(join(knowledge.dir, 'entries', 'right-to-provide.md'), '\nOne more sentence.\n');
      await waitFor(() => /knowledge reloaded: 3 entries[\s\S]*rtp> who are the co-op/.test(seen), 'reload log followed by the prompt');
      const screen = renderScreen(seen).filter((line) => line !== '');
      expect(screen.at(-2)).toMatch(/^\S+ info knowledge reloaded: 3 entries$/);
      expect(screen.at(-1)).toBe('rtp> who are the co-op');
      // Ctrl-U clears the line; then leave.
      child.stdin.write('\u0015quit\r');
      const result = await finished;
      expect(result.exitCode).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
