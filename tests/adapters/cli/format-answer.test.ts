import { describe, expect, it } from 'vitest';
import { createPalette, paletteFor, shouldColour } from '../../../adapters/cli/colour.js';
import { formatAnswerText, offeredQuestions } from '../../../adapters/cli/format-answer.js';
import type { Answer, EntryLink } from '../../../src/index.js';
import { expectWellFormedAnswer } from '../../support/answer-schema.js';
import { answeredAnswer, clarifyAnswer, invalidAnswer, noMatchAnswer, smallTalkAnswer } from '../../support/answers.js';

const link = (id: string): EntryLink => ({ id, title: `Title of ${id}`, question: `What about ${id}?` });

const base = noMatchAnswer({ score: 3.21 });

const clarify = clarifyAnswer({ suggestions: [link('a'), link('b'), link('c')] });

const answered = answeredAnswer({
  question: 'q',
  answer: 'As of 2011: It is so.',
  entryId: 'x',
  title: 'The title',
  asOf: '2011',
  score: 121.99,
  confidence: 'low',
  sources: [{ id: 's', title: 'A source', author: 'not named', publisher: 'Pub', date: '2011' }],
  related: [link('r1'), link('r2')],
});

const comparison: Answer = {
  ...answered,
  answer: 'Tea. As of 2011: Tea is a drink.\n\nCoffee. As of 2012: Coffee is too.',
  title: 'Tea · Coffee',
  asOf: '2011; 2012',
  kind: 'comparison',
  sources: [
    { id: 's1', title: 'About tea', author: 'not named', publisher: 'Pub', date: '2011' },
    { id: 's2', title: 'About coffee', author: 'Ann', publisher: 'Pub', date: '2012' },
  ],
  parts: [
    {
      entryId: 'tea',
      title: 'Tea',
      asOf: '2011',
      answer: 'As of 2011: Tea is a drink.',
      sources: [{ id: 's1', title: 'About tea', author: 'not named', publisher: 'Pub', date: '2011' }],
      reviewed: null,
    },
    {
      entryId: 'coffee',
      title: 'Coffee',
      asOf: '2012',
      answer: 'As of 2012: Coffee is too.',
      sources: [{ id: 's2', title: 'About coffee', author: 'Ann', publisher: 'Pub', date: '2012' }],
      reviewed: null,
    },
  ],
};

describe('formatAnswerText', () => {
  it('is tested with answers that keep the contract (a clarification offers 1 to 3 candidates and no entry)', () => {
    for (const answer of [clarify, { ...base, suggestions: [link('a')] }]) expect(expectWellFormedAnswer(answer)).toEqual(answer);
    expect(() => expectWellFormedAnswer({ ...clarify, suggestions: [] })).toThrow(/suggestions/);
    expect(() => expectWellFormedAnswer({ ...clarify, suggestions: [...clarify.suggestions, link('d')] })).toThrow(/suggestions/);
    expect(() => expectWellFormedAnswer({ ...clarify, entryId: 'a' })).toThrow(/entryId/);
  });

  it('prints a comparison part by part, each under its own title with its own sources and date', () => {
    expect(expectWellFormedAnswer(comparison)).toEqual(comparison);
    expect(formatAnswerText(comparison)).toBe(
      [
        'Tea · Coffee',
        '',
        'Tea',
        'As of 2011: Tea is a drink.',
        '',
        'Sources:',
        '  - About tea — Pub, 2011 [s1]',
        '',
        'Coffee',
        'As of 2012: Coffee is too.',
        '',
        'Sources:',
        '  - About coffee — Ann, Pub, 2012 [s2]',
        '',
        'Match: low confidence',
        '',
        'Related questions:',
        '  1. What about r1?',
        '  2. What about r2?',
      ].join('\n'),
    );
  });

  it('prints a clarification’s candidates numbered, best first, under its text', () => {
    expect(formatAnswerText(clarify)).toBe("I'm not sure I understood. Did you mean one of these?\n\n  1. What about a?\n  2. What about b?\n  3. What about c?");
  });

  it('numbers suggestions after a decline or an invalid question', () => {
    expect(formatAnswerText({ ...base, suggestions: [link('a'), link('b')] })).toBe("I don't have information on that.\n\nYou could ask:\n  1. What about a?\n  2. What about b?");
    expect(formatAnswerText(invalidAnswer({ answer: 'Please type a question.', suggestions: [link('a')] }))).toBe(
      'Please type a question.\n\nTry, for example:\n  1. What about a?',
    );
  });

  it('shows an answer’s confidence in words only, and numbers its related questions (the other half of a two-part question first)', () => {
    const twoPart = { ...answered, related: [link('other-half'), ...answered.related] };
    const text = formatAnswerText(twoPart);
    expect(text).toContain('\nMatch: low confidence\n');
    expect(text).not.toContain('121.99');
    expect(text).toMatch(/Related questions:\n {2}1\. What about other-half\?\n {2}2\. What about r1\?\n {2}3\. What about r2\?$/);
    expect(offeredQuestions(twoPart).map((offered) => offered.id)).toEqual(['other-half', 'r1', 'r2']);
  });

  it('shows a reply to small talk with the popular questions, numbered', () => {
    const smallTalk = smallTalkAnswer({ answer: 'Hello! I answer questions about the Right to Provide.', suggestions: [link('a'), link('b')] });
    expect(formatAnswerText(smallTalk)).toMatch(/Hello! I answer questions.*\n\nQuestions people often ask:\n {2}1\. What about a\?\n {2}2\. What about b\?$/s);
  });

  it('offers, in the order printed, exactly the questions it numbers', () => {
    for (const answer of [clarify, answered, { ...base, suggestions: [link('a')] }]) {
      const numbered = [...formatAnswerText(answer).matchAll(/^ {2}(\d+)\. (.+)$/gm)].map((match) => [Number(match[1]), match[2]]);
      expect(numbered).toEqual(offeredQuestions(answer).map((offered, index) => [index + 1, offered.question]));
    }
  });

  it('wraps long candidates under their text, not under the number', () => {
    const long = { ...clarify, suggestions: [{ ...link('a'), question: 'word '.repeat(30).trim() }] };
    const all = formatAnswerText(long, { width: 40 }).split('\n');
    const lines = all.slice(all.findIndex((line) => line.startsWith('  1.')));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toMatch(/^ {2}1\. word/);
    expect(lines.slice(1).every((line) => line.startsWith('     word'))).toBe(true);
    expect(lines.every((line) => line.length <= 40)).toBe(true);
  });

  it('colours with a colour palette only, and the words stay the same', () => {
    const coloured = formatAnswerText(answered, { palette: createPalette(true) });
    expect(coloured).toContain('\u001b[1mThe title\u001b[22m');
    expect(coloured).toContain('\u001b[36m1.\u001b[39m What about r1?');
    // eslint-disable-next-line no-control-regex -- removing colour codes to compare the words
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatAnswerText(answered));
    expect(formatAnswerText(answered)).not.toContain('\u001b');
  });
});

describe('shouldColour', () => {
  const terminal = { isTTY: true };
  const pipe = {};

  it('colours a terminal and never a file or a pipe, unless told', () => {
    expect(shouldColour(terminal, {})).toBe(true);
    expect(shouldColour(pipe, {})).toBe(false);
    expect(shouldColour({ isTTY: false }, {})).toBe(false);
  });

  it('follows NO_COLOR and TERM=dumb, ignoring an empty NO_COLOR', () => {
    expect(shouldColour(terminal, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColour(terminal, { NO_COLOR: 'anything' })).toBe(false);
    expect(shouldColour(terminal, { NO_COLOR: '' })).toBe(true);
    expect(shouldColour(terminal, { TERM: 'dumb' })).toBe(false);
  });

  it('follows FORCE_COLOR, which wins: on for a pipe, off for a terminal with 0 or false', () => {
    expect(shouldColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColour(pipe, { FORCE_COLOR: 'true', NO_COLOR: '1' })).toBe(true);
    expect(shouldColour(terminal, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldColour(terminal, { FORCE_COLOR: 'false' })).toBe(false);
    expect(shouldColour(pipe, { FORCE_COLOR: '' })).toBe(false);
  });

  it('gives a palette that leaves text alone when colour is off', () => {
    const off = paletteFor(pipe, {});
    expect(off.enabled).toBe(false);
    expect([off.bold('a'), off.red('b'), off.cyan('c')]).toEqual(['a', 'b', 'c']);
    expect(paletteFor(terminal, {}).red('b')).toBe('\u001b[31mb\u001b[39m');
  });
});
