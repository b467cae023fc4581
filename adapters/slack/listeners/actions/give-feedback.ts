import type { AllMiddlewareArgs, BlockAction, ButtonAction, FeedbackButtonsAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { actionIds, buildNoticeMessage, readFeedbackValue, type FeedbackValue } from '../../build-reply.js';
import { privately, privatelyThrough, runPolitely, type SlackDeps } from '../../reply.js';

/** The rating a click gives: our buttons say it by their action id, Slack's own feedback buttons by their value. */
const ratingOf = (actionId: string, rated: FeedbackValue): 'up' | 'down' | undefined =>
  actionId === actionIds.feedbackUp ? 'up' : actionId === actionIds.feedbackDown ? 'down' : rated.rating;

/**
 * 👍 or 👎 was clicked, on our buttons or on Slack's own feedback buttons (in
 * the assistant pane): records the rating and says thank you, privately.
 */
export function createGiveFeedback(deps: SlackDeps) {
  return async ({ action, body, ack, respond }: SlackActionMiddlewareArgs<BlockAction<ButtonAction | FeedbackButtonsAction>> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    await runPolitely(deps, 'a feedback button', privatelyThrough(respond), async () => {
      const rated = readFeedbackValue(action.value);
      const rating = rated ? ratingOf(action.action_id, rated) : undefined;
      if (!rated || !rating) throw new Error('the feedback button carried no answer id or rating');
      deps.questionLog.recordFeedback('slack', rated.answerId, rated.entryId, rating, { userId: body.user.id });
      const thanks = rating === 'up' ? 'Thanks for the 👍, glad it helped.' : 'Thanks for the 👎. It is recorded so the answer can be improved.';
      await respond(privately(buildNoticeMessage(thanks)));
    });
  };
}
