import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAnswerer, evalSplitsIn, evaluateCases, expectedIds, findHeldOutLeaks, findUnknownEntries, normaliseQuestionKey, readQuestionSet, runAnswerer } from '../../src/index.js';
import { realKnowledgeDir } from '../support/fixture-knowledge.js';

const evalDir = fileURLToPath(new URL('.', import.meta.url));
const questionSetPath = fileURLToPath(new URL('./questions.yaml', import.meta.url));
const answerer = createAnswerer(realKnowledgeDir);
const cases = readQuestionSet(questionSetPath);
const [tunedSplit, heldOutSplit] = evalSplitsIn(evalDir);
const presentCases = (files: string[]) => files.filter((path) => existsSync(path)).flatMap(readQuestionSet);

describe('evaluation question set', () => {
  it('is big enough: at least 80 in-scope and 15 out-of-scope questions', () => {
    expect(cases.filter((testCase) => expectedIds(testCase) !== null).length).toBeGreaterThanOrEqual(80);
    expect(cases.filter((testCase) => testCase.expect === 'decline').length).toBeGreaterThanOrEqual(15);
  });

  it('expects only entries that exist, in every split file there is', () => {
    const ids = new Set(answerer.knowledge.entries.map((entry) => entry.id));
    expect(findUnknownEntries([...presentCases(tunedSplit!.files), ...presentCases(heldOutSplit!.files)], ids)).toEqual([]);
  });

  it('copies no question from an entry’s own phrasings', () => {
    const phrasings = new Set(answerer.knowledge.entries.flatMap((entry) => entry.questions.map(normaliseQuestionKey)));
    expect(cases.filter((testCase) => phrasings.has(normaliseQuestionKey(testCase.question))).map((testCase) => testCase.question)).toEqual([]);
  });

  // Only file:line is reported, never a held-out question.
  it.skipIf(!heldOutSplit!.files.some((path) => existsSync(path)))('keeps the held-out split unseen: none of its questions is a tuned question or an entry phrasing', () => {
    const leaks = findHeldOutLeaks(presentCases(heldOutSplit!.files), presentCases(tunedSplit!.files), answerer.knowledge.entries);
    expect(leaks.map((leak) => `${leak.file}:${leak.line}`)).toEqual([]);
  });
});

describe('answer quality bar (tests/eval/questions.yaml)', () => {
  const report = evaluateCases(cases, runAnswerer(answerer));

  it('answers at least 90% of in-scope questions with the right entry', () => {
    expect(report.top1, JSON.stringify(report.misses, null, 1)).toBeGreaterThanOrEqual(0.9);
  });

  // The learned decision may ask which entry was meant where the hand-set rule declined; it may never answer.
  it('answers no out-of-scope question, and declines at least 95% of them plainly', () => {
    expect(report.misses.filter((miss) => miss.expected === 'decline' && miss.wrong)).toEqual([]);
    expect(report.declineRate, JSON.stringify(report.misses.filter((miss) => miss.expected === 'decline'), null, 1)).toBeGreaterThanOrEqual(0.95);
  });
});
