/**
 * The kinds of fact a question can ask for that an answer either states or
 * does not: an amount ("how much", "what %"), a count ("how many"), a date
 * ("when did…", "what year…"), a name ("who…", "which company…") or a place
 * ("where was it held?"). A question asking for one is a question about a
 * detail, and an entry that states no such fact cannot answer it, however well
 * its words match: "how much did X put into the commission?" against an entry
 * that names X but gives no sum.
 */
export type AnswerType = 'amount' | 'count' | 'date' | 'name' | 'place';

/** Asking for an amount: "how much", "what %", "what percentage", "what proportion". */
const asksAmount = /\bhow\s+much\b|%|\bper\s*cent(?:age)?\b|\bwhat\s+(?:proportion|share|fraction)\b/iu;

/** Asking for a count: "how many". */
const asksCount = /\bhow\s+many\b/iu;

/**
 * Asking for a date: a question that opens with "when" ("when did…", after
 * "so" or "and"), or asks "what/which year", "what date". A "when" later in a
 * sentence is usually a condition ("does absence drop when staff run it?").
 */
const asksDate = /^\W*(?:(?:and|so|but|ok(?:ay)?)\W+)?when\b|\b(?:what|which)\s+(?:year|date|month|day)\b/iu;

/**
 * Asking for a name: "who…" at the start of a question or a clause ("…, and
 * who paid?"), or "which" before a word for a person or a body ("which
 * company", "which union").
 */
const asksName =
  /(?:^\W*|[,;]\s*|\band\s+)(?:(?:so|but|ok(?:ay)?)\W+)?(?:who|whom|whose)\b|\bwhich\s+(?:[\p{L}'-]+\s+)?(?:firm|firms|company|companies|organisation|organisations|body|bodies|charity|charities|union|unions|minister|ministers|person|people|journalist|journalists|blogger|politician|politicians|department|departments|school|hospital|university|newspaper|paper|mutual|mutuals|trust|commission|think[\s-]tank)\b/iu;

/**
 * Asking for a place: "where was it held / based / located", "where did he
 * speak / announce it", "where is the school?", "which town / country". Not
 * "where had the department got to?" nor "where was the Home Office on
 * mutuals?", which ask how far something had got, nor "where can I get
 * help?", which asks for a source of help.
 */
const asksPlace =
  /\bwhere\b[^?]*\b(?:held|based|located|situated|take\s+place|took\s+place|happen(?:ed)?|unveil(?:ed)?|announce[ds]?|spe(?:ak|ke)|launch(?:ed)?|meet|met)\b|^\W*where\s+(?:is|are|was|were)\s+(?![^?]*\b(?:on|with|up|got|going|now|next)\b)[^?,]{1,60}\??\s*$|\b(?:which|what)\s+(?:town|city|county|country|countries|region)\b/iu;

/**
 * Which kind of fact a question asks for, or `null` when it asks for none of
 * them. When it asks for several, the first of amount, count, date, name and
 * place.
 */
export function askedAnswerType(question: string): AnswerType | null {
  if (asksAmount.test(question)) return 'amount';
  if (asksCount.test(question)) return 'count';
  if (asksDate.test(question)) return 'date';
  if (asksName.test(question)) return 'name';
  if (asksPlace.test(question)) return 'place';
  return null;
}

/**
 * The kinds the answer ranking checks: a figure (an amount or a count, which
 * it does not tell apart) or a date. It holds a candidate that states none
 * back when a question asks for one; names and places it leaves to the
 * knowledge checks.
 */
export type RankedAnswerType = 'amount' | 'date';

/** What the answer ranking checks a question for: {@link askedAnswerType}, with a count read as an amount and names and places not checked. */
export function askedFigureOrDate(question: string): RankedAnswerType | null {
  const asked = askedAnswerType(question);
  return asked === 'amount' || asked === 'count' ? 'amount' : asked === 'date' ? 'date' : null;
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
  'a an the in on at of for from by to with as and but or so if when while after before this that these those it its he she they we you i his her their our my what whats who whom whose which how why where is was are were did does do can could will would should has have had am'.split(' '),
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

/** Names: one the question does not name already ("who is Ed Mayo?" is not answered by "Ed Mayo"). */
const statesName = (text: string, question: string): boolean => {
  const asked = new Set(question.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? []);
  return [...namesIn(text)].some((name) => !asked.has(name));
};

/** Places: "in London", "at Voice '11", "at the Employee Mutuals conference", "abroad". */
const statesPlace = /\b(?:[Ii]n|[Aa]t|[Nn]ear|[Aa]cross|[Ff]rom|[Oo]utside)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)\p{Lu}|\b(?:abroad|overseas|nationwide|across the country)\b/u;

/**
 * Saying plainly that the sources do not give that kind of fact ("the source
 * does not say where the school is", "gives no date"), which answers the
 * question honestly.
 */
const saysNot: Record<AnswerType, RegExp> = {
  amount: /\b(?:does|do|did)\s+not\s+(?:say|give|state|report)\s+how\s+much\b|\b(?:gives?|has|have|with)\s+no\s+(?:figures?|sums?|amounts?|value)\b/iu,
  count: /\b(?:does|do|did)\s+not\s+(?:say|give|state|report)\s+how\s+many\b|\b(?:gives?|has|have|with)\s+no\s+(?:figures?|numbers?|counts?)\b/iu,
  date: /\b(?:does|do|did)\s+not\s+(?:say|give|state)\s+(?:when|the\s+(?:exact\s+)?date)\b|\b(?:gives?|has|have|with)\s+no\s+(?:(?:start|exact)\s+)?dates?\b|\bundated\b/iu,
  name: /\b(?:does|do|did)\s+not\s+(?:say|give|state)\s+(?:who|whom|the\s+name)\b|\b(?:does|do|did)\s+not\s+name\b|\bno\s+source\s+(?:says|names)\s+(?:who|whom)\b/iu,
  place: /\b(?:does|do|did)\s+not\s+say\s+where\b|\bno\s+source\s+says\s+where\b/iu,
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
      return statesName(text, question);
    case 'place':
      return statesPlace.test(text);
  }
}

/**
 * Whether a text answers a question asking for that kind of fact: it states
 * one (see {@link statesAnswerType}), or says plainly that the sources do not
 * give it ("the source does not say where the school is").
 */
export function answersAnswerType(text: string, type: AnswerType, question = ''): boolean {
  return statesAnswerType(text, type, question) || saysNot[type].test(text);
}

/** How a kind of fact reads in a message: "amount", "date". */
export const answerTypeLabel: Record<AnswerType, string> = { amount: 'amount', count: 'number', date: 'date', name: 'name', place: 'place' };

/** What a question of each kind asks, in a message: "asks how much". */
export const answerTypeQuestion: Record<AnswerType, string> = { amount: 'asks how much', count: 'asks how many', date: 'asks when', name: 'asks who (or which one)', place: 'asks where' };
