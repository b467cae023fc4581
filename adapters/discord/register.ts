import { ApplicationCommandType, DiscordAPIError, REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { describeError, readEnvironment } from '../shared/settings.js';
import { buildMenuCommandData } from './commands/ask-about-message.js';
import { buildCommandData } from './commands/rtp.js';
import { readDiscordSettings, restOptionsOf, type DiscordSettings } from './settings.js';

/** Where a command was registered and what Discord stored. */
export interface RegisterReport {
  scope: 'guild' | 'global';
  route: string;
  commands: RESTPutAPIApplicationCommandsResult;
}

/**
 * Registers the commands with Discord: the slash command and the message
 * context menu, each installable in a server or by a user and usable in
 * servers, the bot's DM and private channels. In one server when `guildId` is
 * set (they appear at once), otherwise globally (it can take up to an hour).
 * A PUT replaces the application's commands in that scope, so a renamed
 * command does not linger under its old name.
 */
export async function registerCommands(settings: DiscordSettings): Promise<RegisterReport> {
  const rest = new REST(restOptionsOf(settings)).setToken(settings.token);
  const route = settings.guildId ? Routes.applicationGuildCommands(settings.applicationId, settings.guildId) : Routes.applicationCommands(settings.applicationId);
  const body = [buildCommandData(settings.commandName).toJSON(), buildMenuCommandData(settings.menuCommandName).toJSON()];
  const commands = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return { scope: settings.guildId ? 'guild' : 'global', route, commands };
}

/** Says what was registered, in words and with each command's options. */
export function formatRegisterReport(report: RegisterReport, settings: Pick<DiscordSettings, 'guildId'>): string {
  const where =
    report.scope === 'guild' ? `in server ${settings.guildId} (it is usable there at once)` : 'globally, in every server the bot is in (Discord can take up to an hour to show it)';
  const lines = [
    `Registered ${report.commands.length} command${report.commands.length === 1 ? '' : 's'} ${where}, for server and user installs, in servers, DMs and private channels:`,
  ];
  for (const command of report.commands) {
    if (command.type === ApplicationCommandType.Message) {
      lines.push(`  "${command.name}" (id ${command.id}): in a message's menu, under Apps`);
      continue;
    }
    lines.push(`  /${command.name} (id ${command.id}): ${command.description}`);
    for (const option of command.options ?? []) {
      const details = [
        option.required ? 'required' : 'optional',
        'max_length' in option && option.max_length ? `up to ${option.max_length} characters` : null,
        'autocomplete' in option && option.autocomplete ? 'autocomplete' : null,
      ];
      lines.push(`    ${option.name}: ${details.filter(Boolean).join(', ')}`);
    }
  }
  return lines.join('\n');
}

/** Turns Discord's refusals into advice; other errors keep their message. */
export function explainRegisterError(error: unknown, settings: Pick<DiscordSettings, 'guildId'>): string {
  if (error instanceof DiscordAPIError) {
    const { status } = error;
    if (status === 401) return 'rtp-bot: Discord refused DISCORD_TOKEN. Reset the token on the Bot page of the Developer Portal and copy it again.';
    if (status === 403 && settings.guildId) {
      return `rtp-bot: Discord refused access to server ${settings.guildId}. Invite the bot there with the scopes "bot" and "applications.commands" (see docs/discord.md), or check DISCORD_GUILD_ID.`;
    }
    if (status === 404) return 'rtp-bot: Discord does not know that application or server. Check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID.';
  }
  return describeError(error);
}

/** `npm run discord:register`. Returns the exit code; never throws. */
export async function main(env: NodeJS.ProcessEnv, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let settings: DiscordSettings;
  try {
    settings = readDiscordSettings(env);
  } catch (error) {
    err(describeError(error));
    return 2;
  }
  try {
    out(formatRegisterReport(await registerCommands(settings), settings));
    return 0;
  } catch (error) {
    err(explainRegisterError(error, settings));
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(
    readEnvironment(),
    (text) => process.stdout.write(`${text}\n`),
    (text) => process.stderr.write(`${text}\n`),
  );
}
