/**
 * The kinds of fact a question can ask for that an answer either states or
 * does not: an amount ("how much", "how many", "what %") or a date ("when
 * did…", "what year…"). A question asking for one is a question about a
 * detail, and an entry that states no figure (or no date) cannot answer it,
 * however well its words match: "how much did X put into the commission?"
 * against an entry that names X but gives no sum.
 */
export type AnswerType = 'amount' | 'date';

/** Asking for an amount: "how much", "how many", "what %", "what percentage", "what proportion". */
const asksAmount = /\bhow\s+(?:much|many)\b|%|\bper\s*cent(?:age)?\b|\bwhat\s+(?:proportion|share|fraction)\b/iu;

/**
 * Asking for a date: a question that opens with "when" ("when did…", after
 * "so" or "and"), or asks "what/which year", "what date". A "when" later in a
 * sentence is usually a condition ("does absence drop when staff run it?").
 */
const asksDate = /^\W*(?:(?:and|so|but|ok(?:ay)?)\W+)?when\b|\b(?:what|which)\s+(?:year|date|month|day)\b/iu;

/** Which kind of fact a question asks for, when it asks for an amount or a date; `null` otherwise. */
export function askedAnswerType(question: string): AnswerType | null {
  if (asksAmount.test(question)) return 'amount';
  if (asksDate.test(question)) return 'date';
  return null;
}

/** Figures: sums and percentages, numbers other than years, and numbers in words. */
const statesAmount =
  /[£$€]\s*\d|\d\s*(?:%|percent|per\s+cent|million|billion|bn\b|m\b|k\b)|\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:1[89]|20)\d\d\b)\d+(?:\.\d+)?\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|third|quarter|dozen)s?\b/iu;

/** Dates: years and month names ("May" only beside a number, since "may" is mostly a verb). */
const statesDate = /\b(?:1[89]|20)\d\d\b|\b(?:january|february|march|april|june|july|august|september|october|november|december)\b|\bmay\s+\d|\d\s+may\b/iu;

/** Whether a text states a fact of that kind: some figure for an amount, a year or month for a date. */
export function statesAnswerType(text: string, type: AnswerType): boolean {
  return (type === 'amount' ? statesAmount : statesDate).test(text);
}
