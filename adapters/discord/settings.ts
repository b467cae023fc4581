import * as z from 'zod';
import { rateLimitSettingsShape } from '../shared/rate-limit.js';
import { parseSettings } from '../shared/settings.js';

/** The command name used when `DISCORD_COMMAND` is not set. */
export const defaultCommandName = 'rtp';

/** The message context menu command's name when `DISCORD_MENU_COMMAND` is not set. */
export const defaultMenuCommandName = 'Ask rtp-bot';

// `.env.example` lists every setting with an empty value, so an empty string means "not set".
const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

// Our own messages only: zod's defaults can quote the received value, and a token must never reach a log.
const required = (whatItIs: string) =>
  z.preprocess(blankToUndefined, z.string({ error: (issue) => (issue.input === undefined ? `is missing: set it to ${whatItIs}` : 'must be text') }));

const optional = <Schema extends z.ZodType>(schema: Schema) => z.preprocess(blankToUndefined, schema.optional());

const isYes = (flag: string | undefined): boolean => flag === 'true' || flag === '1' || flag === 'yes';

const snowflake = (whereToFindIt: string) => z.string().regex(/^\d{17,20}$/, `must be a Discord id, 17 to 20 digits (${whereToFindIt})`);

/** The Discord adapter's settings, as read from the environment. */
export const discordSettingsSchema = z
  .object({
    DISCORD_TOKEN: required('the bot token (Developer Portal → your application → Bot → Reset Token)')
      .pipe(z.string().refine((token) => !/^bot\s/i.test(token), 'must be the token alone, without "Bot " in front'))
      .pipe(z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'does not look like a bot token (three parts separated by dots); copy it again from the Bot page')),
    DISCORD_APPLICATION_ID: required('the Application ID from the Developer Portal (General Information)').pipe(
      snowflake('Developer Portal → General Information → Application ID'),
    ),
    DISCORD_GUILD_ID: optional(snowflake('with Developer Mode on, right-click the server → Copy Server ID')),
    DISCORD_COMMAND: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u, 'must be 1 to 32 lowercase letters, digits, - or _ (Discord rejects other command names)')
        .default(defaultCommandName),
    ),
    DISCORD_API_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL ending before the version, e.g. http://127.0.0.1:8080/api' })),
    DISCORD_SHARDS: optional(z.union([z.literal('auto'), z.coerce.number().int().min(1).max(10_000)], { error: 'must be "auto" or a whole number of shards, 1 or more' })),
    DISCORD_MENU_COMMAND: z.preprocess(
      blankToUndefined,
      z.string().trim().min(1).max(32, 'must be at most 32 characters (Discord rejects longer menu names)').default(defaultMenuCommandName),
    ),
    DISCORD_FORUM_CHANNELS: optional(
      z
        .string()
        .transform((list) =>
          list
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== ''),
        )
        .refine((ids) => ids.length > 0 && ids.every((id) => /^\d{17,20}$/.test(id)), {
          message: 'must be forum channel ids separated by commas, each 17 to 20 digits (with Developer Mode on, right-click the forum → Copy Channel ID)',
        }),
    ),
    DISCORD_FORUM_READ_POSTS: optional(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })),
    DISCORD_ESCALATION_CHANNEL: optional(snowflake('right-click the channel → Copy Channel ID, with Developer Mode on')),
    ...rateLimitSettingsShape,
  })
  .superRefine((env, context) => {
    if (isYes(env.DISCORD_FORUM_READ_POSTS) && !env.DISCORD_FORUM_CHANNELS) {
      context.addIssue({ code: 'custom', path: ['DISCORD_FORUM_READ_POSTS'], message: 'is only used with DISCORD_FORUM_CHANNELS: set the forum channels too, or leave it empty' });
    }
  })
  .transform((env) => ({
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    guildId: env.DISCORD_GUILD_ID,
    commandName: env.DISCORD_COMMAND,
    apiUrl: env.DISCORD_API_URL?.replace(/\/+$/, ''),
    shards: env.DISCORD_SHARDS,
    rateLimit: { RATE_LIMIT_PER_MINUTE: env.RATE_LIMIT_PER_MINUTE },
    menuCommandName: env.DISCORD_MENU_COMMAND,
    forumChannels: env.DISCORD_FORUM_CHANNELS ?? [],
    // The post's text needs the privileged Message Content intent, so it is asked for only when the operator says so.
    readForumPosts: isYes(env.DISCORD_FORUM_READ_POSTS),
    escalationChannel: env.DISCORD_ESCALATION_CHANNEL,
  }));

/** The Discord adapter's settings, parsed and checked. */
export type DiscordSettings = z.infer<typeof discordSettingsSchema>;

/**
 * Reads and checks the Discord settings, once, at start-up.
 * @throws {ConfigError} naming every missing or malformed setting, never its value.
 */
export function readDiscordSettings(env: NodeJS.ProcessEnv): DiscordSettings {
  return parseSettings('Discord', discordSettingsSchema, env);
}

/** True when the operator has started to set Discord up; start-up then reports anything still missing. */
export function hasDiscordSettings(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.DISCORD_TOKEN?.trim() || env.DISCORD_APPLICATION_ID?.trim());
}

/** The REST options that point discord.js at another API base (a stand-in in tests), when one is set. */
export function restOptionsOf(settings: Pick<DiscordSettings, 'apiUrl'>): { api?: string } {
  return settings.apiUrl ? { api: settings.apiUrl } : {};
}
