import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isHelpRequest } from '../../../../src/index.js';
import { buildHelpMessage, unescapeSlackText } from '../../blocks/build-blocks.js';
import { answerQuestion, privately, runPolitely, type ListenerDeps } from '../listener-deps.js';

/** How many example questions the help reply offers. */
export const helpExampleCount = 4;

const isHelp = (text: string): boolean => text === '' || isHelpRequest(text);

/**
 * The slash command (`/rtp` by default). Acks at once, well inside Slack's
 * three seconds, then replies privately through the response URL: the answer,
 * or a short guide for `/rtp` alone and `/rtp help`.
 */
export function createRtpCommand(deps: ListenerDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await runPolitely(deps, deps.command, respond, async () => {
      const text = unescapeSlackText(command.text ?? '').trim();
      const reply = isHelp(text) ? buildHelpMessage(deps.command, deps.getAnswerer().starters(helpExampleCount)) : await answerQuestion(deps, text, command.user_id);
      await respond(privately(reply));
    });
  };
}
