import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionIds, buildNoticeMessage, readFeedbackValue } from '../../blocks/build-blocks.js';
import { privately, privatelyThrough, runPolitely, type ListenerDeps } from '../listener-deps.js';

/** 👍 or 👎 was clicked: records the rating and says thank you, privately. */
export function createGiveFeedback(deps: ListenerDeps) {
  return async ({ action, body, ack, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await runPolitely(deps, 'a feedback button', privatelyThrough(respond), async () => {
      const rating = action.action_id === actionIds.feedbackUp ? 'up' : 'down';
      const rated = readFeedbackValue(action.value);
      if (!rated) throw new Error('the feedback button carried no answer id');
      deps.questionLog.recordFeedback('slack', rated.answerId, rated.entryId, rating, { userId: body.user.id });
      const thanks = rating === 'up' ? 'Thanks for the 👍, glad it helped.' : 'Thanks for the 👎. It is recorded so the answer can be improved.';
      await respond(privately(buildNoticeMessage(thanks)));
    });
  };
}
