import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from 'discord.js';
import { buildNoticeReply } from '../build-reply.js';
import { removeMentions } from '../message-text.js';
import { everyInstall, everywhere } from '../installs.js';
import { replyWithAnswer, send, type DiscordDeps } from '../reply.js';
import { defaultMenuCommandName } from '../settings.js';

/**
 * Builds the message context menu command (right-click a message → Apps →
 * "Ask rtp-bot"), usable wherever `/rtp` is, installed either way.
 */
export function buildMenuCommandData(name: string = defaultMenuCommandName) {
  return new ContextMenuCommandBuilder().setName(name).setType(ApplicationCommandType.Message).setIntegrationTypes(everyInstall).setContexts(everywhere);
}

/** The menu command with its default name; `DISCORD_MENU_COMMAND` renames it. */
export const data = buildMenuCommandData();

/**
 * Answers the question in the chosen message's text, privately to whoever
 * used the menu, with the usual buttons. Discord includes the message's text
 * in the interaction itself, so this needs no Message Content intent.
 */
export async function execute(interaction: MessageContextMenuCommandInteraction, deps: DiscordDeps): Promise<void> {
  const text = removeMentions(interaction.targetMessage.content ?? '');
  if (text === '') {
    await send(
      interaction,
      buildNoticeReply(`That message has no text I can read. Try it on a message that asks a question, or type \`/${deps.commandName}\` and your question.`),
      true,
    );
    return;
  }
  await replyWithAnswer(interaction, text, deps, { via: 'menu' });
}
