import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAnswerer, evaluateCases, normaliseQuestionKey, readQuestionSet } from '../../src/index.js';
import { realKnowledgeDir } from '../support/fixture-knowledge.js';

const questionSetPath = fileURLToPath(new URL('./questions.yaml', import.meta.url));
const answerer = createAnswerer(realKnowledgeDir);
const cases = readQuestionSet(questionSetPath);

describe('evaluation question set', () => {
  it('is big enough: at least 80 in-scope and 15 out-of-scope questions', () => {
    expect(cases.filter((testCase) => testCase.expect !== 'decline').length).toBeGreaterThanOrEqual(80);
    expect(cases.filter((testCase) => testCase.expect === 'decline').length).toBeGreaterThanOrEqual(15);
  });

  it('expects only entries that exist', () => {
    const ids = new Set(answerer.knowledge.entries.map((entry) => entry.id));
    const unknown = cases.flatMap((testCase) => (testCase.expect === 'decline' ? [] : testCase.expect.filter((id) => !ids.has(id))));
    expect(unknown).toEqual([]);
  });

  it('copies no question from an entry’s own phrasings', () => {
    const phrasings = new Set(answerer.knowledge.entries.flatMap((entry) => entry.questions.map(normaliseQuestionKey)));
    expect(cases.filter((testCase) => phrasings.has(normaliseQuestionKey(testCase.question))).map((testCase) => testCase.question)).toEqual([]);
  });
});

describe('answer quality bar', () => {
  const report = evaluateCases(cases, (question) => {
    const answer = answerer.ask(question);
    return { ranked: answerer.rank(question).map((hit) => hit.id), answeredWith: answer.status === 'answered' ? answer.entryId : null };
  });

  it('answers at least 90% of in-scope questions with the right entry', () => {
    expect(report.top1, JSON.stringify(report.misses, null, 1)).toBeGreaterThanOrEqual(0.9);
  });

  it('declines every out-of-scope question', () => {
    expect(report.misses.filter((miss) => miss.expected === 'decline')).toEqual([]);
    expect(report.declineRate).toBe(1);
  });
});
