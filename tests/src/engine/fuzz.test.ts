import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnswerer, defaultAskOptions } from '../../../src/index.js';
import { expectWellFormedAnswer } from '../../support/answer-schema.js';
import { fuzzRuns, hostileText } from '../../support/hostile-text.js';

// The shipped knowledge: the fuzzing should hit the real synonym table and index.
const answerer = createAnswerer('knowledge');
const entryIds = new Set(answerer.knowledge.entries.map((entry) => entry.id));
const limit = fc.integer({ min: 0, max: 30 });

describe('the engine under hostile input', () => {
  it('ask never throws and always returns a well-formed, serialisable Answer', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const answer = expectWellFormedAnswer(answerer.ask(text));
        // What adapters send and log is JSON: it must survive the round trip unchanged.
        expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
        // The question is echoed as asked (trimmed), or its start when it was too long.
        expect(text.trim().startsWith(answer.question)).toBe(true);
        if (text.trim().length > defaultAskOptions.maxQuestionLength) expect(answer.status).toBe('invalid');
        if (answer.entryId !== null) expect(entryIds.has(answer.entryId)).toBe(true);
      }),
      { numRuns: fuzzRuns },
    );
  });

  it('ask answers the same text the same way every time', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(answerer.ask(text)).toEqual(answerer.ask(text));
      }),
      { numRuns: Math.ceil(fuzzRuns / 3) },
    );
  });

  it('suggest never throws and returns at most `limit` distinct links to real entries', () => {
    fc.assert(
      fc.property(hostileText, limit, (text, max) => {
        const links = answerer.suggest(text, max);
        expect(links.length).toBeLessThanOrEqual(max);
        expect(new Set(links.map((link) => link.id)).size).toBe(links.length);
        for (const link of links) {
          expect(entryIds.has(link.id)).toBe(true);
          expect(link.title.length).toBeGreaterThan(0);
          expect(link.question.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: fuzzRuns },
    );
  });

  it('rank never throws and returns at most `limit` real entries, best first, with finite scores', () => {
    fc.assert(
      fc.property(hostileText, limit, (text, max) => {
        const ranking = answerer.rankEntries(text, max);
        expect(ranking.length).toBeLessThanOrEqual(max);
        ranking.forEach((hit, position) => {
          expect(entryIds.has(hit.id)).toBe(true);
          expect(Number.isFinite(hit.score)).toBe(true);
          expect(hit.score).toBeGreaterThan(0);
          if (position > 0) expect(hit.score).toBeLessThanOrEqual(ranking[position - 1]!.score);
        });
      }),
      { numRuns: fuzzRuns },
    );
    // rank searches text of any length (ask stops at the limit), so a 20,000-character flood takes a while.
  }, 60_000);

  it('the generators reach every status, so the properties above are not only about rejected input', () => {
    const seen = new Set(fc.sample(hostileText, { numRuns: 400, seed: 7 }).map((text) => answerer.ask(text).status));
    expect([...seen].sort()).toEqual(['answered', 'clarify', 'invalid', 'no_match']);
  });
});

describe('what the fuzzing found', () => {
  it('a too-long question is echoed cut to the limit, as the Answer contract says, not in full', () => {
    const answer = answerer.ask('why '.repeat(5000));
    expect(answer.status).toBe('invalid');
    expect(answer.question).toBe('why '.repeat(defaultAskOptions.maxQuestionLength / 4));
  });

  it('the cut never leaves half an emoji behind', () => {
    const answer = answerer.ask(`a${'👍'.repeat(300)}`);
    expect(answer.question).toHaveLength(defaultAskOptions.maxQuestionLength - 1);
    // A lone surrogate would not survive UTF-8 encoding unchanged.
    expect(Buffer.from(answer.question, 'utf8').toString('utf8')).toBe(answer.question);
  });
});
