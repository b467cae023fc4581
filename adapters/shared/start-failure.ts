import { UnreachableError } from '../../src/index.js';

/**
 * The deepest error behind `error`: HTTP clients wrap the network's own error
 * (`connect ECONNREFUSED 127.0.0.1:9`, `getaddrinfo ENOTFOUND slack.com`) in
 * their own (`fetch failed`), as `cause` or, in Slack's Web API client, `original`.
 */
export function rootCauseOf(error: unknown): unknown {
  let at = error;
  for (let depth = 0; depth < 10; depth += 1) {
    const inner = (at as { original?: unknown; cause?: unknown } | null)?.original ?? (at as { cause?: unknown } | null)?.cause;
    if (!(inner instanceof Error)) break;
    at = inner;
  }
  return at;
}

/**
 * The error for a platform that cannot be reached at start-up, worded the same
 * for every platform, naming the setting that points elsewhere when one does,
 * and the network's own reason:
 * `rtp-bot: could not reach the Discord API at DISCORD_API_URL; check the network (connect ECONNREFUSED 127.0.0.1:9).`
 * It is printed through `describeError`, which redacts any secret.
 */
export function unreachableAtStart(code: string, service: string, urlSetting: string | undefined, error: unknown): UnreachableError {
  const cause = rootCauseOf(error);
  const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
  return new UnreachableError(code, `rtp-bot: could not reach ${service}${urlSetting ? ` at ${urlSetting}` : ''}; check the network (${reason.replace(/\s+/g, ' ').trim()}).`, {
    cause: error,
  });
}
