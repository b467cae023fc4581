/**
 * The kinds of detail a question can ask for: an amount ("how much", "what
 * %"), a count ("how many"), a date ("when did…", "what year…"), a name
 * ("who…", "what is it called"), a place ("where…"), a reason ("why…") or an
 * outcome ("what happened in the end"). A question asking for one is a
 * question about a detail, and an entry may cover its subject without giving
 * that detail: "how much did X put into the commission?" against an entry
 * that names X but gives no sum. Then the answer says first that the
 * sources don't give it (an honest partial answer).
 */
export type AnswerType = 'amount' | 'count' | 'date' | 'name' | 'place' | 'reason' | 'outcome';

/** Every {@link AnswerType}, in the order questions are checked for them. */
export const answerTypes: readonly AnswerType[] = ['amount', 'count', 'date', 'place', 'reason', 'outcome', 'name'];

/** What each kind of question looks like. The first that matches wins, in {@link answerTypes} order. */
const asking: Readonly<Record<AnswerType, RegExp>> = {
  amount: /\bhow\s+much\b|%|\bper\s*cent(?:age)?\b|\bwhat\s+(?:proportion|share|fraction|percentage)\b|\b(?:what|which)\s+(?:was\s+|is\s+)?(?:the\s+)?(?:sum|figure|budget|cost|price|value|amount)\b|\bhow\s+(?:big|large)\s+(?:a|was|is)\s+(?:the\s+)?(?:fund|budget|sum|grant|bond|contract|deal)\b/iu,
  count: /\bhow\s+many\b|\b(?:the\s+|what\s+(?:is|was)\s+the\s+)?number\s+of\b/iu,
  /**
   * A question that opens with "when" (after "so", "and"…), or asks what
   * year, date or month, or how long ago. A "when" later in a sentence is
   * usually a condition ("does absence drop when staff run it?").
   */
  date: /^\W*(?:(?:and|so|but|ok(?:ay)?)\W+)?when\b|\b(?:what|which)\s+(?:year|date|month|day)\b|\bhow\s+long\s+ago\b|\bsince\s+when\b|\bon\s+what\s+(?:exact\s+)?(?:date|day)\b/iu,
  place: /^\W*(?:(?:and|so|but)\W+)?(?:where|whereabouts)\b|\bin\s+which\s+(?:town|city|county|area|region|country|part)\b|\b(?:what|which)\s+(?:town|city|county|area|region|country|venue|location)\b/iu,
  reason: /^\W*(?:(?:and|so|but)\W+)?(?:why|how\s+come)\b|\bwhat\s+(?:was|is)\s+the\s+reason\b|\bfor\s+what\s+reason\b/iu,
  outcome: /\b(?:what\s+happened|did\s+it\s+(?:work|succeed|last)|how\s+did\s+(?:it|they|that|\w+)\s+(?:go|do|turn\s+out|work\s+out)|in\s+the\s+end|end(?:ed)?\s+up|turn(?:ed)?\s+out|the\s+outcome|the\s+result|what\s+came\s+of|still\s+(?:running|going|exist|in\s+business|around))\b/iu,
  name: /^\W*(?:(?:and|so|but)\W+)?(?:who|whom|whose)\b|\bwhat(?:'s|\s+is|\s+was)\s+(?:it|the\s+\w+|that|this)\s+called\b|\bwhat\s+(?:is|was)\s+the\s+name\b|\bthe\s+name\s+of\b|\bname\s+(?:the|of)\b/iu,
};

/** Which kind of detail a question asks for; `null` when it asks for none of them. */
export function askedAnswerType(question: string): AnswerType | null {
  const plain = question.replace(/[\u2018\u2019\u02bc`]/g, "'");
  return answerTypes.find((type) => asking[type].test(plain)) ?? null;
}

/** Figures: sums and percentages, numbers other than years, and numbers in words. */
const statesAmount =
  /[£$€]\s*\d|\d\s*(?:%|percent|per\s+cent|million|billion|bn\b|m\b|k\b)|\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:1[89]|20)\d\d\b)\d+(?:\.\d+)?\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|third|quarter|dozen)s?\b/iu;

/** Dates: years and month names ("May" only beside a number, since "may" is mostly a verb). */
const statesDate = /\b(?:1[89]|20)\d\d\b|\b(?:january|february|march|april|june|july|august|september|october|november|december)\b|\bmay\s+\d|\d\s+may\b/iu;

/** What a text that gives each kind of detail holds somewhere. */
const stating: Readonly<Record<AnswerType, RegExp>> = {
  amount: statesAmount,
  count: statesAmount,
  date: statesDate,
  // A name of two capitalised words, or a capitalised word not at the start of a sentence.
  name: /(?<![.!?]\s|^)\b\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+)*/u,
  place: /\b(?:in|at|near|from)\s+(?:the\s+)?\p{Lu}[\p{L}'-]+/u,
  reason: /\b(?:because|since|so\s+that|in\s+order\s+to|the\s+reason|the\s+aim|the\s+point|to\s+(?:save|cut|give|let|help|improve|reduce|make|free|push|shift|move))\b/iu,
  outcome: /\b(?:won|lost|failed|succeeded|went\s+on\s+to|ended|became|resulted|now\s+(?:runs|employs|has))\b/iu,
};

/** Whether a text states a detail of that kind somewhere (a figure, a year or month, a name…). */
export function statesAnswerType(text: string, type: AnswerType): boolean {
  return stating[type].test(text);
}
