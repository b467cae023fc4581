import type { AssistantThreadStartedMiddleware } from '@slack/bolt';
import { buildGreetingMessage, buildSuggestedPrompts, paneLimits } from '../../build-reply.js';
import { summariseForLog } from '../../log.js';
import { conversationOf, type SlackDeps } from '../../reply.js';

/** Whether the pane reported a channel the person is viewing. The id itself is never read or kept. */
export const reportsChannel = (context: { channel_id?: string } | undefined): boolean => typeof context?.channel_id === 'string' && context.channel_id !== '';

/**
 * Someone opened a thread in the assistant pane (`assistant_thread_started`):
 * posts the greeting from `small-talk.yaml` and offers its first starters as
 * suggested prompts. Whether the pane reported a channel is noted for the
 * question log; the channel is not read. Nobody asked anything yet, so a
 * failure is logged, not apologised for.
 */
export function createThreadStarted(deps: SlackDeps): AssistantThreadStartedMiddleware {
  return async ({ event, client, setSuggestedPrompts }) => {
    const { channel_id: channel, thread_ts: thread, context } = event.assistant_thread;
    deps.pane.noteContext(conversationOf(channel, thread), reportsChannel(context));
    const work = (async () => {
      const answerer = deps.getAnswerer();
      try {
        await client.chat.postMessage({ channel, thread_ts: thread, ...buildGreetingMessage(answerer.knowledge.smallTalk?.greeting) });
      } catch (error) {
        deps.log('error', `slack: the assistant pane's greeting could not be posted: ${summariseForLog(error)}`);
      }
      const prompts = buildSuggestedPrompts(answerer.starters(paneLimits.prompts));
      if (prompts.prompts.length > 0) await deps.pane.attempt('assistant.threads.setSuggestedPrompts', () => setSuggestedPrompts(prompts));
    })();
    deps.track(work);
    await work;
  };
}
