import { describe, expect, it } from 'vitest';
import { createConversationMemory } from '../../../adapters/shared/conversations.js';

describe('createConversationMemory', () => {
  it('recalls the last entry of each conversation, separately', async () => {
    const memory = createConversationMemory();
    expect(await memory.recall('a')).toBeNull();
    await memory.remember('a', 'right-to-provide');
    await memory.remember('b', 'right-to-request');
    await memory.remember('a', 'circle-hinchingbrooke');
    expect(await memory.recall('a')).toBe('circle-hinchingbrooke');
    expect(await memory.recall('b')).toBe('right-to-request');
  });

  it('forgets a conversation once it has been silent for the time to live, counted from its last answer', async () => {
    let time = 0;
    const memory = createConversationMemory({ ttlMs: 1_000, now: () => time });
    await memory.remember('a', 'one');
    time = 900;
    await memory.remember('a', 'two');
    time = 1_800;
    expect(await memory.recall('a')).toBe('two');
    time = 1_900;
    expect(await memory.recall('a')).toBeNull();
    expect(memory.size).toBe(0);
  });

  it('holds at most maxConversations, forgetting the one answered longest ago', async () => {
    const memory = createConversationMemory({ maxConversations: 2 });
    await memory.remember('a', '1');
    await memory.remember('b', '2');
    // Answering "a" again makes "b" the stalest.
    await memory.remember('a', '3');
    await memory.remember('c', '4');
    expect(memory.size).toBe(2);
    expect(await memory.recall('b')).toBeNull();
    expect(await memory.recall('a')).toBe('3');
    expect(await memory.recall('c')).toBe('4');
  });

  it('stays bounded under a flood of conversations', async () => {
    const memory = createConversationMemory({ maxConversations: 100 });
    for (let index = 0; index < 10_000; index += 1) await memory.remember(`k${index}`, 'x');
    expect(memory.size).toBe(100);
    expect(await memory.recall('k9999')).toBe('x');
    expect(await memory.recall('k0')).toBeNull();
  });
});
