import type { RespondArguments, RespondFn } from '@slack/bolt';

/**
 * How the app retries when Slack fails to take a reply: for posts to a
 * response URL (done here) and for Web API calls (through the WebClient's
 * own retries, configured from the same numbers).
 */
export interface ReplyRetryOptions {
  /** Tries after the first one. @default 2 */
  retries: number;
  /** Wait before the first retry, doubling each time. @default 250 */
  minDelayMs: number;
  /** Longest wait between retries. @default 1000 */
  maxDelayMs: number;
  /**
   * Longest `Retry-After` the app waits for on a response URL; asked to wait
   * longer, it gives up at once rather than keep a person waiting.
   * @default 5000
   */
  maxRetryAfterMs: number;
  /** How long one post may take. @default 10000 */
  timeoutMs: number;
}

/** A person is waiting: a couple of quick retries, not the WebClient's default ten over half an hour. */
export const defaultReplyRetryOptions: Readonly<ReplyRetryOptions> = Object.freeze({
  retries: 2,
  minDelayMs: 250,
  maxDelayMs: 1000,
  maxRetryAfterMs: 5000,
  timeoutMs: 10_000,
});

/** A reply Slack would not take, after the retries that made sense. */
export class ReplyNotDeliveredError extends Error {
  readonly code = 'SLACK_REPLY_NOT_DELIVERED';
  override readonly name = 'ReplyNotDeliveredError';
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const retryAfterMs = (header: string | null): number | null => {
  const seconds = header === null ? NaN : Number(header.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
};

/**
 * A `respond` that posts to a response URL and, when Slack answers 5xx, 429
 * (waiting out `Retry-After`) or drops the connection, tries again a few
 * times. A 4xx other than 429 (say, an expired URL) is not retried.
 * @throws {ReplyNotDeliveredError} once it gives up; the message holds no URL.
 */
export function createRetryingRespond(responseUrl: string, options: ReplyRetryOptions = defaultReplyRetryOptions, fetchFn: typeof fetch = fetch): RespondFn {
  return async (message: string | RespondArguments) => {
    const body = JSON.stringify(typeof message === 'string' ? { text: message } : message);
    let problem = '';
    for (let attempt = 0; attempt <= options.retries; attempt += 1) {
      let waitMs = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** attempt);
      try {
        const response = await fetchFn(responseUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        // The body is not needed; reading it frees the connection for the next reply.
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) return response;
        problem = `the response URL answered ${response.status}`;
        if (response.status === 429) {
          const asked = retryAfterMs(response.headers.get('retry-after'));
          if (asked !== null && asked > options.maxRetryAfterMs) throw new ReplyNotDeliveredError(`${problem} and asked for a wait of ${asked / 1000} s`);
          waitMs = asked ?? waitMs;
        } else if (response.status < 500) {
          throw new ReplyNotDeliveredError(problem);
        }
      } catch (error) {
        if (error instanceof ReplyNotDeliveredError) throw error;
        problem = `could not reach the response URL (${error instanceof Error ? error.message : String(error)})`;
      }
      if (attempt < options.retries) await sleep(waitMs);
    }
    throw new ReplyNotDeliveredError(`${problem}, after ${options.retries + 1} tries`);
  };
}
