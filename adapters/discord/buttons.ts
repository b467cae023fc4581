import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { buildFeedbackRow, buildNoticeReply, decodeButtonAction, isFeedbackRow } from './build-reply.js';
import { replyWithAnswer, send, type DiscordContext } from './respond.js';

/**
 * Handles a click on one of our buttons: a related or suggested question is
 * answered (privately, to whoever clicked); a 👍 / 👎 is recorded and
 * acknowledged. Returns false for buttons that are not ours.
 */
export async function handleButton(interaction: ButtonInteraction, context: DiscordContext): Promise<boolean> {
  const action = decodeButtonAction(interaction.customId);
  if (!action) return false;

  if (action.kind === 'ask') {
    const entry = context.getAnswerer().knowledge.entries.find((candidate) => candidate.id === action.entryId);
    if (!entry?.questions[0]) {
      // The knowledge base changed since the message was sent.
      await send(interaction, buildNoticeReply('That question is no longer in my knowledge base. Please ask it again in your own words.'), true);
      return true;
    }
    await replyWithAnswer(interaction, entry.questions[0], context);
    return true;
  }

  context.questionLog.recordFeedback('discord', action.answerId, action.entryId, action.rating, { userId: interaction.user.id });
  const feedbackRow = buildFeedbackRow(action.answerId, action.entryId, action.rating);
  const privateMessage = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (privateMessage) {
    // Only the asker sees a private answer, so marking its buttons as used is safe and stops a second vote.
    const rows = interaction.message.components.map((row) => row.toJSON()).map((row) => ('components' in row && isFeedbackRow(row) ? feedbackRow : row));
    await interaction.update({ components: rows, allowedMentions: { parse: [] } });
  } else {
    // A public answer is shared: one person's vote must not change it for everyone else.
    await send(interaction, buildNoticeReply(`Thanks for the feedback (${action.rating === 'up' ? '👍' : '👎'}). It helps improve the answers.`), true);
  }
  return true;
}
