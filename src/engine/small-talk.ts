import { normaliseQuestionKey } from '../knowledge/load-knowledge.js';
import type { SmallTalk } from '../types.js';

/**
 * Finds the reply to a message that is small talk, not a question: a whole
 * message listed under `says` in `small-talk.yaml` ("hi", "thanks!", "what can
 * you do?"), ignoring case, punctuation and spacing. `null` for anything else,
 * so "hi, what is the Right to Provide?" is still searched as a question.
 */
export function createSmallTalkMatcher(smallTalk: SmallTalk | undefined): (message: string) => string | null {
  const replyOf = new Map<string, string>();
  for (const { says, reply } of smallTalk?.replies ?? []) for (const message of says) replyOf.set(normaliseQuestionKey(message), reply);
  return (message) => (replyOf.size === 0 ? null : (replyOf.get(normaliseQuestionKey(message)) ?? null));
}
