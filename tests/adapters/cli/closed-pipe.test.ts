import { describe, expect, it } from 'vitest';
import { collectOutput, nodeWithTsx, spawnInScratch } from '../../support/processes.js';

describe('a CLI whose reader goes away (`… | head`)', () => {
  it.each([
    ['ask', 'adapters/cli/ask.ts', ['What is the Right to Provide?']],
    ['kb', 'adapters/cli/kb.ts', ['stats']],
  ])('%s ends quietly, with no stack trace about the broken pipe', async (_name, script, args) => {
    const [command, commandArgs] = nodeWithTsx(script, args);
    const child = spawnInScratch(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader closes before the script has written anything, so its first write meets a closed pipe.
    child.stdout?.destroy();
    const result = await collectOutput(child);
    expect(result.stderr).not.toMatch(/EPIPE|at .*\.ts:\d+/);
    expect(result.exitCode).toBe(0);
  });
});
