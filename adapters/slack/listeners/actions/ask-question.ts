import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { answerQuestion, privately, runPolitely, type ListenerDeps } from '../listener-deps.js';

/**
 * A related question, a suggestion or an example was clicked: asks the
 * question the button carries and replies privately, as the slash command does.
 */
export function createAskQuestion(deps: ListenerDeps) {
  return async ({ action, body, ack, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await runPolitely(deps, 'a question button', respond, async () => {
      await respond(privately(await answerQuestion(deps, action.value ?? '', body.user.id)));
    });
  };
}
