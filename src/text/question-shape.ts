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
