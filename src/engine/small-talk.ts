import { normaliseQuestionKey } from '../text/question-key.js';
import type { SmallTalk } from '../types.js';

/** The reply to a message that is small talk, or `null` for anything else. */
export type SmallTalkMatcher = (message: string) => string | null;

/**
 * Finds the reply to a message that is small talk, not a question: a whole
 * message listed under `says` in `small-talk.yaml` ("hi", "thanks!", "what
 * can you do?"), ignoring case, punctuation, emoji and the words listed under
 * `ignore` ("ok bye", "thank you so much mate"); or several such messages in
 * a row ("thanks, bye"), which get the reply to the last. `null` for anything
 * else, so "hi, what is the Right to Provide?" is still searched as a question.
 */
export function createSmallTalkMatcher(smallTalk: SmallTalk | undefined): SmallTalkMatcher {
  const replyOf = new Map<string, string>();
  for (const { says, reply } of smallTalk?.replies ?? []) for (const message of says) replyOf.set(normaliseQuestionKey(message), reply);
  const ignored = new Set((smallTalk?.ignore ?? []).map(normaliseQuestionKey));
  const longest = Math.max(0, ...[...replyOf.keys()].map((key) => key.split(' ').length));

  // The reply to the last of the small-talk messages that together make up all of these words, or `null`.
  const replyToRun = (words: readonly string[]): string | null => {
    let at = 0;
    let reply: string | null = null;
    while (at < words.length) {
      let step = 0;
      for (let size = Math.min(longest, words.length - at); size > 0 && step === 0; size--) {
        const found = replyOf.get(words.slice(at, at + size).join(' '));
        if (found !== undefined) {
          reply = found;
          step = size;
        }
      }
      if (step === 0) return null;
      at += step;
    }
    return reply;
  };

  return (message) => {
    if (replyOf.size === 0) return null;
    const key = normaliseQuestionKey(message);
    const exact = replyOf.get(key);
    if (exact !== undefined) return exact;
    const words = key.split(' ').filter((word) => word !== '' && !ignored.has(word));
    return words.length === 0 ? null : replyToRun(words);
  };
}
