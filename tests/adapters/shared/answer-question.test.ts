import { describe, expect, it } from 'vitest';
import { answerQuestion, answerUnaskedPost, moveConversation } from '../../../adapters/shared/answer-question.js';
import { createConversationMemory } from '../../../adapters/shared/conversations.js';
import { createAskerLimiter } from '../../../adapters/shared/rate-limit.js';
import { defaultKnowledgeDir } from '../../../adapters/shared/settings.js';
import { createAnswerer, createMemoryQuestionLog, overrideAnswerer, type Answerer, type AskOptions, type QuestionRecord } from '../../../src/index.js';
import { clarifyAnswer } from '../../support/answers.js';

const real = createAnswerer(defaultKnowledgeDir);

/** The real answerer, noting what each question was read against; it can stand in a clarification for chosen questions. */
const spy = (clarifies: (question: string) => boolean = () => false) => {
  const calls: { question: string; previous: string | null | undefined }[] = [];
  const answerer: Answerer = overrideAnswerer(real, {
    ask: (question: string, options?: Partial<AskOptions>) => {
      calls.push({ question, previous: options?.previous });
      return clarifies(question) ? clarifyAnswer({ question, suggestions: real.starters(2) }) : real.ask(question, options);
    },
  });
  return { answerer, calls };
};

describe('answerQuestion: the one way in', () => {
  it('reads a question against its conversation’s last answer, and only that conversation’s', async () => {
    const { answerer, calls } = spy();
    const services = { getAnswerer: () => answerer, questionLog: createMemoryQuestionLog(), conversations: createConversationMemory() };
    const ask = (question: string, conversation: string) => answerQuestion(services, { platform: 'slack', question, userId: 'U1', origin: { via: 'dm' }, conversation });
    expect(await ask('What is the Right to Provide?', 'thread-1')).toMatchObject({ kind: 'answer', answer: { status: 'answered', entryId: 'right-to-provide' } });
    await ask('Who can use it?', 'thread-1');
    await ask('Who can use it?', 'thread-2');
    expect(calls.map((call) => call.previous)).toEqual([null, 'right-to-provide', null]);
  });

  it('moves a conversation on only when answered: a decline or a clarification keeps the earlier entry', async () => {
    const { answerer, calls } = spy((question) => question.startsWith('unclear'));
    const services = { getAnswerer: () => answerer, questionLog: createMemoryQuestionLog(), conversations: createConversationMemory() };
    for (const question of ['What is the Right to Provide?', 'What is the boiling point of mercury?', 'unclear: what is the Right to Request?', 'And who can use it?']) {
      await answerQuestion(services, { platform: 'discord', question, userId: 'D1', origin: { via: 'command' }, conversation: 'c' });
    }
    expect(calls.map((call) => call.previous)).toEqual([null, 'right-to-provide', 'right-to-provide', 'right-to-provide']);
  });

  it('lets a question without a conversation, or without a memory, stand alone', async () => {
    const { answerer, calls } = spy();
    const log = createMemoryQuestionLog();
    await answerQuestion(
      { getAnswerer: () => answerer, questionLog: log },
      { platform: 'discord', question: 'What is the Right to Provide?', origin: { via: 'command' }, conversation: 'c' },
    );
    await answerQuestion({ getAnswerer: () => answerer, questionLog: log }, { platform: 'discord', question: 'Who can use it?', origin: { via: 'command' }, conversation: 'c' });
    expect(calls.map((call) => call.previous)).toEqual([null, null]);
  });

  it('records every answer with its platform, how it came in and the id it returns', async () => {
    const log = createMemoryQuestionLog();
    const reply = await answerQuestion(
      { getAnswerer: () => real, questionLog: log },
      { platform: 'slack', question: 'What is the Right to Provide?', userId: 'U1', origin: { via: 'assistant', followedFrom: 'earlier-id', channelContext: true } },
    );
    const [record] = log.records as QuestionRecord[];
    expect(reply.kind === 'answer' && reply.answerId).toBe(record?.answerId);
    expect(record).toMatchObject({ platform: 'slack', via: 'assistant', followedFrom: 'earlier-id', channelContext: true, entryId: 'right-to-provide' });
    // No salt, no asker: the person is never stored.
    expect(record?.asker).toBeUndefined();
  });

  it('says "please wait" to a person over the rate limit, answering and recording nothing', async () => {
    const { answerer, calls } = spy();
    const log = createMemoryQuestionLog();
    const services = { getAnswerer: () => answerer, questionLog: log, askerLimiter: createAskerLimiter({ RATE_LIMIT_PER_MINUTE: 1 }) };
    const ask = (userId: string) => answerQuestion(services, { platform: 'slack', question: 'What is the Right to Provide?', userId, origin: { via: 'command' } });
    expect((await ask('U1')).kind).toBe('answer');
    expect(await ask('U1')).toEqual({ kind: 'wait', notice: expect.stringMatching(/^You have asked a lot of questions in a short time.*Please try again in \d+ seconds?\.$/) });
    // Another person has a limit of their own.
    expect((await ask('U2')).kind).toBe('answer');
    expect(calls).toHaveLength(2);
    expect(log.records).toHaveLength(2);
  });
});

describe('answerUnaskedPost', () => {
  it('gives the first wording whose answer is worth giving unasked, and records only that one', async () => {
    const log = createMemoryQuestionLog();
    const sure = (answer: { status: string; confidence: string | null }) => answer.status === 'answered' && answer.confidence === 'high';
    const reply = await answerUnaskedPost(
      { getAnswerer: () => real, questionLog: log },
      { platform: 'discord', question: 'Quick question', userId: 'D1', origin: { via: 'forum' } },
      ['What is the Right to Provide?'],
      sure,
    );
    expect(reply).toMatchObject({ kind: 'answer', answer: { entryId: 'right-to-provide', confidence: 'high' } });
    expect((log.records as QuestionRecord[]).map((record) => [record.question, record.via])).toEqual([['What is the Right to Provide?', 'forum']]);
  });

  it('stays silent, recording nothing, when no wording is worth it', async () => {
    const log = createMemoryQuestionLog();
    expect(
      await answerUnaskedPost(
        { getAnswerer: () => real, questionLog: log },
        { platform: 'discord', question: 'Quick question', origin: { via: 'forum' } },
        ['the weather in Paris'],
        () => false,
      ),
    ).toBeNull();
    expect(log.records).toEqual([]);
  });
});

describe('moveConversation', () => {
  it('remembers the entry of an answer, and leaves the conversation as it was after anything else', async () => {
    const memory = createConversationMemory();
    await moveConversation(memory, 'k', real.ask('What is the Right to Provide?'));
    await moveConversation(memory, 'k', clarifyAnswer());
    expect(await memory.recall('k')).toBe('right-to-provide');
  });
});
