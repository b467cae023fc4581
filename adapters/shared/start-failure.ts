import { RtpError } from '../../src/index.js';

/**
 * The error for a platform that cannot be reached at start-up, worded the same
 * for every platform, naming the setting that points elsewhere when one does:
 * `rtp-bot: could not reach the Discord API at DISCORD_API_URL; check the network (connect ECONNREFUSED 127.0.0.1:9).`
 * @param detail the underlying failure, already safe to print (no token, no request body).
 */
export function unreachableAtStart(code: string, service: string, urlSetting: string | undefined, detail: string): RtpError {
  return new RtpError(code, `rtp-bot: could not reach ${service}${urlSetting ? ` at ${urlSetting}` : ''}; check the network (${detail}).`);
}
