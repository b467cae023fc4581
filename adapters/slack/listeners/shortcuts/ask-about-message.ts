import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildNoticeMessage } from '../../build-reply.js';
import { readMessageText } from '../../message-text.js';
import { replyToQuestion, privatelyThrough, runPolitely, type SlackDeps } from '../../reply.js';

/** The message shortcut's callback id, as in manifest.json. */
export const askAboutMessageCallbackId = 'rtp_ask_about_message';

/**
 * "Ask rtp-bot about this" on a message: answers the question in that
 * message's text privately to the person who used it, through the payload's
 * response URL.
 */
export function createAskAboutMessage(deps: SlackDeps) {
  return async ({ shortcut, ack, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = privatelyThrough(respond);
    await runPolitely(deps, 'the message shortcut', reply, async () => {
      const question = readMessageText(shortcut.message.text);
      if (question === '') {
        await reply(buildNoticeMessage(`That message has no text I can read. Try it on a message that asks a question, or type \`${deps.command} your question\`.`));
        return;
      }
      await reply((await replyToQuestion(deps, question, shortcut.user.id, { origin: { via: 'shortcut' } })).message);
    });
  };
}
