import { describe, expect, it } from 'vitest';
import { asksAboutSources, asksForAction, asksToCompare, asksYesNo, carriesOn, refersBack, splitComparison } from '../../../src/text/question-shape.js';

describe('asksForAction', () => {
  it('sees requests to draft, send or recommend, and requests for an opinion', () => {
    for (const question of [
      'can you draft me a letter to my chief exec?',
      'Is there a template business plan I can use?',
      'should we spin out next year?',
      'what do you think of Circle?',
      "what's your take on Lansley",
      'would you recommend becoming a mutual',
      'Help me fill in an application form for the Mutuals Support Programme.',
      'predict whether MoJ will let our probation office spin out',
      'work out how big a bond we would need',
    ]) {
      expect(asksForAction(question), question).toBe(true);
    }
  });

  it('leaves questions about facts alone, "should" in a how-to included', () => {
    for (const question of [
      'How often should I oil my bike chain?',
      'what should staff expect from the right to provide?',
      'can you tell me what the NAO found?',
      'who wrote the report?',
      'what did Lansley think of mutuals?',
    ]) {
      expect(asksForAction(question), question).toBe(false);
    }
  });
});

describe('asksYesNo', () => {
  it('sees questions opening with an auxiliary verb, after a greeting', () => {
    for (const question of ['Did Lansley announce it?', 'hi, is the right to provide law?', "isn't it privatisation?", 'So can staff use it?'])
      expect(asksYesNo(question), question).toBe(true);
  });

  it('does not take a choice between two things, or an open question, for yes or no', () => {
    for (const question of ['is it the Home Office or the MoJ?', 'who announced it?', 'what is a mutual?']) expect(asksYesNo(question), question).toBe(false);
    expect(asksYesNo('is it true or not?')).toBe(true);
  });
});

describe('splitComparison', () => {
  it('finds the two sides and what is asked of each', () => {
    expect(splitComparison('Circle vs Central Surrey Health — how are they alike?')).toEqual({ sides: ['Circle', 'Central Surrey Health'], aspect: 'how are they alike?' });
    expect(splitComparison('Will Hutton or Julian Le Grand – who led each thing?')).toEqual({ sides: ['Will Hutton', 'Julian Le Grand'], aspect: 'who led each thing?' });
    expect(splitComparison("what's the difference between right to request and right to provide?")?.sides).toEqual(['right to request', 'right to provide']);
    expect(splitComparison('How was the PCS line different from Unite’s?')?.sides[1]).toBe("Unite's");
    expect(splitComparison('Unison on foundation trusts vs Unison on Hinchingbrooke')?.sides).toEqual(['Unison on foundation trusts', 'Unison on Hinchingbrooke']);
  });

  it('finds none in a question that compares nothing', () => {
    expect(splitComparison('what did Unison and Unite say?')).toBeNull();
    expect(splitComparison('who is Ed Mayo')).toBeNull();
    expect(asksToCompare('was each department ready?')).toBe(true);
  });
});

describe('asksAboutSources', () => {
  it('sees questions about the documents behind an answer', () => {
    for (const question of [
      'which of your sources says that?',
      'Where does the 45k figure come from',
      'who wrote the piece about Circle?',
      'how old is your info on the NAO?',
      "what's your source for that?",
      'whose blog is it?',
    ]) {
      expect(asksAboutSources(question), question).toBe(true);
    }
  });

  it('leaves questions about the facts alone', () => {
    for (const question of ['what did the NAO report say?', 'who is Bob Ricketts?', 'what is the right to provide?']) expect(asksAboutSources(question), question).toBe(false);
  });
});

describe('refersBack and carriesOn', () => {
  it('tells a question that carries on with a subject of its own from one that points back', () => {
    expect(carriesOn('and what about nurses?')).toBe(true);
    expect(carriesOn('and who ran it?')).toBe(false);
    expect(refersBack('and who ran it?')).toBe(true);
    expect(refersBack('what is a mutual?')).toBe(false);
  });
});
