import { refersBack, splitQuestion } from './question-shape.js';
import { stopWords } from './stop-words.js';

/** How a message reads as a question: the part to search on, and what surrounds it. */
export interface QuestionReading {
  /**
   * The words to search on: in a post of several sentences, the sentences
   * that ask (with the claim before a bare "is that right?"), without the
   * wrappers around a reported claim ("my manager said…", "is that true?")
   * or a sceptical one ("isn't this just…", "surely…").
   */
  focus: string;
  /** The other sentences of a longer post: who is asking, what they are planning. Empty for a plain question. */
  background: string;
}

/**
 * The wrappers around a claim someone passes on: "my director said (that)",
 * "someone on the forum claims", "I read that", "I've heard", and the
 * question tagged on after it, "is that right?", "true?". What is left is the
 * claim, which the answer confirms or corrects.
 */
const claimWrappers = [
  /\b(?:my|our|one\s+of\s+(?:my|our))\s+(?:[\p{L}'-]+\s+){0,3}?(?:said|says|told\s+(?:me|us)|tells\s+(?:me|us)|reckons?|claims?|insists?|swears|keeps\s+saying|mentioned|thinks)(?:\s+that)?\b/giu,
  /\b(?:someone|somebody|people|everyone|everybody|a\s+(?:colleague|friend|mate|manager))\s+(?:[\p{L}'-]+\s+){0,4}?(?:said|says|told\s+(?:me|us)|reckons?|claims?|insists?|keeps\s+saying|are\s+saying)(?:\s+that)?\b/giu,
  /\bi\s*(?:'ve|\s+have)?\s+(?:read|heard|seen)\s+(?:somewhere\s+|online\s+|that\s+)?(?:that\s+)?/giu,
  /\b(?:is|was|are)\s+(?:that|this|it|he|she|they)\s+(?:actually\s+|really\s+|even\s+)?(?:right|true|correct|accurate|the\s+case|so|fair)\b/giu,
  /\b(?:true|right|correct|accurate)\s*\?/giu,
  /\b(?:fact\s+check|sanity\s+check|can\s+(?:you|someone|anyone)\s+(?:confirm|check))\b/giu,
];

/**
 * Sceptical wrappers: "isn't this just…", "surely…", "come on,", "seriously?".
 * They say how the asker feels, not what they ask about.
 */
const scepticalWrappers = [
  /\b(?:isn'?t|aren'?t|wasn'?t|doesn'?t)\s+(?:this|it|that|the\s+whole\s+thing|all\s+this|this\s+all)\s+(?:just|really|simply|basically|all|only)?\b/giu,
  /\b(?:surely|come\s+on|seriously|let'?s\s+be\s+honest|be\s+honest)\b/giu,
];

/** Chat noise: reactions and abbreviations that carry no question ("lol", "tbh", "ngl", "anyone know"). */
const chatNoise =
  /\b(?:lol|lmao|lmfao|rofl|haha+|hehe+|tbh|ngl|imo|imho|idk|iirc|afaik|fyi|btw|smh|omg|omfg|rn|fr|tho|ya|yall|y'all|bruh|bro|fam|pls|plz|ty|thx|anyone\s+know(?:\s+if)?|does\s+anyone\s+know(?:\s+if)?|any(?:one|body)\s+got|quick\s+q(?:uestion)?|q\s+for\s+(?:you|the\s+channel))\b/giu;

/** Emoji and other pictographs. */
const pictographs = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}/gu;

/** Openings of a sentence that asks, even without a question mark. */
const asking =
  /^\W*(?:who|whom|whose|what|what's|whats|when|where|which|why|how|did|does|do|is|was|were|are|can|could|will|would|should|has|have|had|isn't|wasn't|doesn't|didn't|tell\s+me|explain|i\s+(?:want|need|would\s+like|'d\s+like)\s+to\s+know|i'?m\s+(?:wondering|trying\s+to\s+(?:find\s+out|work\s+out|understand))|wondering|please\s+(?:confirm|advise|explain|clarify)|any\s+idea)\b/iu;

/** The words of a sentence that say something: neither stop words nor chat noise. */
const contentWordsOf = (sentence: string): string[] => (sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !stopWords.has(word) && word.length > 1);

/** Splits a post into sentences, keeping each one's closing punctuation. */
function sentencesOf(text: string): string[] {
  return (text.match(/[^.!?\n]+(?:[.!?]+|\n+|$)/gu) ?? []).map((sentence) => sentence.trim()).filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/** Removes the wrappers around a claim or a sceptical question, and chat noise; leaves the text as it was when nothing would be left. */
export function stripWrappers(text: string): string {
  let out = text.replace(/[\u2018\u2019\u02bc`]/g, "'").replace(pictographs, ' ');
  for (const wrapper of [...claimWrappers, ...scepticalWrappers]) out = out.replace(wrapper, ' ');
  // A tag question taken away leaves its question mark behind: "…saved money. ?" reads "…saved money.".
  out = out
    .replace(chatNoise, ' ')
    .replace(/\s+/g, ' ')
    .replace(/([.!?,;:])\s*\?+/g, '$1')
    .trim();
  return contentWordsOf(out).length > 0 ? out : text;
}

/**
 * Reads a message as a question. A post of several sentences is searched on
 * the sentences that ask (a question mark, or a question word first),
 * unless one of them points back or has no words of its own ("is that
 * right?", "what did he say?"): then the whole post. The other sentences are
 * background. Wrappers and chat noise are left out.
 */
export function readQuestion(text: string): QuestionReading {
  const sentences = sentencesOf(text);
  if (sentences.length < 2) return { focus: stripWrappers(text), background: '' };
  const asks = sentences.map((sentence) => sentence.endsWith('?') || asking.test(sentence));
  if (!asks.some(Boolean)) return { focus: stripWrappers(text), background: '' };
  // A question that points back ("what did he say?", "was there?") or has
  // hardly a word of its own leans on the sentences around it: then the whole
  // post is what it asks about.
  const leans = sentences.some((sentence, i) => asks[i] && (refersBack(sentence) || contentWordsOf(stripWrappers(sentence)).length < 2));
  if (leans) return { focus: stripWrappers(text), background: '' };
  const chosen = new Set(asks.flatMap((isQuestion, i) => (isQuestion ? [i] : [])));
  const focus = sentences.filter((_, i) => chosen.has(i)).join(' ');
  const background = sentences.filter((_, i) => !chosen.has(i)).join(' ');
  return { focus: stripWrappers(focus), background };
}

/** A message read as a question, and the questions it asks when it asks more than one. */
export interface MessageReading extends QuestionReading {
  /** The focus split into the questions it asks ("who ran it, and did it work?"); fewer than two when it asks one. */
  parts: string[];
}

/** Reads a message (see {@link readQuestion}) and splits what it asks into its questions. */
export function readMessage(text: string): MessageReading {
  const reading = readQuestion(text);
  return { ...reading, parts: splitQuestion(reading.focus) };
}
