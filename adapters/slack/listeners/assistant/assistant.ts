import { Assistant } from '@slack/bolt';
import type { SlackDeps } from '../../reply.js';
import { createThreadContextChanged } from './thread-context-changed.js';
import { createThreadStarted } from './thread-started.js';
import { createUserMessage } from './user-message.js';

/**
 * Slack's assistant pane ("Agents & AI apps") through Bolt's `Assistant`. Its
 * thread context store keeps nothing: Bolt's default would read the thread
 * (`conversations.replies`) and copy the channel the person is viewing into
 * the app's messages; the listeners note only whether there was one.
 */
export function createAssistant(deps: SlackDeps): Assistant {
  return new Assistant({
    threadContextStore: { get: () => Promise.resolve({}), save: () => Promise.resolve() },
    threadStarted: createThreadStarted(deps),
    threadContextChanged: createThreadContextChanged(deps),
    userMessage: createUserMessage(deps),
  });
}
