import { describe, expect, it } from 'vitest';
import { killLeftoverChildren, spawnInScratch } from './processes.js';

const exitOf = (child: ReturnType<typeof spawnInScratch>): Promise<NodeJS.Signals | null> => new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

describe('killLeftoverChildren', () => {
  it('kills the children still running, and only those', async () => {
    const done = spawnInScratch(process.execPath, ['-e', '']);
    await exitOf(done);
    const hanging = spawnInScratch(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    const ended = exitOf(hanging);
    expect(killLeftoverChildren()).toBe(1);
    expect(await ended).toBe('SIGKILL');
    expect(killLeftoverChildren()).toBe(0);
  });
});
