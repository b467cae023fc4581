import { describe, expect, it } from 'vitest';
import { createSmallTalkMatcher } from '../../../src/engine/small-talk.js';

const matcher = createSmallTalkMatcher({
  starters: ['a'],
  replies: [
    { says: ['hi', 'hello'], reply: 'HELLO' },
    { says: ['thanks', 'thank you'], reply: 'WELCOME' },
    { says: ['bye', 'good night'], reply: 'GOODBYE' },
  ],
  ignore: ['ok', 'so', 'much', 'mate'],
});

describe('createSmallTalkMatcher', () => {
  it('replies to a whole message it lists, ignoring case, punctuation and emoji', () => {
    expect(matcher('Hi!')).toBe('HELLO');
    expect(matcher('thank you 👍')).toBe('WELCOME');
  });

  it('leaves out the words a maintainer lists to ignore, and answers several in a row with the last', () => {
    expect(matcher('ok bye')).toBe('GOODBYE');
    expect(matcher('thank you so much mate!')).toBe('WELCOME');
    expect(matcher('thanks, good night')).toBe('GOODBYE');
  });

  it('leaves a question with small talk in it to the search', () => {
    expect(matcher('hi, what is the right to provide?')).toBeNull();
    expect(matcher('ok')).toBeNull();
    expect(matcher('so much for that')).toBeNull();
    expect(createSmallTalkMatcher(undefined)('hi')).toBeNull();
  });
});
