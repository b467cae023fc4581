import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHelpMessage } from '../../build-reply.js';
import { readMessageText } from '../../message-text.js';
import { helpExampleCount, isHelp } from '../commands/rtp.js';
import { replyToQuestion, conversationOf, runPolitely, type Deliver, type SlackDeps } from '../../reply.js';

/**
 * A message to the app in its DM (the Messages tab): answered in the DM, in
 * the thread when it was sent in one. Each next message is read as a
 * follow-up of the last answer in the DM. Only plain messages from people count:
 * bots' messages (the app's own included), edits, deletions and every other
 * subtype are ignored, as are messages in channels.
 */
export function createDirectMessage(deps: SlackDeps) {
  return async ({ event, client }: Pick<SlackEventMiddlewareArgs<'message'>, 'event'> & Pick<AllMiddlewareArgs, 'client'>): Promise<void> => {
    if (event.subtype !== undefined || event.channel_type !== 'im' || event.bot_id || !event.user) return;
    const { channel, user: userId } = event;
    const thread = event.thread_ts;
    const reply: Deliver = (message) => client.chat.postMessage({ channel, ...(thread ? { thread_ts: thread } : {}), ...message });
    await runPolitely(deps, 'a direct message', reply, async () => {
      const question = readMessageText(event.text);
      if (isHelp(question)) {
        await reply(buildHelpMessage(deps.command, deps.getAnswerer().starters(helpExampleCount)));
        return;
      }
      // A DM is one conversation with one person, threads included: a reply in the thread of an answer follows it up.
      const { message } = await replyToQuestion(deps, question, userId, { origin: { via: 'dm' }, conversation: conversationOf(channel), offerShare: false });
      await reply(message);
    });
  };
}
