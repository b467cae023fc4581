/**
 * A clause in which people say who they are or where they work before they
 * ask ("I'm a district nurse", "I work at a PCT", "we're a community physio
 * team"). It runs to the next punctuation mark, dash or "and"/"but"/"so", and
 * only counts at the start of the text or of a sentence or clause.
 */
const personalContext =
  /(^|[,.;:!?]\s*|\s[-–—]\s*)(?:hi|hello|hey)?[\s,]*(?:i\s*'?\s*m|i\s+am|we\s*'?\s*re|we\s+are)\s+(?:a|an|in|at|on|with|from|part\s+of|one\s+of)\s[^,.;:!?–—]*?(?=$|[,.;:!?]|\s[-–—]\s|\s(?:and|but|so)\s)|(^|[,.;:!?]\s*|\s[-–—]\s*)(?:i|we)\s+work\s+(?:at|in|for|as|on|with)\s[^,.;:!?–—]*?(?=$|[,.;:!?]|\s[-–—]\s|\s(?:and|but|so)\s)/giu;

/**
 * Removes the personal context around a question, so that the words that say
 * who is asking ("I'm a physio in a community team") neither count against a
 * fair match nor pull the search towards entries that mention physios. When
 * nothing but context is left, the text is returned as it was.
 */
export function stripPersonalContext(text: string): string {
  const plain = text.replace(/[\u2018\u2019\u02bc`]/g, "'");
  const stripped = plain.replace(personalContext, (_match, before1: string | undefined, before2: string | undefined) => before1 ?? before2 ?? '');
  return /[\p{L}\p{N}]/u.test(stripped) ? stripped : text;
}
