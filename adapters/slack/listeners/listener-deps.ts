import type { RespondArguments, RespondFn } from '@slack/bolt';
import type { Answerer, QuestionLog } from '../../../src/index.js';
import type { LogLine } from '../../shared/platform.js';
import { checkAskerLimit, type AskerLimiter } from '../../shared/rate-limit.js';
import { buildAnswerMessage, buildNoticeMessage, type SlackMessage } from '../blocks/build-blocks.js';
import { summariseForLog } from '../log.js';
import { ReplyNotDeliveredError } from '../post-reply.js';

/** What every listener needs, handed over by app.ts. */
export interface ListenerDeps {
  /** The current answerer; called per question so a reloaded knowledge base takes effect at once. */
  getAnswerer: () => Answerer;
  questionLog: QuestionLog;
  /** Counts each Slack user's questions; over the limit they get a polite "please wait" instead. */
  limiter: AskerLimiter;
  log: LogLine;
  /** The slash command's name, e.g. `/rtp`, for the help text. */
  command: string;
  /** Registers work still running after the ack, so stopping can wait for it. */
  track: (work: Promise<void>) => void;
}

/** A reply only the person who asked sees, posted as a new message rather than over the one they clicked. */
export const privately = (message: SlackMessage): RespondArguments => ({ ...message, response_type: 'ephemeral', replace_original: false });

const sorry = buildNoticeMessage("Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment.");

/**
 * Runs a listener's work after it has acked. Any error becomes a polite
 * private reply and one log line (no secrets, no request bodies); it never throws.
 */
export async function runPolitely(deps: ListenerDeps, what: string, respond: RespondFn, work: () => Promise<void>): Promise<void> {
  const run = (async () => {
    try {
      await work();
    } catch (error) {
      deps.log('error', `slack: ${what} failed: ${summariseForLog(error)}`);
      // The reply itself could not be delivered, so neither could an apology by the same way.
      if (error instanceof ReplyNotDeliveredError) return;
      try {
        await respond(privately(sorry));
      } catch (replyError) {
        deps.log('error', `slack: the apology for ${what} could not be sent either: ${summariseForLog(replyError)}`);
      }
    }
  })();
  deps.track(run);
  await run;
}

/**
 * Answers a question, records it in the question log, and renders the reply;
 * or, when the user is over the rate limit, a polite "please wait" (nothing
 * answered, nothing recorded).
 */
export async function answerQuestion(deps: ListenerDeps, question: string, userId: string): Promise<SlackMessage> {
  const refusal = await checkAskerLimit(deps.limiter, 'slack', userId);
  if (refusal) return buildNoticeMessage(refusal);
  const answer = deps.getAnswerer().ask(question);
  const answerId = deps.questionLog.recordAnswer('slack', answer, { userId });
  return buildAnswerMessage(answer, { answerId });
}
