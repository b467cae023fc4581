import { once } from 'node:events';
import { Client, DiscordjsErrorCodes, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { ConfigError } from '../../src/index.js';
import { handleButton } from './buttons.js';
import { buildNoticeReply } from './build-reply.js';
import * as rtp from './commands/rtp.js';
import { replyWithApology, send, type DiscordContext } from './respond.js';
import { restOptionsOf, type DiscordSettings } from './settings.js';

/** A connected bot. */
export interface DiscordBot {
  client: Client;
  /** Waits for interactions in flight, then closes the gateway connection. */
  stop(): Promise<void>;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Creates the discord.js client (Guilds intent only, no mentions allowed by
 * default) and routes interactions to the command and buttons. Only wires:
 * the work happens in commands/ and buttons.ts.
 */
export function createDiscordClient(settings: DiscordSettings, context: Omit<DiscordContext, 'commandName'>): { client: Client; inFlight: Set<Promise<void>> } {
  const handlerContext: DiscordContext = { ...context, commandName: settings.commandName };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: restOptionsOf(settings),
  });
  const inFlight = new Set<Promise<void>>();

  const route = async (interaction: Interaction): Promise<void> => {
    if (interaction.isAutocomplete()) {
      if (interaction.commandName === settings.commandName) await rtp.autocomplete(interaction, handlerContext);
      else await interaction.respond([]);
    } else if (interaction.isChatInputCommand()) {
      if (interaction.commandName === settings.commandName) await rtp.execute(interaction, handlerContext);
      // A command left over from an earlier DISCORD_COMMAND: point the user at the current one.
      else await send(interaction, buildNoticeReply(`I now answer to \`/${settings.commandName}\`. Please use that instead.`), true);
    } else if (interaction.isButton()) {
      await handleButton(interaction, handlerContext);
    }
  };

  const handle = async (interaction: Interaction): Promise<void> => {
    try {
      await route(interaction);
    } catch (error) {
      const what = `${interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : 'command'} ${interaction.id}`;
      if (interaction.isAutocomplete()) {
        context.log('error', `discord: ${what} failed: ${describe(error)}`);
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      } else if (interaction.isRepliable()) {
        await replyWithApology(interaction, context, what, error);
      } else {
        context.log('error', `discord: ${what} failed: ${describe(error)}`);
      }
    }
  };

  client.on(Events.InteractionCreate, (interaction) => {
    const task = handle(interaction).catch((error: unknown) => context.log('error', `discord: interaction ${interaction.id} failed: ${describe(error)}`));
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  });
  // Without listeners, an 'error' event would throw and end the process.
  client.on(Events.Error, (error) => context.log('error', `discord: client error: ${describe(error)}`));
  client.on(Events.ShardError, (error, shardId) => context.log('warn', `discord: shard ${shardId} connection error (it reconnects by itself): ${describe(error)}`));
  client.on(Events.Warn, (message) => context.log('warn', `discord: ${message}`));
  return { client, inFlight };
}

/**
 * Creates the client, logs in and waits until the gateway says it is ready.
 * @throws {ConfigError} when Discord refuses the token.
 */
export async function startDiscordBot(settings: DiscordSettings, context: Omit<DiscordContext, 'commandName'>): Promise<DiscordBot> {
  const { client, inFlight } = createDiscordClient(settings, context);
  const ready = once(client, Events.ClientReady);
  try {
    await client.login(settings.token);
    await ready;
  } catch (error) {
    await client.destroy();
    if ((error as { code?: unknown }).code === DiscordjsErrorCodes.TokenInvalid) {
      throw new ConfigError('Discord', [{ setting: 'DISCORD_TOKEN', message: 'was refused by Discord: reset the token on the Bot page and copy it again' }]);
    }
    throw error;
  }
  context.log('info', `discord: connected as ${client.user?.tag ?? 'the bot'}; answering /${settings.commandName}`);
  return {
    client,
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}
