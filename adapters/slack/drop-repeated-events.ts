import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { EventDeduplicator } from '../shared/event-dedup.js';

/**
 * A global Bolt middleware that lets each Events API event through once:
 * Slack retries an event it thinks was missed (`x-slack-retry-num`) with the
 * same `event_id`, and may deliver an `event_id` twice, and a question must
 * still be answered only once. Everything that is not an event passes.
 */
export function dropRepeatedEvents(deduplicator: EventDeduplicator): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const { type, event_id: eventId } = body as { type?: unknown; event_id?: unknown };
    if (type === 'event_callback' && typeof eventId === 'string' && !(await deduplicator.claim(`slack:${eventId}`))) return;
    await next();
  };
}
