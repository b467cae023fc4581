import { once } from 'node:events';
import { Client, DiscordjsErrorCodes, Events, GatewayCloseCodes, GatewayIntentBits, Status, type Interaction, type RateLimitData, type RESTOptions } from 'discord.js';
import { ConfigError } from '../../src/index.js';
import { createConversationMemory, type ConversationMemory } from '../shared/conversations.js';
import { createAskerLimiter, type AskerLimiter } from '../shared/rate-limit.js';
import { unreachableAtStart } from '../shared/start-failure.js';
import { handleButton } from './buttons.js';
import { buildNoticeReply } from './build-reply.js';
import * as askAboutMessage from './commands/ask-about-message.js';
import * as rtp from './commands/rtp.js';
import { answerForumPost } from './forum-helper.js';
import { describeDiscordError } from './log.js';
import { replyWithApology, send, type DiscordDeps } from './reply.js';
import { restOptionsOf, type DiscordSettings } from './settings.js';

/** A connected bot. */
export interface DiscordBot {
  client: Client;
  /** Stops taking interactions, waits for those in flight, then closes the gateway connection. */
  stop(): Promise<void>;
  /** True while every gateway shard is connected and ready; false while one reconnects or after Discord closed it for good. */
  isConnected(): boolean;
}

/** Options for {@link startDiscordBot} and {@link createDiscordClient}. */
export interface DiscordBotOptions {
  /** REST options over {@link defaultDiscordRestOptions} (tests shorten the timeout). @default {} */
  rest?: Partial<RESTOptions>;
}

/** Longest wait for a rate limit worth making before a reply: an interaction must be answered within 3 seconds. */
export const maxCallbackRateLimitWaitMs = 1_500;

/** Longest rate-limit wait for anything else (follow-ups live 15 minutes, but nobody waits that long for one). */
export const maxRateLimitWaitMs = 30_000;

/**
 * How discord.js's REST client talks to Discord. It already retries a 5xx
 * answer or a timed-out or reset request at once (`retries` times) and waits
 * out a 429's `Retry-After`; these settings bound that: a request is abandoned
 * after `timeout` (the default 15 s is five times an interaction's life), and
 * a rate limit longer than the answer could still be useful makes the request
 * fail at once (a `RateLimitError`) rather than wait.
 */
export const defaultDiscordRestOptions: Partial<RESTOptions> = {
  timeout: 5_000,
  retries: 2,
  rejectOnRateLimit: (limit: RateLimitData) => limit.retryAfter > (limit.route.endsWith('/callback') ? maxCallbackRateLimitWaitMs : maxRateLimitWaitMs),
};

/**
 * What the caller provides; the command names and escalation channel come from the
 * settings, and the rate limiter and conversations too unless given (shared through Redis).
 */
type DiscordServices = Omit<DiscordDeps, 'commandName' | 'menuCommandName' | 'askerLimiter' | 'conversations' | 'escalationChannel'> & {
  askerLimiter?: AskerLimiter;
  conversations?: ConversationMemory;
};

/**
 * The gateway intents: Guilds (commands, buttons, new forum posts) and, only
 * when the forum helper is told to read posts, the privileged Message Content.
 */
export function intentsFor(settings: Pick<DiscordSettings, 'forumChannels' | 'readForumPosts'>): GatewayIntentBits[] {
  return settings.forumChannels.length > 0 && settings.readForumPosts ? [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent] : [GatewayIntentBits.Guilds];
}

/**
 * Creates the discord.js client (see {@link intentsFor}; no mentions allowed
 * by default) and routes interactions to the commands and buttons, and new
 * forum posts to the forum helper. Only wires: the work happens in commands/,
 * buttons.ts and forum-helper.ts.
 */
export function createDiscordClient(
  settings: DiscordSettings,
  services: DiscordServices,
  options: DiscordBotOptions = {},
): { client: Client; inFlight: Set<Promise<void>>; stopAccepting: () => number } {
  const deps: DiscordDeps = {
    ...services,
    commandName: settings.commandName,
    menuCommandName: settings.menuCommandName,
    askerLimiter: services.askerLimiter ?? createAskerLimiter(settings.rateLimit),
    conversations: services.conversations ?? createConversationMemory(),
    ...(settings.escalationChannel ? { escalationChannel: settings.escalationChannel } : {}),
  };
  const client = new Client({
    intents: intentsFor(settings),
    allowedMentions: { parse: [] },
    rest: { ...defaultDiscordRestOptions, ...restOptionsOf(settings), ...options.rest },
  });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  let turnedAway = 0;

  const route = async (interaction: Interaction): Promise<void> => {
    if (interaction.isAutocomplete()) {
      if (interaction.commandName === settings.commandName) await rtp.autocomplete(interaction, deps);
      else await interaction.respond([]);
    } else if (interaction.isChatInputCommand()) {
      if (interaction.commandName === settings.commandName) await rtp.execute(interaction, deps);
      // A command left over from an earlier DISCORD_COMMAND: point the user at the current one.
      else await send(interaction, buildNoticeReply(`I now answer to \`/${settings.commandName}\`. Please use that instead.`), true);
    } else if (interaction.isMessageContextMenuCommand()) {
      if (interaction.commandName === settings.menuCommandName) await askAboutMessage.execute(interaction, deps);
      else await send(interaction, buildNoticeReply(`I now answer to **${settings.menuCommandName}** in this menu. Please use that instead.`), true);
    } else if (interaction.isButton()) {
      await handleButton(interaction, deps);
    }
  };

  const handle = async (interaction: Interaction): Promise<void> => {
    try {
      await route(interaction);
    } catch (error) {
      const what = `${interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : 'command'} ${interaction.id}`;
      if (interaction.isAutocomplete()) {
        services.log('error', `discord: ${what} failed: ${describeDiscordError(error)}`);
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      } else if (interaction.isRepliable()) {
        await replyWithApology(interaction, services, what, error);
      } else {
        services.log('error', `discord: ${what} failed: ${describeDiscordError(error)}`);
      }
    }
  };

  /** Runs work while accepting it, so stopping can wait for it; it never throws. */
  const take = (what: string, work: () => Promise<void>): void => {
    // Stopping: work taken now could not be finished (or logged) before the connection closes.
    if (!accepting) {
      turnedAway += 1;
      return;
    }
    const task = work().catch((error: unknown) => services.log('error', `discord: ${what} failed: ${describeDiscordError(error)}`));
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  };
  client.on(Events.InteractionCreate, (interaction) => take(`interaction ${interaction.id}`, () => handle(interaction)));
  if (settings.forumChannels.length > 0) {
    client.on(Events.ThreadCreate, (thread, newlyCreated) => take(`forum post ${thread.id}`, () => answerForumPost(thread, newlyCreated, deps, settings)));
  }
  // Without listeners, an 'error' event would throw and end the process.
  client.on(Events.Error, (error) => services.log('error', `discord: client error: ${describeDiscordError(error)}`));
  client.on(Events.ShardError, (error, shardId) => services.log('warn', `discord: shard ${shardId} connection error: ${describeDiscordError(error)}`));
  client.on(Events.Warn, (message) => services.log('warn', `discord: ${message}`));
  // Discord closed the connection with a code that forbids reconnecting (a reset token, 4004, is the usual one).
  client.on(Events.ShardDisconnect, (event, shardId) =>
    services.log(
      'error',
      `discord: shard ${shardId} was disconnected for good (close code ${event.code}); no more questions arrive until the bot is restarted with valid settings (see DISCORD_TOKEN)`,
    ),
  );
  const stopAccepting = (): number => {
    accepting = false;
    return turnedAway;
  };
  return { client, inFlight, stopAccepting };
}

/**
 * Creates the client, logs in and waits until the gateway says it is ready.
 * @throws {ConfigError} when Discord refuses the token.
 * @throws {RtpError} `DISCORD_START_FAILED` when Discord cannot be reached.
 */
export async function startDiscordBot(settings: DiscordSettings, services: DiscordServices, options: DiscordBotOptions = {}): Promise<DiscordBot> {
  const { client, inFlight, stopAccepting } = createDiscordClient(settings, services, options);
  const ready = once(client, Events.ClientReady);
  // 4004: the gateway refused the token (discord.js reports it as a plain "Authentication failed").
  let closeCode: number | undefined;
  client.once(Events.ShardDisconnect, (event) => (closeCode = event.code));
  try {
    await client.login(settings.token);
    await ready;
  } catch (error) {
    await client.destroy();
    if ((error as { code?: unknown }).code === DiscordjsErrorCodes.TokenInvalid || closeCode === GatewayCloseCodes.AuthenticationFailed) {
      throw new ConfigError('Discord', [{ setting: 'DISCORD_TOKEN', message: 'was refused by Discord: reset the token on the Bot page and copy it again' }]);
    }
    if (closeCode === GatewayCloseCodes.DisallowedIntents) {
      throw new ConfigError('Discord', [
        {
          setting: 'DISCORD_FORUM_READ_POSTS',
          message:
            "needs the Message Content intent, which Discord refused: switch it on under Bot → Privileged Gateway Intents (a bot in 100 or more servers needs Discord's approval first), or leave this setting empty to use post titles only",
        },
      ]);
    }
    throw unreachableAtStart('DISCORD_START_FAILED', 'the Discord API', settings.apiUrl ? 'DISCORD_API_URL' : undefined, error);
  }
  // The gateway's socket keeps the process alive; once Discord closes it for good (4004), this keeps
  // npm start waiting for its stop signal, as with every adapter, instead of ending with exit code 13.
  const keepAlive = setInterval(() => undefined, 2 ** 31 - 1);
  services.log('info', `discord: connected as ${client.user?.tag ?? 'the bot'}; answering /${settings.commandName}`);
  return {
    client,
    isConnected: () => client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready),
    async stop() {
      stopAccepting();
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      clearInterval(keepAlive);
      const unanswered = stopAccepting();
      if (unanswered > 0)
        services.log('info', `discord: ${unanswered} interaction${unanswered === 1 ? '' : 's'} arrived while stopping and ${unanswered === 1 ? 'was' : 'were'} not answered`);
    },
  };
}
