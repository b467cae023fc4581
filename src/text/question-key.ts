/** Normalises a question for duplicate detection: case, punctuation and spacing do not count. */
export function normaliseQuestionKey(question: string): string {
  return question
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
