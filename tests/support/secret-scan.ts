import { cleanEnv, runProcess, type ProcessResult, type RunProcessOptions } from './processes.js';

/**
 * Recognisable fake secrets, shaped like the real ones (so shape-based
 * redaction is exercised too) and each carrying a marker no real output has.
 * Never real: nothing in a test may talk to Slack or Discord.
 */
export const fakeSecrets = {
  SLACK_BOT_TOKEN: 'xoxb-FAKE-BotToken-104857600001-Qwxz',
  SLACK_APP_TOKEN: 'xapp-1-A0314159265-358979323846-AppLevelFakeJkvy',
  SLACK_SIGNING_SECRET: 'SigningSecretFake7e3c9b1d5a2f4e6c8',
  DISCORD_TOKEN: 'FAKEdiscordTOKENpart0042.GqFake.DiscordHmacFakePart_0042zzTrWq',
  QUESTION_LOG_SALT: 'SaltForHashingAskersFake91f0c3',
} as const;

/** How long a piece of a secret must be to count as leaked: long enough that no ordinary text has it. */
const fragmentLength = 12;

/** One secret (or a telling part of it) found in some output. */
export interface SecretLeak {
  setting: string;
  /** The leaked text. */
  fragment: string;
  /** The output line it was found on. */
  line: string;
}

/**
 * Finds every secret in `text`: the whole value or any piece of it at least 12
 * characters long, so a token cut short or quoted in part is caught too.
 */
export function findSecrets(text: string, secrets: Record<string, string> = fakeSecrets): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  for (const [setting, value] of Object.entries(secrets)) {
    for (let start = 0; start + fragmentLength <= value.length; start += 1) {
      const fragment = value.slice(start, start + fragmentLength);
      const at = text.indexOf(fragment);
      if (at === -1) continue;
      const lineStart = text.lastIndexOf('\n', at) + 1;
      const lineEnd = text.indexOf('\n', at);
      leaks.push({ setting, fragment, line: text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd) });
      break;
    }
  }
  return leaks;
}

/** Lines of a JavaScript stack trace (`    at fn (file:line:col)`): never for a person's eyes. */
export function findStackLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s+at\s/.test(line));
}

/** What a process printed with fake secrets in its environment, and what of that should not be there. */
export interface SecretScan extends ProcessResult {
  /** stdout and stderr together. */
  output: string;
  leaks: SecretLeak[];
  stackLines: string[];
}

/** Options for {@link runWithFakeSecrets}. */
export interface SecretScanOptions extends RunProcessOptions {
  /** The secrets put in the environment, and searched for. @default fakeSecrets */
  secrets?: Record<string, string>;
}

/**
 * Runs a command with the fake secrets in its (otherwise clean) environment,
 * in an empty folder, and returns all it printed with every leaked secret and
 * stack-trace line found in it. For adapters: start them with bad settings or
 * against failing stand-ins, then expect `leaks` and `stackLines` to be empty.
 */
export async function runWithFakeSecrets(command: string, args: string[], options: SecretScanOptions = {}): Promise<SecretScan> {
  const secrets = options.secrets ?? fakeSecrets;
  const result = await runProcess(command, args, { ...options, env: { ...cleanEnv(), ...secrets, ...options.env } });
  const output = `${result.stdout}\n${result.stderr}`;
  return { ...result, output, leaks: findSecrets(output, secrets), stackLines: findStackLines(output) };
}
