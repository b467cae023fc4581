import { describe, expect, it } from 'vitest';
import { askedAnswerType, statesAnswerType } from '../../../src/text/answer-types.js';

describe('askedAnswerType', () => {
  it('sees questions that ask for an amount, and apart from them those that ask for a count', () => {
    for (const question of ['how much did they put in?', 'what % of spin-outs failed', 'what percentage are nurses', 'what proportion left', 'what was the value of the contract']) {
      expect(askedAnswerType(question), question).toBe('amount');
    }
    for (const question of ['How many staff co-own CSH', 'the number of trusts that applied']) expect(askedAnswerType(question), question).toBe('count');
  });

  it('sees questions that ask for a name, a place, a reason or an outcome', () => {
    const kinds = {
      name: ['who chairs the commission', "what's the mutual called", 'what is the name of the college'],
      place: ['where was the conference', 'whereabouts is Reddish Vale', 'which town is it in'],
      reason: ['why did the unions object', 'how come they lost'],
      outcome: ['what happened to the contract in the end', 'did it work?', 'how did Circle do at Hinchingbrooke'],
    } as const;
    for (const [kind, questions] of Object.entries(kinds)) for (const question of questions) expect(askedAnswerType(question), question).toBe(kind);
  });

  it('sees questions that ask for a date, but not a "when" that sets a condition', () => {
    for (const question of ['when did he take over?', 'so when was it posted', 'what year was the law passed', 'And when were the rest due?']) {
      expect(askedAnswerType(question), question).toBe('date');
    }
    expect(askedAnswerType('does absence drop when staff run the service?')).toBeNull();
  });

  it('sees questions that ask for neither', () => {
    for (const question of ['what is the right to provide', 'does absence drop when staff run it', 'tell me about Circle']) {
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
