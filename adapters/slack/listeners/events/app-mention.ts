import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHelpMessage } from '../../build-reply.js';
import { readMessageText } from '../../message-text.js';
import { helpExampleCount, isHelp } from '../commands/rtp.js';
import { replyToQuestion, conversationOf, runPolitely, type Deliver, type SlackDeps } from '../../reply.js';

/**
 * An @mention of the bot in a channel: answered in the thread of the mention,
 * for everyone there, since the question was asked in public. In a thread
 * where the bot has answered, the mention is read as a follow-up. Mentions by
 * bots, and edited messages, are left alone. A "please wait" (rate limit) or
 * an apology goes only to the person who asked.
 */
export function createAppMention(deps: SlackDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const userId = event.user;
    // In the app's own DM, the message event answers it (direct-message.ts); answering here too would answer twice.
    if (!userId || event.bot_id || event.subtype !== undefined || event.edited || event.channel.startsWith('D')) return;
    const channel = event.channel;
    const thread = event.thread_ts ?? event.ts;
    const inThread: Deliver = (message) => client.chat.postMessage({ channel, thread_ts: thread, ...message });
    const toAsker: Deliver = (message) => client.chat.postEphemeral({ channel, user: userId, thread_ts: thread, ...message });
    await runPolitely(deps, 'a mention', toAsker, async () => {
      const question = readMessageText(event.text);
      if (isHelp(question)) {
        await inThread(buildHelpMessage(deps.command, deps.getAnswerer().starters(helpExampleCount)));
        return;
      }
      const { message, answer } = await replyToQuestion(deps, question, userId, { origin: { via: 'mention' }, conversation: conversationOf(channel, thread), offerShare: false });
      await (answer ? inThread : toAsker)(message);
    });
  };
}
