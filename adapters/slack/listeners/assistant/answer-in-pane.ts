import type { AllMiddlewareArgs } from '@slack/bolt';
import { buildHelpMessage, buildThreadTitle } from '../../build-reply.js';
import { helpExampleCount, isHelp } from '../commands/rtp.js';
import { replyToQuestion, conversationOf, runPolitely, type Deliver, type SlackDeps } from '../../reply.js';

/** What the pane shows beside the app's name while a question is answered; Slack clears it when the reply is posted. */
export const lookingUpStatus = 'is looking that up…';

/** A question asked in a thread of the assistant pane. */
export interface PaneQuestion {
  /** The pane's DM with the person, and the thread the question was asked in. */
  channel: string;
  thread: string;
  userId: string;
  question: string;
  /** `assistant` for a message typed (or a suggested prompt picked) in the pane, `button` for a click on one of its replies. */
  via: 'assistant' | 'button';
  /** The answer id of the reply whose button asked it. */
  followedFrom?: string | null;
  /** For the log line if it fails: "a question in the assistant pane". */
  what: string;
}

/**
 * Answers a question in the assistant pane, in its thread: the status while it
 * is answered, the answer (through the same ask path as every other way in,
 * with the thread as the conversation), and the thread's title from its first
 * real question. The status and title are calls to the Web API rather than
 * Bolt's `setStatus` / `setTitle`, which only the Assistant's own listeners
 * get and which make the same calls: a click on a reply's button is answered
 * here too. Either may fail without stopping the answer.
 */
export async function answerInPane(deps: SlackDeps, client: AllMiddlewareArgs['client'], asked: PaneQuestion): Promise<void> {
  const { channel, thread, userId, question } = asked;
  const conversation = conversationOf(channel, thread);
  const reply: Deliver = (message) => client.chat.postMessage({ channel, thread_ts: thread, ...message });
  await runPolitely(deps, asked.what, reply, async () => {
    await deps.pane.attempt('assistant.threads.setStatus', () => client.assistant.threads.setStatus({ channel_id: channel, thread_ts: thread, status: lookingUpStatus }));
    if (isHelp(question)) {
      await reply(buildHelpMessage(deps.command, deps.getAnswerer().starters(helpExampleCount)));
      return;
    }
    const { message, answer } = await replyToQuestion(deps, question, userId, {
      origin: { via: asked.via, ...(asked.followedFrom ? { followedFrom: asked.followedFrom } : {}), channelContext: deps.pane.thread(conversation)?.channelContext ?? false },
      conversation,
      offerShare: false,
      assistantPane: true,
    });
    await reply(message);
    // A greeting or a refusal is no topic for a title; the first real question is.
    const isQuestion = answer !== null && answer.status !== 'small_talk' && answer.status !== 'invalid';
    if (isQuestion && deps.pane.claimTitle(conversation)) {
      await deps.pane.attempt('assistant.threads.setTitle', () => client.assistant.threads.setTitle({ channel_id: channel, thread_ts: thread, title: buildThreadTitle(question) }));
    }
  });
}
