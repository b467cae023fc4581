import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { moveConversation } from '../../../shared/answer-question.js';
import { readAskValue } from '../../build-reply.js';
import { replyToQuestion, conversationOf, privatelyThrough, runPolitely, type Deliver, type SlackDeps } from '../../reply.js';

/**
 * A related question, a suggestion, a clarification or an example was
 * clicked: asks the question the button carries, linked in the question log
 * to the reply that offered it. Replies privately, as the slash command does;
 * a click in the App Home (which has no response URL) is answered in the
 * app's DM, where the conversation can carry on.
 */
export function createAskQuestion(deps: SlackDeps) {
  return async ({ action, body, ack, respond, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const { question, followedFrom } = readAskValue(action.value);
    const userId = body.user.id;
    const fromHome = !body.response_url;
    const deliver: Deliver = fromHome ? (message) => client.chat.postMessage({ channel: userId, ...message }) : privatelyThrough(respond);
    await runPolitely(deps, fromHome ? 'a question button in the App Home' : 'a question button', deliver, async () => {
      const { message, answer } = await replyToQuestion(deps, question, userId, { origin: { via: 'button', ...(followedFrom ? { followedFrom } : {}) }, offerShare: !fromHome });
      const posted = await deliver(message);
      // The DM's id is only known once posted to; a follow-up there is then read against this answer.
      const channel = (posted as { channel?: unknown }).channel;
      if (fromHome && typeof channel === 'string' && answer) await moveConversation(deps.conversations, conversationOf(channel), answer);
    });
  };
}
