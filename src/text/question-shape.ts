/** Words that start a question, after which "and" or a dash begins a second one. */
const questionStart = String.raw`(?:who|whom|whose|what|whats|what's|when|where|which|why|how|did|does|do|is|was|were|are|can|could|will|would|should|has|have|had)\b`;

/** Where one question ends and another begins: "?" with more after it, ";", or "and"/a dash before a question word. */
const boundary = new RegExp(String.raw`\?+\s+(?=\S)|;\s*|,?\s+and\s+(?=${questionStart})|\s+[-–—]\s+(?=${questionStart})`, 'giu');

/**
 * Splits a message that asks several questions into its questions, in order:
 * "who chaired it, and who paid for it?" gives "who chaired it" and "who paid
 * for it". A message with one question comes back as one part.
 */
export function splitQuestion(text: string): string[] {
  return text
    .split(boundary)
    .map((part) => part.trim().replace(/^[,\s]+|[,\s]+$/g, ''))
    .filter((part) => /[\p{L}\p{N}]/u.test(part));
}

/** Words that point back at something said before. */
const pointingBack = /\b(?:it|its|it's|they|them|their|theirs|he|him|his|she|her|hers|that|this|those|these|the same|the rest|the others?|the former|the latter)\b/iu;

/** Openings that carry on from what came before: "and the home office?", "what about nurses?". */
const carryingOn = /^\s*(?:and|also|so|but|or|ok(?:ay)?\s+so|what\s+about|how\s+about|what\s+else|anything\s+else)\b/iu;

/**
 * Whether a question leans on what was said before: it points back ("who ran
 * it?", "what did she say?") or carries on ("and the nurses?"). Such a
 * question is read in the context of the previous answer, when there is one.
 */
export function refersBack(question: string): boolean {
  const plain = question.replace(/[\u2018\u2019\u02bc`]/g, "'");
  return pointingBack.test(plain) || carryingOn.test(plain);
}

/**
 * Whether a question carries on from what came before with a subject of its
 * own ("and what about nurses?", "how about the Home Office?") rather than
 * pointing back at the same subject ("who ran it?").
 */
export function carriesOn(question: string): boolean {
  const plain = question.replace(/[\u2018\u2019\u02bc`]/g, "'");
  return carryingOn.test(plain) && !pointingBack.test(plain);
}

/** Verbs that ask the bot to make or do something, not to tell what its sources say. */
const doingVerbs = String.raw`(?:write|draft|predict|forecast|calculate|estimate|work\s+out|figure\s+out|send|make|create|produce|prepare|put\s+together|fill(?:\s+in|\s+out)?|book|email|e-mail|sign|submit|file|review|check\s+over|proofread|design|plan\s+out|set\s+up|sort\s+out|arrange|organise|organize|contact|find\s+me|get\s+me|recommend|suggest|advise|help\s+(?:me|us)\s+(?:to\s+)?(?:write|draft|plan|apply|prepare|choose|decide|set|fill|put|work|make|get))`;

/**
 * Asking for an action or an opinion rather than a fact: "can you draft a
 * letter…", "is there a template…", "should we spin out?", "what do you
 * think…", "would you recommend…". Such a request is declined plainly, since
 * the bot only reports what its sources say.
 */
const actionOrOpinion = new RegExp(
  [
    String.raw`\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|just\s+|quickly\s+)?${doingVerbs}\b`,
    String.raw`^\W*(?:please\s+|pls\s+)?${doingVerbs}\b`,
    String.raw`\b(?:template|pro\s?forma|sample\s+(?:letter|plan|policy|email|form)|example\s+(?:letter|email|business\s+plan)|boilerplate)s?\b`,
    // "Should we spin out?" asks for advice; "how often should I…" asks how a thing is done.
    String.raw`^\W*(?:(?:so|ok(?:ay)?|and|but|honestly)\W+)?should\s+(?:i|we|my\s+\w+|our\s+\w+)\b`,
    String.raw`\b(?:i|we)\s+(?:wonder|am\s+wondering|'m\s+wondering|can'?t\s+decide)\s+(?:if|whether)\s+(?:i|we)\s+should\b`,
    String.raw`\b(?:what|how)\s+do\s+(?:you|u)\s+(?:think|reckon|feel|rate)\b`,
    String.raw`\bdo\s+(?:you|u)\s+(?:think|reckon|recommend|advise)\b`,
    String.raw`\b(?:your|ur)\s+(?:own\s+)?(?:opinion|view|views|advice|recommendation|take|verdict)\b`,
    String.raw`\bwould\s+(?:you|u)\s+(?:recommend|advise|suggest|go\s+for|back)\b`,
    String.raw`\b(?:is|was)\s+it\s+(?:worth|wise|a\s+good\s+idea|a\s+bad\s+idea)\b`,
    String.raw`\bwhich\s+(?:one\s+)?(?:is|would\s+be)\s+(?:better|best)\s+for\s+(?:me|us|my|our)\b`,
    String.raw`\b(?:give|send|get)\s+me\s+(?:a|an|the)\s+(?:template|form|letter|contact|number|email|link|lawyer|solicitor|adviser|advisor)\b`,
  ].join('|'),
  'iu',
);

/** Whether a question asks the bot to do something or to give an opinion (see {@link actionOrOpinion}). */
export function asksForAction(question: string): boolean {
  return actionOrOpinion.test(question.replace(/[\u2018\u2019\u02bc`]/g, "'"));
}

/**
 * Words that ask about two things side by side: "X vs Y", "the difference
 * between X and Y", "how does X compare with Y", "who led each", "were both…".
 */
const comparing =
  /\b(?:vs\.?|versus|v\.|compared?|comparison|comparing|difference|differences|differ|differs|different\s+from|distinguish|same\s+(?:as|thing|page|wavelength|programme|scheme)|similar|similarities|alike|in\s+common|each|both|either|equally|respectively|stacks?\s+up|as\s+opposed\s+to|which\s+(?:one|came)\s+first|one\s+or\s+the\s+other)\b/iu;

/** Whether a question asks about two things side by side (see {@link comparing}). */
export function asksToCompare(question: string): boolean {
  return comparing.test(question);
}

/** Words that end a side of a comparison: a side is a name or a short noun phrase, not a clause. */
const sideEnd = new Set(
  `what whats what's who whose whom which when where why how is are was were do does did has have had can could will would should
  each both either neither respectively equally alike same similar different differ differs compare compared comparing comparison
  between of on about for in at with to from than think thought say said says see saw feel felt go went get got take took
  really actually just also all any anyone anybody one ones vs versus v the`.split(/\s+/),
);

/** Words that may join the parts of one side when a name follows: "Ricketts at DH", "Unison on foundation trusts". */
const sideJoins = new Set(['at', 'of', 'on', 'from', 'in']);

const isCapitalised = (word: string | undefined): boolean => word !== undefined && /^\p{Lu}/u.test(word.replace(/^[^\p{L}]+/u, ''));

/** The words of a side, taken from the separator outwards until a word that ends it, at most `max` words. */
function sideWords(words: readonly string[], from: number, step: 1 | -1, max = 6): string[] {
  const side: string[] = [];
  for (let i = from; i >= 0 && i < words.length && side.length < max; i += step) {
    const word = words[i]!;
    const bare = word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const next = words[i + step];
    // A capitalised word beside a name is part of it ("Will Hutton"); a joining word before a name joins it on.
    const inName = isCapitalised(word) && side.length > 0 && isCapitalised(words[i - step]);
    const joins = sideJoins.has(bare) && side.length > 0 && isCapitalised(next);
    if (bare === '' || (sideEnd.has(bare) && !inName && !joins && !(side.length === 0 && bare === 'the'))) break;
    if (step === 1) side.push(word);
    else side.unshift(word);
    // Punctuation after a word (going right) or before it (going left) ends the side.
    if (step === 1 ? /[,;:?!.–—)]$/u.test(word) : /^[(–—]/u.test(word)) break;
  }
  return side.map((word) => word.replace(/^[^\p{L}\p{N}£$€]+|[^\p{L}\p{N}%]+$/gu, '')).filter(Boolean);
}

/** Separators between the two sides of a comparison, strongest first. */
const sideSeparators = [/^(?:vs\.?|versus|v\.)$/iu, /^(?:and|&|or)$/iu];

/**
 * The two things a comparison asks about, and what it asks of each:
 * "Circle vs Central Surrey Health — how are they alike?" gives the sides
 * "Circle" and "Central Surrey Health" and the aspect "how are they alike?".
 * `null` when the question does not compare (see {@link asksToCompare}) or
 * its two sides cannot be told apart.
 */
export function splitComparison(question: string): { sides: [string, string]; aspect: string } | null {
  if (!asksToCompare(question)) return null;
  const words = question
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/\s+[-–—]\s+/g, ' — ')
    // A named right is one thing ("right to request"), and a separator of several words is one.
    .replace(/\b(rights?)\s+(?:to|2)\s+(\p{L}+)/giu, '$1-to-$2')
    .replace(/\b(?:(?:is\s+)?different\s+from|compared?\s+(?:to|with)|as\s+opposed\s+to|rather\s+than)\b/giu, 'vs')
    .split(/\s+/)
    .filter(Boolean);
  for (const separator of sideSeparators) {
    for (let at = 1; at + 1 < words.length; at++) {
      if (!separator.test(words[at]!)) continue;
      // "X vs. Y": the separator may carry the punctuation of the left side.
      const left = sideWords(words, at - 1, -1);
      const right = sideWords(words, at + 1, 1);
      if (left.length === 0 || right.length === 0) continue;
      const start = at - left.length;
      const end = at + right.length;
      const aspect = [...words.slice(0, Math.max(0, start)), ...words.slice(end + 1)]
        .join(' ')
        .replace(/(?:^|\s+)—(?:\s+|$)/g, ' ')
        .trim();
      const unjoin = (text: string): string => text.replace(/\b(rights?)-to-(\p{L}+)/giu, '$1 to $2');
      return { sides: [unjoin(left.join(' ')), unjoin(right.join(' '))], aspect: unjoin(aspect) };
    }
  }
  return null;
}

/**
 * Asking about the documents behind an answer rather than its facts: "which
 * of your sources says…", "where does the 45k figure come from?", "who wrote
 * the piece on…", "how old is your information on…".
 */
const aboutSources = [
  /\b(?:which|what)\s+(?:of\s+(?:your|our|the|these|those)\s+)?(?:sources?|docs?|documents?|articles?|pieces?|reports?|posts?|papers?|stories|story|blogs?|pages?)\b/iu,
  /\bwhere\s+(?:does|did|do|is|are|was|'s|s)\b.*?\bfrom\s*[?.!]*$/iu,
  /\b(?:come|came|comes|coming)\s+from\b/iu,
  /\bwhere\s+did\s+(?:you|u)\s+(?:get|find|read)\b/iu,
  /\b(?:your|ur)\s+(?:sources?|docs?|documents?|info|information|material|data|knowledge)\b/iu,
  /\bsources?\s+(?:for|of|on)\b/iu,
  /\bwho\s+(?:wrote|reported|published|authored|ran|put\s+out)\b/iu,
  /\bwhose\s+(?:blog|article|post|piece|report|site|page)\b/iu,
  /\bhow\s+(?:old|recent|up\s+to\s+date|up-to-date|current|dated|fresh)\s+(?:is|are)\b/iu,
  /\bwhen\s+was\s+(?:it|that|this|the\s+\w+(?:\s+\w+)?)\s+(?:written|published|posted|put\s+out)\b/iu,
];

/** Whether a question asks about the documents behind an answer (see {@link aboutSources}). */
export function asksAboutSources(question: string): boolean {
  const plain = question.replace(/[\u2018\u2019\u02bc`]/g, "'");
  return aboutSources.some((pattern) => pattern.test(plain));
}

/** Openings of a question that asks yes or no: "did…", "is it…", "can staff…", "isn't it…". */
const yesNoOpening =
  /^(?:(?:so|and|but|ok(?:ay)?|then|also|wait)\W+)?(?:is|isn't|are|aren't|was|wasn't|were|weren't|do|don't|does|doesn't|did|didn't|can|can't|could|couldn't|will|won't|would|wouldn't|should|shouldn't|has|hasn't|have|haven't|had|hadn't|may|might|must)\b/iu;

/**
 * Whether a question asks yes or no: it opens with an auxiliary verb ("Did
 * Lansley…", "Is it…"), once greetings and personal context are left aside,
 * and offers no choice between two things ("is it X or Y?").
 */
export function asksYesNo(question: string): boolean {
  const plain = question
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/^[^\p{L}]+/u, '')
    .replace(/^(?:hi|hello|hey|quick\s+question|question)\W+/iu, '');
  return yesNoOpening.test(plain) && !/\bor\b(?!\s+not\b)/iu.test(plain);
}
