import { describe, expect, it } from 'vitest';
import { askInConversation, createConversationMemory } from '../../../adapters/shared/conversations.js';
import { createAnswerer, type Answer, type Answerer, type AskOptions } from '../../../src/index.js';
import { defaultKnowledgeDir } from '../../../adapters/shared/settings.js';

describe('createConversationMemory', () => {
  it('recalls the last entry of each conversation, separately', () => {
    const memory = createConversationMemory();
    expect(memory.recall('a')).toBeNull();
    memory.remember('a', 'right-to-provide');
    memory.remember('b', 'right-to-request');
    memory.remember('a', 'circle-hinchingbrooke');
    expect(memory.recall('a')).toBe('circle-hinchingbrooke');
    expect(memory.recall('b')).toBe('right-to-request');
  });

  it('forgets a conversation once it has been silent for the time to live, counted from its last answer', () => {
    let time = 0;
    const memory = createConversationMemory({ ttlMs: 1_000, now: () => time });
    memory.remember('a', 'one');
    time = 900;
    memory.remember('a', 'two');
    time = 1_800;
    expect(memory.recall('a')).toBe('two');
    time = 1_900;
    expect(memory.recall('a')).toBeNull();
    expect(memory.size).toBe(0);
  });

  it('holds at most maxConversations, forgetting the one answered longest ago', () => {
    const memory = createConversationMemory({ maxConversations: 2 });
    memory.remember('a', '1');
    memory.remember('b', '2');
    // Answering "a" again makes "b" the stalest.
    memory.remember('a', '3');
    memory.remember('c', '4');
    expect(memory.size).toBe(2);
    expect(memory.recall('b')).toBeNull();
    expect(memory.recall('a')).toBe('3');
    expect(memory.recall('c')).toBe('4');
  });

  it('stays bounded under a flood of conversations', () => {
    const memory = createConversationMemory({ maxConversations: 100 });
    for (let index = 0; index < 10_000; index += 1) memory.remember(`k${index}`, 'x');
    expect(memory.size).toBe(100);
    expect(memory.recall('k9999')).toBe('x');
    expect(memory.recall('k0')).toBeNull();
  });
});

describe('askInConversation', () => {
  const real = createAnswerer(defaultKnowledgeDir);
  // Notes what the adapter passed as `previous`, and can stand in a status the engine does not produce yet.
  const spy = (statusFor: (question: string) => Answer['status'] | null = () => null) => {
    const calls: (string | null | undefined)[] = [];
    const answerer: Answerer = {
      ...real,
      knowledge: real.knowledge,
      ask: (question: string, options?: Partial<AskOptions>) => {
        calls.push(options?.previous);
        const answer = real.ask(question);
        const status = statusFor(question);
        return status ? { ...answer, status, entryId: status === 'answered' ? answer.entryId : null } : answer;
      },
    };
    return { answerer, calls };
  };

  it('passes the previous answer of the same conversation, and only of that one', () => {
    const { answerer, calls } = spy();
    const memory = createConversationMemory();
    const first = askInConversation(answerer, 'What is the Right to Provide?', memory, 'thread-1');
    expect(first.status).toBe('answered');
    askInConversation(answerer, 'Who can use it?', memory, 'thread-1');
    askInConversation(answerer, 'Who can use it?', memory, 'thread-2');
    expect(calls).toEqual([null, 'right-to-provide', null]);
  });

  it('moves on only when answered: a decline or a clarification keeps the earlier topic', () => {
    const { answerer, calls } = spy((question) => (question.startsWith('unclear') ? 'clarify' : null));
    const memory = createConversationMemory();
    askInConversation(answerer, 'What is the Right to Provide?', memory, 't');
    askInConversation(answerer, 'What is the boiling point of mercury?', memory, 't');
    askInConversation(answerer, 'unclear: what is the Right to Request?', memory, 't');
    askInConversation(answerer, 'And who can use it?', memory, 't');
    expect(calls).toEqual([null, 'right-to-provide', 'right-to-provide', 'right-to-provide']);
  });
});
