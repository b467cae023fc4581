import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { everyInstall, everywhere } from '../installs.js';
import { defaultAskOptions } from '../../../src/index.js';
import { buildChoices } from '../build-reply.js';
import { removeMentions } from '../message-text.js';
import { replyWithAnswer, type DiscordDeps } from '../reply.js';
import { defaultCommandName } from '../settings.js';

/**
 * Builds the slash command's definition: `question` (required text, as long as
 * the core accepts, with autocomplete) and `public` (optional; answers are
 * private to the asker without it). It can be installed in a server or by a
 * user, and used in servers, the bot's DM and private channels.
 */
export function buildCommandData(name: string = defaultCommandName) {
  return new SlashCommandBuilder()
    .setName(name)
    .setIntegrationTypes(everyInstall)
    .setContexts(everywhere)
    .setDescription('Ask about the Right to Provide, the Right to Request and public service mutuals')
    .addStringOption((option) =>
      option
        .setName('question')
        .setDescription('Your question, e.g. "Who can use the Right to Provide?" (type help for examples)')
        .setRequired(true)
        .setMaxLength(defaultAskOptions.maxQuestionLength)
        .setAutocomplete(true),
    )
    .addBooleanOption((option) => option.setName('public').setDescription('Show the answer to everyone in the channel (default: only you)'));
}

/** The command with its default name; `DISCORD_COMMAND` renames it. */
export const data = buildCommandData();

/**
 * Answers `/rtp question:<text> [public:<bool>]`. Within a few minutes of the
 * user's last answer in the same channel or DM, it is asked as a follow-up.
 */
export async function execute(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const question = interaction.options.getString('question') ?? '';
  await replyWithAnswer(interaction, question, deps, { public: interaction.options.getBoolean('public') === true, via: 'command', inConversation: true });
}

/** Offers up to 25 questions from the knowledge base as the user types; starters with nothing typed. */
export async function autocomplete(interaction: AutocompleteInteraction, deps: DiscordDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'question') {
    await interaction.respond([]);
    return;
  }
  await interaction.respond(buildChoices(deps.getAnswerer().suggest(removeMentions(String(focused.value)), 25)));
}
