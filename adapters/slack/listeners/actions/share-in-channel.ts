import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildAnswerMessage, buildNoticeMessage, readShareValue } from '../../build-reply.js';
import { privately, privatelyThrough, runPolitely, type SlackDeps } from '../../reply.js';

// Slack's answers when the bot may not post where the button was clicked.
const cannotPostHere = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'cannot_reply_to_message']);

const slackErrorCode = (error: unknown): string | undefined => {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
};

/**
 * Share in channel was clicked: posts the answer visibly in the conversation
 * (chat.postMessage), then deletes the private copy through the response URL.
 */
export function createShareInChannel(deps: SlackDeps) {
  return async ({ action, body, ack, respond, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await runPolitely(deps, 'Share in channel', privatelyThrough(respond), async () => {
      const shared = readShareValue(action.value);
      const channel = body.channel?.id ?? body.container?.channel_id;
      const answer = shared ? deps.getAnswerer().ask(shared.question) : null;
      if (!shared || !answer || answer.status !== 'answered' || typeof channel !== 'string') {
        await respond(privately(buildNoticeMessage("Sorry, I couldn't share that answer. Please ask the question again and share the new answer.")));
        return;
      }
      try {
        await client.chat.postMessage({ channel, ...buildAnswerMessage(answer, { answerId: shared.answerId, shared: true }) });
      } catch (error) {
        const code = slackErrorCode(error);
        if (code === undefined || !cannotPostHere.has(code)) throw error;
        await respond(
          privately(buildNoticeMessage(`I can't post in this conversation (${code}). Add me to the channel (type \`/invite\` and my name), then press *Share in channel* again.`)),
        );
        return;
      }
      await respond({ delete_original: true });
    });
  };
}
