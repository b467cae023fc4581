import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHomeView, homeRecentCount } from '../../build-reply.js';
import { summariseForLog } from '../../log.js';
import { recentEntries } from '../../recent-entries.js';
import { helpExampleCount } from '../commands/rtp.js';
import type { SlackDeps } from '../../reply.js';

/**
 * Someone opened the app's Home tab: publishes a short guide, starter
 * questions and the most recently reviewed or added entries. Built afresh each
 * time, so it follows the knowledge base as it is reloaded.
 */
export function createAppHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    const work = (async () => {
      try {
        const answerer = deps.getAnswerer();
        const view = buildHomeView(deps.command, answerer.starters(helpExampleCount), recentEntries(answerer.knowledge.entries, homeRecentCount));
        await client.views.publish({ user_id: event.user, view });
      } catch (error) {
        // Nobody asked anything, so there is nobody to apologise to: the tab keeps its last version.
        deps.log('error', `slack: the App Home could not be published: ${summariseForLog(error)}`);
      }
    })();
    deps.track(work);
    await work;
  };
}
