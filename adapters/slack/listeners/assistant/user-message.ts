import type { AssistantUserMessageMiddleware } from '@slack/bolt';
import { readMessageText } from '../../message-text.js';
import { createDirectMessage } from '../events/direct-message.js';
import { conversationOf, type SlackDeps } from '../../reply.js';
import type { AssistantPane } from '../../assistant-pane.js';
import { answerInPane } from './answer-in-pane.js';

/**
 * Whether a threaded message in the app's DM was sent in the assistant pane:
 * Slack marks those with `assistant_thread`, and a thread this process saw
 * open counts too. Bolt's Assistant takes every threaded DM, so the others
 * (a reply in the thread of an answer in the Messages tab) are not the pane's.
 */
export function isPaneMessage(event: { channel: string; thread_ts?: string; assistant_thread?: unknown }, pane: AssistantPane): boolean {
  return event.assistant_thread !== undefined || (event.thread_ts !== undefined && pane.thread(conversationOf(event.channel, event.thread_ts)) !== undefined);
}

/**
 * A message in a thread of the assistant pane (`message.im`, routed by Bolt's
 * Assistant): answered in that thread, read as a follow-up of the thread's
 * last answer. A threaded DM that is not the pane's is answered exactly as a
 * direct message. Bots' messages (the app's own replies included), edits and
 * other subtypes are ignored.
 */
export function createUserMessage(deps: SlackDeps): AssistantUserMessageMiddleware {
  const directMessage = createDirectMessage(deps);
  return async ({ event, client }) => {
    if (!isPaneMessage(event as Parameters<typeof isPaneMessage>[0], deps.pane)) {
      await directMessage({ event, client });
      return;
    }
    if (event.subtype !== undefined || event.bot_id || !event.user || !event.thread_ts) return;
    await answerInPane(deps, client, {
      channel: event.channel,
      thread: event.thread_ts,
      userId: event.user,
      question: readMessageText(event.text),
      via: 'assistant',
      what: 'a question in the assistant pane',
    });
  };
}
