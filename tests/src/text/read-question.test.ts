import { describe, expect, it } from 'vitest';
import { readQuestion, stripWrappers } from '../../../src/text/read-question.js';

describe('readQuestion', () => {
  it('searches a long post on the sentences that ask, keeping the rest as background', () => {
    const post = 'Morning all. Our team has been told spinning out is back on the table. Who actually announced the right to provide, and at what event? Need it for slide 2.';
    expect(readQuestion(post)).toEqual({
      focus: 'Who actually announced the right to provide, and at what event?',
      background: 'Morning all. Our team has been told spinning out is back on the table. Need it for slide 2.',
    });
  });

  it('keeps the whole post when the question leans on the sentences around it', () => {
    const post = 'Lansley spoke at a conference last year. What did he actually say?';
    expect(readQuestion(post).focus).toBe(post);
    expect(readQuestion('My director says the NAO found the spin-outs saved money. Is that right?').focus).toBe('the NAO found the spin-outs saved money.');
  });

  it('leaves a one-sentence question as it is, without its chat noise', () => {
    expect(readQuestion('what is the right to provide?')).toEqual({ focus: 'what is the right to provide?', background: '' });
    expect(readQuestion('ngl whats rtp even lol 😂').focus).toBe('whats rtp even');
  });
});

describe('stripWrappers', () => {
  it('leaves out the wrappers around a reported claim and a sceptical one', () => {
    expect(stripWrappers('my manager said that Circle is fully staff owned, true?')).toBe('Circle is fully staff owned,');
    expect(stripWrappers("isn't this just privatisation by the back door?")).toBe('privatisation by the back door?');
    expect(stripWrappers('someone on the forum claims the MoJ had not started')).toBe('the MoJ had not started');
  });

  it('keeps what a body said, and the text itself when nothing else would be left', () => {
    expect(stripWrappers('what the NAO said about value for money')).toBe('what the NAO said about value for money');
    expect(stripWrappers('is that right?')).toBe('is that right?');
  });
});
