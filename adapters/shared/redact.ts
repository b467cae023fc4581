/**
 * Token shapes that must never reach a log line, whichever setting (or
 * error message) they turn up in: someone pasting a token into the wrong
 * setting is the usual way secrets leak.
 */
const tokenPatterns: readonly RegExp[] = [
  // Slack bot, user, refresh and configuration tokens (xoxb-, xoxp-, xoxe-, …) and app-level tokens (xapp-).
  /\bxox[a-z]-[A-Za-z0-9-]{6,}/g,
  /\bxapp-[A-Za-z0-9-]{6,}/g,
  // Discord bot tokens: base64 user id, timestamp, HMAC.
  /\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/g,
];

/** The credentials in a URL (`redis://user:password@host`), which REDIS_URL may carry: everything between `//` and `@`. */
const urlCredentials = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;

/** Settings whose values are secret, by name. */
const secretName = /TOKEN|SECRET|SALT|PASSWORD|KEY/i;

/** Secret setting values too short to be told apart from ordinary words are left alone. */
const minSecretLength = 8;

/**
 * Replaces every secret in `text` with `[redacted]`: token-shaped strings, the
 * credentials in a URL, and the value of every setting named like a secret
 * (`*_TOKEN`, `*_SECRET`, `*_SALT`, …) in `env`. Applied to every line the
 * adapters log and every error they print, as a last line of defence.
 */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= minSecretLength && secretName.test(name)) out = out.split(value).join('[redacted]');
  }
  for (const pattern of tokenPatterns) out = out.replace(pattern, '[redacted]');
  return out.replace(urlCredentials, '$1[redacted]@');
}
