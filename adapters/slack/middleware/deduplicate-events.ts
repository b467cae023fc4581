import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { EventDeduplicator } from '../../shared/event-dedup.js';
import type { LogLine } from '../../shared/platform.js';

/** The key an Events API delivery is claimed under: its `event_id`, the same on every retry and every replica. */
export const slackEventKey = (eventId: string): string => `slack:${eventId}`;

/**
 * Global middleware (`app.use`) that lets each Events API event through to the
 * listeners once. Slack retries an event it thinks was missed (with
 * `x-slack-retry-num`), possibly to another replica behind the load balancer,
 * and may deliver the same `event_id` twice; only the first claim of the id
 * goes on. Bolt has already acked events by now, so a dropped repeat still
 * gets its 200. Commands, buttons and other payloads pass untouched.
 */
export function createDeduplicateEvents(deduplicator: EventDeduplicator, log: LogLine): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const { type, event_id: eventId } = body as { type?: unknown; event_id?: unknown };
    if (type === 'event_callback' && typeof eventId === 'string' && !(await deduplicator.claim(slackEventKey(eventId)))) {
      const retry = typeof context.retryNum === 'number' ? ` (Slack's retry ${context.retryNum})` : '';
      log('info', `slack: event ${eventId} was already handled${retry}; not answering it again`);
      return;
    }
    await next();
  };
}
