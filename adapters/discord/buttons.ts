import { MessageFlags, Routes, type ButtonInteraction } from 'discord.js';
import { checkAskerLimit } from '../shared/rate-limit.js';
import { buildEscalationPost, buildFeedbackRow, buildNoticeReply, decodeButtonAction, isFeedbackRow, readAskedQuestion, type ButtonAction } from './build-reply.js';
import { describeDiscordError } from './log.js';
import { replyWithAnswer, send, type DiscordDeps } from './reply.js';
import { describeEscalatedTo } from '../shared/escalation.js';

/**
 * Handles a click on one of our buttons: a related, suggested or clarifying
 * question is answered (privately, to whoever clicked) and linked in the
 * question log to the reply that offered it; a 👍 / 👎 or "That answered it"
 * is recorded and acknowledged; "Still need help?" passes the question on.
 * Returns false for buttons that are not ours.
 */
export async function handleButton(interaction: ButtonInteraction, deps: DiscordDeps): Promise<boolean> {
  const action = decodeButtonAction(interaction.customId);
  if (!action) return false;
  switch (action.kind) {
    case 'ask':
      await askChosenQuestion(interaction, action, deps);
      break;
    case 'feedback':
      await recordRating(interaction, action, deps);
      break;
    case 'solved':
      deps.questionLog.recordFeedback('discord', action.answerId, action.entryId, 'up', { userId: interaction.user.id });
      await send(interaction, buildNoticeReply('Glad that answered it. Thanks for saying so: it helps improve the answers.'), true);
      break;
    case 'escalate':
      await escalate(interaction, deps);
      break;
  }
  return true;
}

async function askChosenQuestion(interaction: ButtonInteraction, action: Extract<ButtonAction, { kind: 'ask' }>, deps: DiscordDeps): Promise<void> {
  const entry = deps.getAnswerer().knowledge.entries.find((candidate) => candidate.id === action.entryId);
  if (!entry?.questions[0]) {
    // The knowledge base changed since the message was sent.
    await send(interaction, buildNoticeReply('That question is no longer in my knowledge base. Please ask it again in your own words.'), true);
    return;
  }
  await replyWithAnswer(interaction, entry.questions[0], deps, { via: 'button', followedFrom: action.followedFrom, inConversation: true });
}

async function recordRating(interaction: ButtonInteraction, action: Extract<ButtonAction, { kind: 'feedback' }>, deps: DiscordDeps): Promise<void> {
  deps.questionLog.recordFeedback('discord', action.answerId, action.entryId, action.rating, { userId: interaction.user.id });
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
}

/**
 * "Still need help?": posts the question the reply showed to
 * `DISCORD_ESCALATION_CHANNEL`, naming the person who clicked (and able to
 * notify no one else), then tells them privately where it went. It counts
 * towards their rate limit, so it cannot flood the channel.
 */
async function escalate(interaction: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  const channel = deps.escalationChannel;
  const question = readAskedQuestion(interaction.message.embeds);
  if (!channel || !question) throw new Error(channel ? 'the message showed no question to pass on' : 'DISCORD_ESCALATION_CHANNEL is no longer set');
  const refusal = await checkAskerLimit(deps.askerLimiter, 'discord', interaction.user.id);
  if (refusal !== null) {
    await send(interaction, buildNoticeReply(refusal), true);
    return;
  }
  try {
    await interaction.client.rest.post(Routes.channelMessages(channel), { body: buildEscalationPost(question, interaction.user.id) });
  } catch (error) {
    deps.log('error', `discord: could not post to DISCORD_ESCALATION_CHANNEL (${describeDiscordError(error)}); can the bot see that channel and send messages there?`);
    await send(interaction, buildNoticeReply("Sorry, I couldn't pass your question on just now. Please ask in the server directly, or try again later."), true);
    return;
  }
  deps.log('info', 'discord: a question was passed on to DISCORD_ESCALATION_CHANNEL');
  await send(interaction, buildNoticeReply(describeEscalatedTo(channel)), true);
}
