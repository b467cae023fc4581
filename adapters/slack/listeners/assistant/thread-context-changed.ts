import type { AssistantThreadContextChangedMiddleware } from '@slack/bolt';
import { conversationOf, type SlackDeps } from '../../reply.js';
import { reportsChannel } from './thread-started.js';

/**
 * The person moved to another conversation with the pane open
 * (`assistant_thread_context_changed`): notes whether a channel is reported
 * now, for the question log. Nothing is posted and nothing is fetched: unlike
 * Bolt's default, the context is not copied into the thread's messages.
 */
export function createThreadContextChanged(deps: SlackDeps): AssistantThreadContextChangedMiddleware {
  return async ({ event }) => {
    const { channel_id: channel, thread_ts: thread, context } = event.assistant_thread;
    deps.pane.noteContext(conversationOf(channel, thread), reportsChannel(context));
  };
}
