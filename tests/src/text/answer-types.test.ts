import { describe, expect, it } from 'vitest';
import { askedAnswerType, statesAnswerType } from '../../../src/text/answer-types.js';

describe('askedAnswerType', () => {
  it('sees questions that ask for an amount', () => {
    for (const question of ['how much did they put in?', 'How many staff co-own CSH', 'what % of spin-outs failed', 'what percentage are nurses', 'what proportion left']) {
      expect(askedAnswerType(question), question).toBe('amount');
    }
  });

  it('sees questions that ask for a date, but not a "when" that sets a condition', () => {
    for (const question of ['when did he take over?', 'so when was it posted', 'what year was the law passed', 'And when were the rest due?']) {
      expect(askedAnswerType(question), question).toBe('date');
    }
    expect(askedAnswerType('does absence drop when staff run the service?')).toBeNull();
  });

  it('sees questions that ask for neither', () => {
    for (const question of ['who chairs the commission', 'what is the right to provide', 'why did the unions object']) {
      expect(askedAnswerType(question), question).toBeNull();
    }
  });
});

describe('statesAnswerType', () => {
  it('finds figures, but not a year alone, as an amount', () => {
    for (const text of ['a £10m bond', 'contracts worth £900 million', '45,000 staff', 'about 45 per cent', 'some 300 members', 'twelve trusts', 'half of them']) {
      expect(statesAnswerType(text, 'amount'), text).toBe(true);
    }
    expect(statesAnswerType('set up in December 2009 by the government', 'amount')).toBe(false);
  });

  it('finds years and months as a date, but not the verb "may"', () => {
    expect(statesAnswerType('published in 2011', 'date')).toBe(true);
    expect(statesAnswerType('announced in November', 'date')).toBe(true);
    expect(statesAnswerType('on 3 May', 'date')).toBe(true);
    expect(statesAnswerType('staff may take it over from the department', 'date')).toBe(false);
  });
});
