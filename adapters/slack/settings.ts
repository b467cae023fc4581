import * as z from 'zod';
import { rateLimitSettingsShape } from '../shared/rate-limit.js';
import { parseSettings } from '../shared/settings.js';

// `.env` files often hold `NAME=` for settings not in use; those count as unset, not as "".
const isBlank = (value: unknown): boolean => value === undefined || (typeof value === 'string' && value.trim() === '');
const blankAsUnset = <Schema extends z.ZodType>(schema: Schema) => z.preprocess((value) => (isBlank(value) ? undefined : value), schema);

const required = (description: string) => (issue: { input?: unknown }) => (issue.input === undefined ? `is required: ${description}` : `must be ${description}`);

const startsWith = (prefix: string, description: string) =>
  z
    .string({ error: required(`${description} (it starts with "${prefix}")`) })
    .trim()
    .refine((value) => value.startsWith(prefix) && value.length > prefix.length, { message: `must be ${description}: it starts with "${prefix}"` });

const portMessage = 'must be a port number from 0 to 65535';

const flag = (meaning: string) =>
  blankAsUnset(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: `must be true or false (${meaning})` }))
      .optional()
      .transform((value) => value === 'true' || value === '1' || value === 'yes'),
  );

/**
 * The Slack adapter's settings schema. Over HTTP the signing secret is
 * required; in Socket Mode (an app token given) it is not used.
 * Every message names what is wrong and how to fix it, never the value given.
 */
export function slackSettingsSchema(socketMode: boolean) {
  return z.object({
    SLACK_BOT_TOKEN: blankAsUnset(startsWith('xoxb-', 'the Bot User OAuth Token from "OAuth & Permissions"')),
    SLACK_SIGNING_SECRET: socketMode
      ? blankAsUnset(z.string().trim().optional())
      : blankAsUnset(z.string({ error: required('the Signing Secret from "Basic Information > App Credentials" (or set SLACK_APP_TOKEN to use Socket Mode)') }).trim()),
    SLACK_APP_TOKEN: blankAsUnset(startsWith('xapp-', 'an app-level token from "Basic Information > App-Level Tokens"').optional()),
    PORT: blankAsUnset(z.coerce.number({ error: portMessage }).int({ message: portMessage }).min(0, { message: portMessage }).max(65535, { message: portMessage }).default(3000)),
    HOST: blankAsUnset(z.string().trim().optional()),
    SLACK_COMMAND: blankAsUnset(
      z
        .string()
        .trim()
        .regex(/^\/[a-z0-9_-]{1,31}$/, { message: 'must be a slash command name like "/rtp": a slash, then up to 31 lowercase letters, digits, "-" or "_"' })
        .default('/rtp'),
    ),
    SLACK_API_URL: blankAsUnset(
      z
        .string()
        .trim()
        .refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), { message: 'must be an http:// or https:// URL, like "https://slack.com/api/"' })
        .optional(),
    ),
    SLACK_ESCALATION_CHANNEL: blankAsUnset(
      z
        .string()
        .trim()
        .regex(/^[CG][A-Z0-9]{6,}$/, {
          message: 'must be a channel id like "C0123456789" (in Slack, open the channel\'s details; the id is at the bottom), not its name',
        })
        .optional(),
    ),
    SLACK_ASSISTANT: flag("true turns on Slack's assistant pane, which needs a paid plan and the scopes and events in manifest-assistant.json"),
    ...rateLimitSettingsShape,
  });
}

/** The Slack settings, validated. */
export interface SlackSettings {
  /** `SLACK_BOT_TOKEN`: the Bot User OAuth Token (`xoxb-…`). */
  botToken: string;
  /** `SLACK_SIGNING_SECRET`: checks that requests come from Slack. Absent only in Socket Mode. */
  signingSecret: string | undefined;
  /** `SLACK_APP_TOKEN` (`xapp-…`): when present, the app connects over Socket Mode instead of listening for HTTP. */
  appToken: string | undefined;
  /** `PORT` to listen on over HTTP. @default 3000 */
  port: number;
  /** `HOST` to listen on over HTTP. @default all interfaces */
  host: string | undefined;
  /** `SLACK_COMMAND`: the slash command's name. @default "/rtp" */
  command: string;
  /** `SLACK_API_URL`: another base URL for the Web API, e.g. a stand-in in tests. @default "https://slack.com/api/" */
  apiUrl: string | undefined;
  /** `RATE_LIMIT_PER_MINUTE`: questions each Slack user may ask per minute; 0 for no limit. @default 10 */
  rateLimitPerMinute: number;
  /**
   * `SLACK_ESCALATION_CHANNEL`: a channel id. When set, declines and
   * clarifications offer "Still need help?", which posts the question there.
   * @default undefined (no such button)
   */
  escalationChannel?: string | undefined;
  /**
   * `SLACK_ASSISTANT`: answer in Slack's assistant pane ("Agents & AI apps",
   * paid plans only), with a greeting, suggested prompts, a status and a title.
   * @default false
   */
  assistant?: boolean;
}

/** The settings whose presence means "start the Slack adapter"; start-up then validates them all. */
export const slackSettingNames = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;

/** True when any Slack setting is given, so a half-done setup gets a clear message rather than silence. */
export const hasSlackSettings = (env: NodeJS.ProcessEnv): boolean => slackSettingNames.some((name) => !isBlank(env[name]));

/**
 * Reads and validates the Slack settings.
 * @throws {ConfigError} listing every missing or malformed setting, never a value.
 */
export function parseSlackSettings(env: NodeJS.ProcessEnv): SlackSettings {
  const parsed = parseSettings('Slack', slackSettingsSchema(!isBlank(env.SLACK_APP_TOKEN)), env);
  return {
    botToken: parsed.SLACK_BOT_TOKEN,
    signingSecret: parsed.SLACK_SIGNING_SECRET,
    appToken: parsed.SLACK_APP_TOKEN,
    port: parsed.PORT,
    host: parsed.HOST,
    command: parsed.SLACK_COMMAND,
    apiUrl: parsed.SLACK_API_URL,
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE,
    escalationChannel: parsed.SLACK_ESCALATION_CHANNEL,
    assistant: parsed.SLACK_ASSISTANT,
  };
}
