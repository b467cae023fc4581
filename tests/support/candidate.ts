import type { Candidate } from '../../src/engine/decide-answer.js';

/** A made-up ranked candidate that every threshold of the default rule accepts, with some things changed. */
export const makeCandidate = (id: string, change: Partial<Candidate> = {}): Candidate => ({
  id,
  score: 400,
  coverage: 1,
  unmatched: [],
  unknown: [],
  similarity: 0.5,
  nameSimilarity: 0.5,
  weightedCoverage: 1,
  topic: { name: 1, description: 0, body: 0 },
  strength: 26,
  terms: [],
  lacksAskedFact: false,
  kindSimilarity: 0,
  firstSimilarity: 0,
  verbatim: false,
  statesAskedGap: false,
  uniqueTermWeight: 0.8,
  ...change,
});
