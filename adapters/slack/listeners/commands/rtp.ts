import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isHelpRequest } from '../../../../src/index.js';
import { buildHelpMessage, unescapeSlackText } from '../../build-reply.js';
import { privately, privatelyThrough, replyToQuestion, runPolitely, type SlackDeps } from '../../reply.js';

/** How many example questions the help reply offers. */
export const helpExampleCount = 4;

/** True for no question at all, or a request for help: both get the guide. */
export const isHelp = (text: string): boolean => text === '' || isHelpRequest(text);

/**
 * The slash command (`/rtp` by default). Acks at once, well inside Slack's
 * three seconds, then replies privately through the response URL: the answer,
 * or a short guide for `/rtp` alone and `/rtp help`.
 */
export function createRtpCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await runPolitely(deps, deps.command, privatelyThrough(respond), async () => {
      const text = unescapeSlackText(command.text ?? '').trim();
      const message = isHelp(text)
        ? buildHelpMessage(deps.command, deps.getAnswerer().starters(helpExampleCount))
        : (await replyToQuestion(deps, text, command.user_id, { origin: { via: 'command' } })).message;
      await respond(privately(message));
    });
  };
}
