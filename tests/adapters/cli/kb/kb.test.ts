import { describe, expect, it } from 'vitest';
import { runCli } from '../../../support/processes.js';

describe('npm run kb', () => {
  it("lists every command, the maintainers' loop included, in one aligned column", async () => {
    const result = await runCli('adapters/cli/kb.ts', ['help']);
    const commands = result.stdout.split('\n').filter((line) => /^ {2}\w/.test(line));
    expect(commands.map((line) => line.trim().split(/\s+/)[0])).toEqual(['check', 'verify', 'eval', 'train', 'new', 'gaps', 'suggest', 'stale', 'report', 'stats', 'log']);
    // Each summary starts in the same column, two spaces after the longest name.
    expect(new Set(commands.map((line) => line.length - line.replace(/^ {2}\w+ +/, '').length))).toEqual(new Set(['  suggest  '.length]));
    expect(result.code).toBe(0);
  });
});
