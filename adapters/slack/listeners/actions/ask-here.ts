import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { readAskValue } from '../../build-reply.js';
import { answerInPane } from '../assistant/answer-in-pane.js';
import type { SlackDeps } from '../../reply.js';
import { createAskQuestion } from './ask-question.js';

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * A related question, a suggestion or a clarification was clicked under a
 * reply in the assistant pane: asks it in the same thread, as the next turn of
 * the thread's conversation, linked in the question log to the reply that
 * offered it. A click whose thread cannot be told is answered privately, as
 * any other question button is.
 */
export function createAskHere(deps: SlackDeps) {
  const askPrivately = createAskQuestion(deps);
  return async (args: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    const { action, body, client } = args;
    const channel = textOf(body.channel?.id) ?? textOf(body.container?.channel_id);
    const thread = textOf(body.message?.thread_ts) ?? textOf(body.container?.thread_ts);
    if (!channel || !thread) {
      await askPrivately(args);
      return;
    }
    await args.ack();
    const { question, followedFrom } = readAskValue(action.value);
    await answerInPane(deps, client, { channel, thread, userId: body.user.id, question, via: 'button', followedFrom, what: 'a question button in the assistant pane' });
  };
}
