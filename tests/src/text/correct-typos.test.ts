import { describe, expect, it } from 'vitest';
import { bitCount, createPhraseCorrector, editDistance, lettersOf } from '../../../src/text/correct-typos.js';

describe('editDistance', () => {
  it('counts a swap of neighbouring letters as one edit, and stops once past the bound', () => {
    expect(editDistance('rigth', 'right', 2)).toBe(1);
    expect(editDistance('reqest', 'request', 2)).toBe(1);
    expect(editDistance('request', 'request', 2)).toBe(0);
    expect(editDistance('hospital', 'capital', 1)).toBe(2);
  });
});

describe('lettersOf', () => {
  it('gives a word its letters as bits, so that words an edit apart differ by at most one letter each way', () => {
    expect(bitCount(lettersOf('request'))).toBe(6);
    expect(lettersOf('rigth')).toBe(lettersOf('right'));
    expect(bitCount(lettersOf('request') & ~lettersOf('reqest'))).toBe(1);
    expect(bitCount(lettersOf('reqest') & ~lettersOf('request'))).toBe(0);
    expect(bitCount(lettersOf('mutual') & ~lettersOf('mutal'))).toBe(0);
    expect(bitCount(lettersOf('capital') & ~lettersOf('hospital'))).toBe(1);
    expect(bitCount(lettersOf('hospital') & ~lettersOf('capital'))).toBe(3);
    expect(bitCount(0xffffffff)).toBe(32);
  });
});

describe('createPhraseCorrector', () => {
  const correct = createPhraseCorrector(['right to request', 'r2r', 'national audit office', 'co-operatives uk', 'cooperatives uk', 'co op', 'staff ownership']);

  it('rewrites a misspelt name of several words as the name', () => {
    expect(correct('what is the rigth to reqest?')).toBe('what is the right to request?');
    expect(correct('whats teh rihgt to reqeust')).toBe('whats teh right to request');
    expect(correct('what did the natinal audit ofice say')).toBe('what did the national audit office say');
  });

  it('leaves a name written right, the words inside it, and a single word near a word of a name as they are', () => {
    expect(correct('Co-operatives UK')).toBe('Co-operatives UK');
    expect(correct('is this stuff about wealth?')).toBe('is this stuff about wealth?');
    expect(correct('stuff ownership')).toBe('staff ownership');
    expect(correct('the right to rest')).toBe('the right to rest');
  });
});
