/**
 * The kinds of fact a question can ask for that an answer either states or
 * does not: an amount ("how much", "what %"), a count ("how many"), a date
 * ("when did…", "what year…"), a name ("who…", "which company…"), a place
 * ("where was it held?"), a reason ("why…") or an outcome ("what happened in
 * the end?"). A question asking for one is a question about a detail, and an
 * entry may cover its subject without giving that detail: "how much did X put
 * into the commission?" against an entry that names X but gives no sum. Then
 * the answer says first that the sources don't give it (an honest partial
 * answer), and a phrasing that asks for it needs an answer that gives it.
 */
export type AnswerType = 'amount' | 'count' | 'date' | 'name' | 'place' | 'reason' | 'outcome';

/** Every {@link AnswerType}, in the order a question is checked for them: the first that matches is the one it asks for. */
export const answerTypes: readonly AnswerType[] = ['amount', 'count', 'date', 'name', 'place', 'reason', 'outcome'];

/** The kinds `kb check` holds a phrasing to: its answer text must give one, or say the sources do not. A reason or an outcome is read too loosely for that. */
export const checkedAnswerTypes: ReadonlySet<AnswerType> = new Set(['amount', 'count', 'date', 'name', 'place']);

/** Asking for an amount: "how much", "what %", "what percentage", "what proportion". */
const asksAmount =
  /\bhow\s+much\b|%|\bper\s*cent(?:age)?\b|\bwhat\s+(?:proportion|share|fraction)\b|\b(?:what|which)\s+(?:was\s+|is\s+)?(?:the\s+)?(?:sum|budget|cost|price|value|amount)\b/iu;

/** Asking for a count: "how many". */
const asksCount = /\bhow\s+many\b|\bthe\s+number\s+of\b/iu;

/**
 * Asking for a date: a question that opens with "when" ("when did…", after
 * "so" or "and"), or asks "what/which year", "what date". A "when" later in a
 * sentence is usually a condition ("does absence drop when staff run it?").
 */
const asksDate =
  /^\W*(?:(?:and|so|but|ok(?:ay)?)\W+)?when\b|\b(?:what|which)\s+(?:exact\s+|precise\s+|actual\s+)?(?:year|date|month|day)\b|\bhow\s+long\s+ago\b|\bsince\s+when\b|\bon\s+what\s+(?:exact\s+)?(?:date|day)\b/iu;

/**
 * Asking for a name: "who…" at the start of a question or a clause ("…, and
 * who paid?"), or "which" before a word for a person or a body ("which
 * company", "which union").
 */
const asksName =
  /(?:^\W*|[,;]\s*|\band\s+)(?:(?:so|but|ok(?:ay)?)\W+)?(?:who|whom|whose)\b|\bwhat(?:'s|\s+is|\s+was)\s+(?:it|that|this|the\s+[\p{L}'-]+(?:\s+[\p{L}'-]+){0,2})\s+called\b|\bthe\s+name\s+of\b|\bwhich\s+(?:[\p{L}'-]+\s+)?(?:firm|firms|company|companies|organisation|organisations|body|bodies|charity|charities|union|unions|minister|ministers|person|people|journalist|journalists|blogger|politician|politicians|department|departments|school|hospital|university|newspaper|paper|mutual|mutuals|trust|commission|think[\s-]tank)\b/iu;

/**
 * Asking for a place: "where was it held / based / located", "where did he
 * speak / announce it", "where is the school?", "which town / country". Not
 * "where had the department got to?" nor "where was the Home Office on
 * mutuals?", which ask how far something had got, nor "where can I get
 * help?", which asks for a source of help.
 */
const asksPlace =
  /^\W*whereabouts\b|\bwhere\b[^?]*\b(?:held|based|located|situated|take\s+place|took\s+place|happen(?:ed)?|unveil(?:ed)?|announce[ds]?|spe(?:ak|ke)|launch(?:ed)?|meet|met)\b|^\W*where\s+(?:is|are|was|were)\s+(?![^?]*\b(?:on|with|up|got|going|now|next)\b)[^?,]{1,60}\??\s*$|\b(?:which|what)\s+(?:town|city|county|country|countries|region)\b/iu;

/** Asking for a reason: "why…", "how come…", "what was the reason". */
const asksReason = /^\W*(?:(?:and|so|but|ok(?:ay)?)\W+)?(?:why|how\s+come)\b|\bwhat\s+(?:was|is)\s+the\s+reason\b|\bfor\s+what\s+reason\b/iu;

/** Asking what came of something: "what happened in the end", "did it work", "how did Circle do". */
const asksOutcome =
  /\b(?:what\s+happened|did\s+it\s+(?:work|succeed|last)|how\s+did\s+(?:it|they|that|\w+)\s+(?:go|do|turn\s+out|work\s+out)|in\s+the\s+end|end(?:ed)?\s+up|turn(?:ed)?\s+out|the\s+outcome|the\s+result|what\s+came\s+of|still\s+(?:running|going|exist|in\s+business|around))\b/iu;

const asking: Readonly<Record<AnswerType, RegExp>> = {
  amount: asksAmount,
  count: asksCount,
  date: asksDate,
  name: asksName,
  place: asksPlace,
  reason: asksReason,
  outcome: asksOutcome,
};

/**
 * Which kind of fact a question asks for, or `null` when it asks for none of
 * them. When it asks for several, the first in {@link answerTypes} order.
 */
export function askedAnswerType(question: string): AnswerType | null {
  const plain = question.replace(/[\u2018\u2019\u02bc`]/g, "'");
  return answerTypes.find((type) => asking[type].test(plain)) ?? null;
}

/** Figures: sums and percentages, numbers other than years, and numbers in words. */
const statesAmount =
  /[£$€]\s*\d|\d\s*(?:%|percent|per\s+cent|million|billion|bn\b|m\b|k\b)|\b\d{1,3}(?:,\d{3})+\b|\b(?!(?:1[89]|20)\d\d\b)\d+(?:\.\d+)?\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|third|quarter|dozen)s?\b/iu;

/** Dates: years and month names ("May" only beside a number, since "may" is mostly a verb). */
const statesDate = /\b(?:1[89]|20)\d\d\b|\b(?:january|february|march|april|june|july|august|september|october|november|december)\b|\bmay\s+\d|\d\s+may\b/iu;

/** Capitalised words that are never names: months and weekdays (a date, not a name), and "I". */
export const notNames: ReadonlySet<string> = new Set(
  'i january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(' '),
);
/** Words that open a sentence or a question, capitalised, before a name ("In London…", "Who is Ed Mayo?") without being one. */
export const sentenceOpeners: ReadonlySet<string> = new Set(
  'a an the in on at of for from by to with as and but or so if when while after before this that these those it its he she they we you i his her their our my what whats who whom whose which how why where is was are were did does do can could will would should has have had am'.split(
    ' ',
  ),
);

/**
 * The names in a text, as lower-case words: capitalised words that do not
 * start a sentence ("the Home Office"), and runs of two or more capitalised
 * words wherever they stand ("Ed Mayo said…"). Not "I", months or weekdays.
 */
export function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'\u2019-]*/gu)];
  words.forEach((match, index) => {
    const word = match[0];
    if (!/^\p{Lu}/u.test(word)) return;
    const lower = word.toLowerCase().replace(/['\u2019]s$/u, '');
    if (notNames.has(lower)) return;
    const before = text.slice(0, match.index).trimEnd();
    const startsSentence = before === '' || /[.!?:;\u2014"\u201C(]$/u.test(before) || /\n\s*\n\s*$/u.test(text.slice(0, match.index));
    const next = words[index + 1];
    const nextIsName = next !== undefined && /^\p{Lu}/u.test(next[0]) && !notNames.has(next[0].toLowerCase()) && /^\s+$/u.test(text.slice(match.index + word.length, next.index));
    if (!startsSentence || (nextIsName && !sentenceOpeners.has(lower))) names.add(lower);
  });
  return names;
}

/**
 * Whether some of a text's names (its {@link namesIn}) are ones the question
 * does not name already ("who is Ed Mayo?" is not answered by "Ed Mayo"),
 * given the question's {@link wordsAsked}. Takes names and words rather than
 * texts, so that a ranking can find an entry's names once, and a question's
 * words once for all its candidates.
 */
export function namesOtherThanAsked(names: ReadonlySet<string>, asked: ReadonlySet<string>): boolean {
  for (const name of names) if (!asked.has(name)) return true;
  return false;
}

/** A question's words, in lower case, as {@link namesOtherThanAsked} compares names with them. */
export function wordsAsked(question: string): Set<string> {
  return new Set(question.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? []);
}

/** Places: "in London", "at Voice '11", "at the Employee Mutuals conference", "abroad". */
const statesPlace =
  /\b(?:[Ii]n|[Aa]t|[Nn]ear|[Aa]cross|[Ff]rom|[Oo]utside)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)\p{Lu}|\b(?:abroad|overseas|nationwide|across the country)\b/u;

/** Reasons: "because", "so that", "in order to", "the aim was". */
const statesReason =
  /\b(?:because|since|so\s+that|in\s+order\s+to|the\s+reason|the\s+aim|the\s+point|wanted\s+to|to\s+(?:save|cut|give|let|help|improve|reduce|make|free|push|shift|move))\b/iu;

/** Outcomes: what came of something ("won", "lost out", "went on to", "became"). */
const statesOutcome = /\b(?:won|lost|failed|succeeded|went\s+on\s+to|ended|became|resulted|now\s+(?:runs|employs|has))\b/iu;

/**
 * Saying plainly that the sources do not give that kind of fact ("the source
 * does not say where the school is", "gives no date", "…, but not who
 * required it"), which answers the question honestly.
 */
const saysNot: Record<AnswerType, RegExp> = {
  amount: /\b(?:does|do|did)\s+not\s+(?:say|give|state|report)\s+how\s+much\b|\bbut\s+not\s+how\s+much\b|\b(?:gives?|has|have|with)\s+no\s+(?:figures?|sums?|amounts?|value)\b/iu,
  count: /\b(?:does|do|did)\s+not\s+(?:say|give|state|report)\s+how\s+many\b|\bbut\s+not\s+how\s+many\b|\b(?:gives?|has|have|with)\s+no\s+(?:figures?|numbers?|counts?)\b/iu,
  date: /\b(?:does|do|did)\s+not\s+(?:say|give|state)\s+(?:when|the\s+(?:exact\s+)?date)\b|\bbut\s+not\s+when\b|\b(?:gives?|has|have|with)\s+no\s+(?:(?:start|exact|precise)\s+)?(?:dates?|day)\b|\bundated\b/iu,
  name: /\b(?:does|do|did)\s+not\s+(?:say|give|state)\s+(?:who|whom|the\s+name)\b|\bbut\s+not\s+(?:who|whom)\b|\b(?:does|do|did)\s+not\s+name\b|\bno\s+source\s+(?:says|names)\s+(?:who|whom)\b/iu,
  place: /\b(?:does|do|did)\s+not\s+say\s+where\b|\bbut\s+not\s+where\b|\bno\s+source\s+says\s+where\b/iu,
  reason: /\b(?:does|do|did)\s+not\s+say\s+why\b|\bbut\s+not\s+why\b|\bno\s+source\s+says\s+why\b|\bgives?\s+no\s+reason\b/iu,
  outcome: /\b(?:does|do|did)\s+not\s+say\s+(?:what\s+happened|how\s+it\s+(?:went|ended))\b|\bno\s+source\s+says\s+what\s+happened\b/iu,
};

/**
 * Whether a text states a fact of that kind: some figure for an amount or a
 * count, a year or month for a date, a name (other than those `question`
 * names) for a name, a place for a place.
 */
export function statesAnswerType(text: string, type: AnswerType, question = ''): boolean {
  switch (type) {
    case 'amount':
    case 'count':
      return statesAmount.test(text);
    case 'date':
      return statesDate.test(text);
    case 'name':
      return namesOtherThanAsked(namesIn(text), wordsAsked(question));
    case 'place':
      return statesPlace.test(text);
    case 'reason':
      return statesReason.test(text);
    case 'outcome':
      return statesOutcome.test(text);
  }
}

/**
 * Whether a text answers a question asking for that kind of fact: it states
 * one (see {@link statesAnswerType}), or says plainly that the sources do not
 * give it ("the source does not say where the school is").
 */
export function answersAnswerType(text: string, type: AnswerType, question = ''): boolean {
  return statesAnswerType(text, type, question) || saysNotGiven(text, type);
}

/** Whether a text says plainly that the sources do not give that kind of fact ("the source does not say where…"). */
export function saysNotGiven(text: string, type: AnswerType): boolean {
  return saysNot[type].test(text);
}

/** How a kind of fact reads in a message: "amount", "date". */
export const answerTypeLabel: Record<AnswerType, string> = { amount: 'amount', count: 'number', date: 'date', name: 'name', place: 'place', reason: 'reason', outcome: 'outcome' };

/** What a question of each kind asks, in a message: "asks how much". */
export const answerTypeQuestion: Record<AnswerType, string> = {
  amount: 'asks how much',
  count: 'asks how many',
  date: 'asks when',
  name: 'asks who (or which one)',
  place: 'asks where',
  reason: 'asks why',
  outcome: 'asks what happened',
};
