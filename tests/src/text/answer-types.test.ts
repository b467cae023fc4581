import { describe, expect, it } from 'vitest';
import { answersAnswerType, askedAnswerType, namesIn, saysNotGiven, statesAnswerType } from '../../../src/text/answer-types.js';

describe('askedAnswerType', () => {
  it('sees questions that ask for an amount, and for a count', () => {
    for (const question of ['how much did they put in?', 'what % of spin-outs failed', 'what percentage are nurses', 'what proportion left']) {
      expect(askedAnswerType(question), question).toBe('amount');
    }
    for (const question of ['How many staff co-own CSH', 'how many nurses left?']) {
      expect(askedAnswerType(question), question).toBe('count');
    }
  });

  it('sees questions that ask for a date, but not a "when" that sets a condition', () => {
    for (const question of ['when did he take over?', 'so when was it posted', 'what year was the law passed', 'And when were the rest due?', "Which year's law created them?"]) {
      expect(askedAnswerType(question), question).toBe('date');
    }
    expect(askedAnswerType('does absence drop when staff run the service?')).toBeNull();
  });

  it('sees questions that ask for a name: "who", and "which" before a person or a body', () => {
    for (const question of [
      'who chairs the commission',
      'Who won the contract?',
      'According to her, who should decide?',
      'which private firm won it',
      'Which union objected?',
      'and whose idea was it',
    ]) {
      expect(askedAnswerType(question), question).toBe('name');
    }
    expect(askedAnswerType('which services were converted?')).toBeNull();
  });

  it('sees "what is it called?" and "the name of" as asking for a name', () => {
    for (const question of ["what's the mutual called", 'what was the Leicester service called?', 'what is the name of the college'])
      expect(askedAnswerType(question), question).toBe('name');
  });

  it('sees questions that ask for a reason or an outcome', () => {
    for (const question of ['why did the unions object', 'how come they lost']) expect(askedAnswerType(question), question).toBe('reason');
    for (const question of ['what happened to the contract in the end', 'did it work?', 'how did Circle do at Hinchingbrooke'])
      expect(askedAnswerType(question), question).toBe('outcome');
  });

  it('sees questions that ask for a place, but not "where had it got to?"', () => {
    for (const question of ['Where was the conference held?', 'where did he speak about it', 'Where is the school?', 'which country has co-op hospitals']) {
      expect(askedAnswerType(question), question).toBe('place');
    }
    for (const question of ['Where had the department got to on mutuals?', 'Where was the Home Office on mutuals?', 'where can staff get help?']) {
      expect(askedAnswerType(question), question).toBeNull();
    }
  });

  it('takes the first kind when a question asks for several, and none for other questions', () => {
    expect(askedAnswerType('when and where did he announce it?')).toBe('date');
    expect(askedAnswerType('who paid, and how much?')).toBe('amount');
    for (const question of ['what is the right to provide', 'tell me about Circle']) {
      expect(askedAnswerType(question), question).toBeNull();
    }
  });
});

describe('statesAnswerType', () => {
  it('finds figures, but not a year alone, as an amount or a count', () => {
    for (const text of ['a £10m bond', 'contracts worth £900 million', '45,000 staff', 'about 45 per cent', 'some 300 members', 'twelve trusts', 'half of them']) {
      expect(statesAnswerType(text, 'amount'), text).toBe(true);
      expect(statesAnswerType(text, 'count'), text).toBe(true);
    }
    expect(statesAnswerType('set up in December 2009 by the government', 'amount')).toBe(false);
    expect(statesAnswerType('set up in December 2009 by the government', 'count')).toBe(false);
  });

  it('finds years and months as a date, but not the verb "may"', () => {
    expect(statesAnswerType('published in 2011', 'date')).toBe(true);
    expect(statesAnswerType('announced in November', 'date')).toBe(true);
    expect(statesAnswerType('on 3 May', 'date')).toBe(true);
    expect(statesAnswerType('staff may take it over from the department', 'date')).toBe(false);
  });

  it('finds a name other than those the question gives', () => {
    expect(statesAnswerType('The contract went to Assure Medical, a private company.', 'name', 'who won the contract?')).toBe(true);
    expect(statesAnswerType('Ed Mayo said it was not privatisation.', 'name', 'who is Ed Mayo?')).toBe(false);
    expect(statesAnswerType('The source says nothing more about who ran it.', 'name')).toBe(false);
  });

  it('finds a place: a capitalised name after "in" or "at", or "abroad"', () => {
    for (const text of ['a one-day meeting in London', 'announced at Voice 11', 'speaking at the Employee Mutuals conference', 'co-operative hospitals abroad']) {
      expect(statesAnswerType(text, 'place'), text).toBe(true);
    }
    expect(statesAnswerType('held in November, in a hurry', 'place')).toBe(false);
  });
});

describe('answersAnswerType', () => {
  it('counts saying plainly that the sources do not give it as an answer', () => {
    expect(answersAnswerType('The source does not say where the school is.', 'place')).toBe(true);
    expect(answersAnswerType('The report gives no date for the speech.', 'date')).toBe(true);
    expect(answersAnswerType('The article does not say who required it.', 'name', 'who required it')).toBe(true);
    expect(answersAnswerType('It gives no figures for them.', 'count')).toBe(true);
    expect(answersAnswerType('The school is run by a trust.', 'place')).toBe(false);
  });
});

describe('namesIn', () => {
  it('finds capitalised words inside a sentence and runs of them at its start, not months or "I"', () => {
    expect([...namesIn('Ed Mayo spoke. In March the NAO and I met Co-operatives UK.')]).toEqual(['ed', 'mayo', 'nao', 'co-operatives', 'uk']);
  });
});

describe('saysNotGiven', () => {
  it('sees an answer that says plainly its sources lack a kind of detail', () => {
    expect(saysNotGiven('It reported that a bond was required, but not who required it.', 'name')).toBe(true);
    expect(saysNotGiven('The source does not say where the school is.', 'place')).toBe(true);
    expect(saysNotGiven('It gives no date for the speech.', 'date')).toBe(true);
    expect(saysNotGiven('Andrew Lansley announced it at Voice 11.', 'name')).toBe(false);
    expect(saysNotGiven('It reported that a bond was required, but not who required it.', 'date')).toBe(false);
  });
});
