import { describe, expect, it } from 'vitest';
import { askInConversation, createConversationMemory } from '../../../adapters/shared/conversations.js';
import { createAnswerer, type Answerer, type AskOptions } from '../../../src/index.js';
import { clarifyAnswer } from '../../support/answers.js';
import { defaultKnowledgeDir } from '../../../adapters/shared/settings.js';

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

describe('askInConversation', () => {
  const real = createAnswerer(defaultKnowledgeDir);
  // Notes what the adapter passed as `previous`, and can stand in a clarification for chosen questions.
  const spy = (clarifies: (question: string) => boolean = () => false) => {
    const calls: (string | null | undefined)[] = [];
    const answerer: Answerer = {
      ...real,
      knowledge: real.knowledge,
      ask: (question: string, options?: Partial<AskOptions>) => {
        calls.push(options?.previous);
        return clarifies(question) ? clarifyAnswer({ question, suggestions: real.starters(2) }) : real.ask(question);
      },
    };
    return { answerer, calls };
  };

  it('passes the previous answer of the same conversation, and only of that one', async () => {
    const { answerer, calls } = spy();
    const memory = createConversationMemory();
    const first = await askInConversation(answerer, 'What is the Right to Provide?', memory, 'thread-1');
    expect(first.status).toBe('answered');
    await askInConversation(answerer, 'Who can use it?', memory, 'thread-1');
    await askInConversation(answerer, 'Who can use it?', memory, 'thread-2');
    expect(calls).toEqual([null, 'right-to-provide', null]);
  });

  it('moves on only when answered: a decline or a clarification keeps the earlier topic', async () => {
    const { answerer, calls } = spy((question) => question.startsWith('unclear'));
    const memory = createConversationMemory();
    await askInConversation(answerer, 'What is the Right to Provide?', memory, 't');
    await askInConversation(answerer, 'What is the boiling point of mercury?', memory, 't');
    await askInConversation(answerer, 'unclear: what is the Right to Request?', memory, 't');
    await askInConversation(answerer, 'And who can use it?', memory, 't');
    expect(calls).toEqual([null, 'right-to-provide', 'right-to-provide', 'right-to-provide']);
  });
});
