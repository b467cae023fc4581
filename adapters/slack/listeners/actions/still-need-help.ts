import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { checkAskerLimit } from '../../../shared/rate-limit.js';
import { buildEscalationMessage, buildNoticeMessage, readEscalateValue } from '../../build-reply.js';
import { summariseForLog } from '../../log.js';
import { privatelyThrough, runPolitely, type SlackDeps } from '../../reply.js';
import { describeEscalatedTo } from '../../../shared/escalation.js';

/**
 * "Still need help?" was clicked under a decline or a clarification: posts
 * the question to `SLACK_ESCALATION_CHANNEL`, naming the person who clicked
 * (and no one else) so an expert can reply there, and tells them, privately,
 * where it went. It counts towards their rate limit, so it cannot flood the channel.
 */
export function createStillNeedHelp(deps: SlackDeps) {
  return async ({ action, body, ack, respond, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const reply = privatelyThrough(respond);
    await runPolitely(deps, 'Still need help?', reply, async () => {
      const escalated = readEscalateValue(action.value);
      const channel = deps.escalationChannel;
      if (!escalated || !channel) throw new Error(escalated ? 'SLACK_ESCALATION_CHANNEL is no longer set' : 'the button carried no question');
      const refusal = await checkAskerLimit(deps.askerLimiter, 'slack', body.user.id);
      if (refusal) {
        await reply(buildNoticeMessage(refusal));
        return;
      }
      try {
        await client.chat.postMessage({ channel, ...buildEscalationMessage(escalated.question, body.user.id) });
      } catch (error) {
        deps.log('error', `slack: could not post to SLACK_ESCALATION_CHANNEL (${summariseForLog(error)}); is the app a member of that channel?`);
        await reply(buildNoticeMessage("Sorry, I couldn't pass your question on just now. Please ask your colleagues directly, or try again later."));
        return;
      }
      deps.log('info', 'slack: a question was passed on to SLACK_ESCALATION_CHANNEL');
      await reply(buildNoticeMessage(describeEscalatedTo(channel)));
    });
  };
}
