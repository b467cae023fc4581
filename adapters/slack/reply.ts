import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { Answer, QuestionLog, QuestionOrigin } from '../../src/index.js';
import { answerQuestion, type CurrentAnswerer } from '../shared/answer-question.js';
import type { ConversationMemory } from '../shared/conversations.js';
import type { LogLine } from '../shared/platform.js';
import type { AskerLimiter } from '../shared/rate-limit.js';
import type { AssistantPane } from './assistant-pane.js';
import { buildAnswerMessage, buildNoticeMessage, type SlackMessage } from './build-reply.js';
import { summariseForLog } from './log.js';
import { ReplyNotDeliveredError } from './post-reply.js';

/** What every listener needs, handed over by app.ts. */
export interface SlackDeps {
  /** The current answerer; called per question so a reloaded knowledge base takes effect at once. */
  getAnswerer: CurrentAnswerer;
  questionLog: QuestionLog;
  /** Counts each Slack user's questions; over the limit they get a polite "please wait" instead. */
  askerLimiter: AskerLimiter;
  log: LogLine;
  /** The slash command's name, e.g. `/rtp`, for the help text. */
  command: string;
  /** Follow-ups: the last answer's entry in each thread and DM. */
  conversations: ConversationMemory;
  /** `SLACK_ESCALATION_CHANNEL`: where "Still need help?" posts a question; no such button without it. */
  escalationChannel: string | undefined;
  /** Registers work still running after the ack, so stopping can wait for it. */
  track: (work: Promise<void>) => void;
  /** Slack's assistant pane: the threads opened in it, and its calls that may fail. */
  pane: AssistantPane;
}

/** A reply only the person who asked sees, posted as a new message rather than over the one they clicked. */
export const privately = (message: SlackMessage): RespondArguments => ({ ...message, response_type: 'ephemeral', replace_original: false });

/** Sends a message somewhere: privately through a response URL, in a thread, in a DM. */
export type Deliver = (message: SlackMessage) => Promise<unknown>;

/** Delivers through a response URL, privately to the person who acted. */
export const privatelyThrough =
  (respond: RespondFn): Deliver =>
  (message) =>
    respond(privately(message));

const sorry = buildNoticeMessage("Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment.");

/**
 * Runs a listener's work after it has acked. Any error becomes a polite
 * apology, sent by `apologise`, and one log line (no secrets, no request
 * bodies); it never throws.
 */
export async function runPolitely(deps: SlackDeps, what: string, apologise: Deliver, work: () => Promise<void>): Promise<void> {
  const run = (async () => {
    try {
      await work();
    } catch (error) {
      deps.log('error', `slack: ${what} failed: ${summariseForLog(error)}`);
      // The reply itself could not be delivered, so neither could an apology by the same way.
      if (error instanceof ReplyNotDeliveredError) return;
      try {
        await apologise(sorry);
      } catch (replyError) {
        deps.log('error', `slack: the apology for ${what} could not be sent either: ${summariseForLog(replyError)}`);
      }
    }
  })();
  deps.track(run);
  await run;
}

/** How a Slack question came in, and how its reply is rendered. */
export interface SlackQuestion {
  /** How it came in (`via`, `followedFrom`, `channelContext`), for the question log. */
  origin: QuestionOrigin;
  /** The conversation (thread or DM) it belongs to: asked as a follow-up of its last answer. None: it stands alone. */
  conversation?: string;
  /** Offer Share in channel (not for replies already in the open). @default true */
  offerShare?: boolean;
  /** Asked in Slack's assistant pane: rendered for it (question buttons ask in the thread, Slack's own 👍 / 👎). */
  assistantPane?: boolean;
}

/** A rendered reply: the answer, or a "please wait" (`answer` null) for a user over the rate limit. */
export interface SlackReply {
  message: SlackMessage;
  answer: Answer | null;
}

/**
 * Answers a question through the one way in every platform shares (rate
 * limit, answer, question log, conversation) and renders the reply as a Slack
 * message: the answer, or a polite "please wait" (nothing answered, nothing recorded).
 */
export async function replyToQuestion(deps: SlackDeps, question: string, userId: string, how: SlackQuestion): Promise<SlackReply> {
  const reply = await answerQuestion(deps, { platform: 'slack', question, userId, origin: how.origin, ...(how.conversation ? { conversation: how.conversation } : {}) });
  if (reply.kind === 'wait') return { message: buildNoticeMessage(reply.notice), answer: null };
  const options = {
    answerId: reply.answerId,
    offerShare: how.offerShare !== false,
    offerEscalation: deps.escalationChannel !== undefined,
    assistantPane: how.assistantPane === true,
  };
  return { message: buildAnswerMessage(reply.answer, options), answer: reply.answer };
}

/** The conversation a message belongs to: its thread, or the top level of its channel or DM. */
export const conversationOf = (channel: string, threadTs?: string): string => `slack:${channel}:${threadTs ?? ''}`;
