import { previousAfter, type Answer, type AskOptions, type Answerer, type Platform, type QuestionLog, type QuestionOrigin } from '../../src/index.js';
import type { ConversationMemory } from './conversations.js';
import { checkAskerLimit, type AskerLimiter } from './rate-limit.js';

/** The answerer to use right now: called per question, so a reloaded knowledge base takes effect at once. */
export type CurrentAnswerer = () => Answerer;

/** What answering a question needs from the running bot. */
export interface AnswerServices {
  getAnswerer: CurrentAnswerer;
  /** Where every answer given is recorded. */
  questionLog: QuestionLog;
  /** Counts each person's questions; over the limit they get a "please wait". None: no limit (the command line). */
  askerLimiter?: AskerLimiter;
  /** Where a conversation's last answer is remembered, for follow-ups. None: every question stands alone. */
  conversations?: ConversationMemory;
}

/** One question as it came in, from any way in. */
export interface IncomingQuestion {
  platform: Platform;
  /** The question's text, as the platform gave it (mentions and markup already taken out). */
  question: string;
  /** Who asked, as the platform names them: their questions count towards their rate limit. None: no limit applies. */
  userId?: string;
  /** How it came in (`via`, `followedFrom`, `channelContext`), recorded with the answer. */
  origin: QuestionOrigin;
  /**
   * The conversation it belongs to (a thread, a DM, the console): it is read
   * against that conversation's last answer, and its own answer moves the
   * conversation on (see `previousAfter`). None: it stands alone.
   */
  conversation?: string;
}

/** An answer to send back, with the id the question log gave it (feedback on it carries that id). */
export interface AnswerReply {
  kind: 'answer';
  answer: Answer;
  answerId: string;
}

/** A polite "please wait" for a person over the rate limit: nothing was answered or recorded. */
export interface WaitReply {
  kind: 'wait';
  notice: string;
}

/** What to send back for a question. */
export type QuestionReply = AnswerReply | WaitReply;

/**
 * Remembers where a conversation stands after an answer: only an answer moves
 * it on (`previousAfter`), and remembering again restarts its clock, even for
 * the same entry. A clarification or a decline leaves it as it was.
 */
export async function moveConversation(memory: ConversationMemory, key: string, answer: Answer): Promise<void> {
  const movedTo = previousAfter(answer, null);
  if (movedTo !== null) await memory.remember(key, movedTo);
}

/** 1. The rate limit: over it, the asker is told to wait, and nothing is answered or recorded. */
async function refuseOverLimit(services: AnswerServices, incoming: IncomingQuestion): Promise<WaitReply | null> {
  if (!services.askerLimiter || incoming.userId === undefined) return null;
  const refusal = await checkAskerLimit(services.askerLimiter, incoming.platform, incoming.userId);
  return refusal === null ? null : { kind: 'wait', notice: refusal };
}

/** 2. The conversation's last answer, which the question is read against; `null` when it stands alone. */
async function recallPrevious(services: AnswerServices, incoming: IncomingQuestion): Promise<AskOptions['previous']> {
  if (!services.conversations || incoming.conversation === undefined) return null;
  return services.conversations.recall(incoming.conversation);
}

/** 3 and 4. The question log, with how the question came in; then the conversation moves on. */
async function recordAnswer(services: AnswerServices, incoming: IncomingQuestion, answer: Answer): Promise<AnswerReply> {
  const { platform, userId, conversation } = incoming;
  const answerId = services.questionLog.recordAnswer(platform, answer, userId === undefined ? undefined : { userId }, incoming.origin);
  if (services.conversations && conversation !== undefined) await moveConversation(services.conversations, conversation, answer);
  return { kind: 'answer', answer, answerId };
}

/**
 * The one way in for every question, whichever platform it came from: the
 * rate limit, then the answer (read against the conversation's last answer),
 * the question log, and the conversation moved on. The platform only renders
 * the reply and delivers it.
 */
export async function answerQuestion(services: AnswerServices, incoming: IncomingQuestion): Promise<QuestionReply> {
  const wait = await refuseOverLimit(services, incoming);
  if (wait !== null) return wait;
  const previous = await recallPrevious(services, incoming);
  const answer = services.getAnswerer().ask(incoming.question, { previous });
  return recordAnswer(services, incoming, answer);
}

/**
 * The same way in for a post nobody addressed to the bot (a new forum post):
 * `question`, then each of `alternatives` in turn, until an answer is worth
 * giving unasked. `null` when none is (or the asker is over the rate limit):
 * nothing is recorded and the bot stays silent.
 */
export async function answerUnaskedPost(
  services: AnswerServices,
  incoming: IncomingQuestion,
  alternatives: readonly string[],
  worthGiving: (answer: Answer) => boolean,
): Promise<AnswerReply | null> {
  if ((await refuseOverLimit(services, incoming)) !== null) return null;
  const previous = await recallPrevious(services, incoming);
  const answerer = services.getAnswerer();
  for (const wording of [incoming.question, ...alternatives]) {
    const answer = answerer.ask(wording, { previous });
    if (worthGiving(answer)) return recordAnswer(services, incoming, answer);
  }
  return null;
}
