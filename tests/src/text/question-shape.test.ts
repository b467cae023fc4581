import { describe, expect, it } from 'vitest';
import { refersBack, splitQuestion } from '../../../src/text/question-shape.js';
import { stripPersonalContext } from '../../../src/text/strip-framing.js';

describe('splitQuestion', () => {
  it('splits two questions joined by "and", a question mark, a semicolon or a dash', () => {
    expect(splitQuestion('who chaired the commission, and who paid for it?')).toEqual(['who chaired the commission', 'who paid for it?']);
    expect(splitQuestion('what is the right to provide? who can use it?')).toEqual(['what is the right to provide', 'who can use it?']);
    expect(splitQuestion('how big was the deal; what did unison say')).toEqual(['how big was the deal', 'what did unison say']);
    expect(splitQuestion('kings fund conference - what was it called')).toEqual(['kings fund conference', 'what was it called']);
  });

  it('leaves one question whole, even when it says "and"', () => {
    expect(splitQuestion('what did Labour and Unison say about Hinchingbrooke?')).toEqual(['what did Labour and Unison say about Hinchingbrooke?']);
    expect(splitQuestion('Japan and Spain co-op hospitals')).toHaveLength(1);
  });
});

describe('refersBack', () => {
  it('sees questions that point back or carry on', () => {
    for (const question of ['who ran it?', 'what did she say?', 'and the home office?', 'what about nurses?', 'how many of its staff are co-owners?', 'when were the rest due to go live?', 'what did the others do?']) {
      expect(refersBack(question), question).toBe(true);
    }
  });

  it('sees questions that stand on their own', () => {
    for (const question of ['what is the mutuals support programme?', 'who chairs the commission on ownership', 'is there any help for staff', 'how do staff rest between shifts']) {
      expect(refersBack(question), question).toBe(false);
    }
  });
});

describe('stripPersonalContext', () => {
  it('removes who is asking (and a greeting before it), up to the next punctuation or "and"', () => {
    expect(stripPersonalContext("hi, I'm a district nurse - is the right to provide for me?")).toBe(' - is the right to provide for me?');
    expect(stripPersonalContext('im a physio in a community team, am I allowed to use RtP?')).toBe(', am I allowed to use RtP?');
    expect(stripPersonalContext('I work at a PCT and my team wants to spin out')).toBe(' and my team wants to spin out');
    expect(stripPersonalContext('We’re a small council team. Can we spin out?')).toBe('. Can we spin out?');
  });

  it('keeps text that is only context, and context in the middle of a clause', () => {
    expect(stripPersonalContext("I'm a nurse")).toBe("I'm a nurse");
    expect(stripPersonalContext('the team I am in wants to spin out')).toBe('the team I am in wants to spin out');
  });
});
