import { RateLimitError } from 'discord.js';

/**
 * One line about a failure for the operator's log. discord.js's RateLimitError
 * has no message of its own, so it is described from its fields.
 */
export function describeDiscordError(error: unknown): string {
  if (error instanceof RateLimitError) {
    return `Discord asked to wait ${Math.round(error.retryAfter)} ms (rate limited${error.global ? ', globally' : ''}), longer than the answer could wait, so it was not sent`;
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
