import { MessageFlags, RateLimitError, type RepliableInteraction } from 'discord.js';
import { isHelpRequest, type Via } from '../../src/index.js';
import { askInConversation, type ConversationMemory } from '../shared/conversations.js';
import type { PlatformContext } from '../shared/platform.js';
import { checkAskerLimit, type AskerLimiter } from '../shared/rate-limit.js';
import { buildAnswerReply, buildHelpReply, buildNoticeReply, removeMentions, type DiscordReply } from './build-reply.js';

/** What every Discord handler needs: the core, the question log, the log, and the command's name. */
export interface DiscordContext extends Pick<PlatformContext, 'getAnswerer' | 'questionLog' | 'log'> {
  /** The slash command's name, for help text (`DISCORD_COMMAND`). */
  commandName: string;
  /** The message context menu command's name, for help text (`DISCORD_MENU_COMMAND`). @default no mention of it */
  menuCommandName?: string;
  /** Counts each user's questions (`RATE_LIMIT_PER_MINUTE`): every way of asking, and "Still need help?". */
  askerLimiter: AskerLimiter;
  /** Follow-ups: each user's last answer in each channel or DM. @default none: every question stands alone */
  conversations?: ConversationMemory;
  /** `DISCORD_ESCALATION_CHANNEL`: where "Still need help?" posts a question; no such button without it. */
  escalationChannel?: string;
}

/** Options for {@link replyWithAnswer}. */
export interface ReplyWithAnswerOptions {
  /**
   * Post the answer in the channel for everyone rather than only to the asker.
   * Only real answers are shared: help, no-match and invalid replies stay private.
   * @default false
   */
  public?: boolean;
  /** How the question came in, for the question log. @default 'command' */
  via?: Via;
  /** The answer id of the reply whose button asked this question. */
  followedFrom?: string | null;
  /**
   * Ask it as the next turn of this user's conversation in this channel (a
   * follow-up of their last answer there), and move the conversation on.
   * @default false: the question stands alone
   */
  inConversation?: boolean;
}

/** The conversation of one user in one channel or DM (user installs can be used where the bot has no channel of its own). */
export const conversationOf = (interaction: Pick<RepliableInteraction, 'channelId' | 'user'>): string => `discord:${interaction.channelId ?? 'dm'}:${interaction.user.id}`;

/** Good first questions offered with the help reply. */
const helpStarterCount = 5;

/**
 * Sends one private or public message: the first response to an interaction,
 * or a follow-up when it was already deferred or answered (as the discord.js
 * guide does), so a late error can still be reported.
 */
export async function send(interaction: RepliableInteraction, reply: DiscordReply, ephemeral: boolean): Promise<void> {
  const message = { ...reply, flags: ephemeral ? MessageFlags.Ephemeral : undefined } as const;
  if (interaction.deferred || interaction.replied) await interaction.followUp(message);
  else await interaction.reply(message);
}

/**
 * Answers a question in reply to an interaction (a slash command or a
 * related-question button), and records it in the question log. A user over
 * the rate limit gets a polite private "please wait" instead: nothing is
 * answered or recorded.
 *
 * Answering is an in-memory search that takes milliseconds, so the reply goes
 * out at once: deferring would cost a second round trip to Discord and could
 * not help while the event loop is busy anyway.
 */
export async function replyWithAnswer(
  interaction: RepliableInteraction,
  rawQuestion: string,
  context: DiscordContext,
  options: ReplyWithAnswerOptions = {},
): Promise<void> {
  const refusal = await checkAskerLimit(context.askerLimiter, 'discord', interaction.user.id);
  if (refusal !== null) {
    await send(interaction, buildNoticeReply(refusal), true);
    return;
  }
  const question = removeMentions(rawQuestion);
  const answerer = context.getAnswerer();
  if (isHelpRequest(question)) {
    await send(interaction, buildHelpReply(context.commandName, answerer.starters(helpStarterCount), context.menuCommandName), true);
    return;
  }
  const answer =
    options.inConversation && context.conversations ? await askInConversation(answerer, question, context.conversations, conversationOf(interaction)) : answerer.ask(question);
  const answerId = context.questionLog.recordAnswer(
    'discord',
    answer,
    { userId: interaction.user.id },
    { via: options.via ?? 'command', ...(options.followedFrom ? { followedFrom: options.followedFrom } : {}) },
  );
  const reply = buildAnswerReply(answer, { answerId, offerEscalation: context.escalationChannel !== undefined });
  await send(interaction, reply, !(options.public === true && answer.status === 'answered'));
}

/**
 * One line about a failure for the operator's log. discord.js's RateLimitError
 * has no message of its own, so it is described from its fields.
 */
export function describeDiscordError(error: unknown): string {
  if (error instanceof RateLimitError) {
    return `Discord asked to wait ${Math.round(error.retryAfter)} ms (rate limited${error.global ? ', globally' : ''}), longer than the answer could wait, so it was not sent`;
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** The polite words a person sees when something on our side went wrong. */
export const apologyText = 'Sorry, something went wrong while answering. Please try again in a moment.';

/**
 * Ends a failed interaction well: one log line for the operator and, when the
 * interaction can still take one, a polite private reply (a follow-up when it
 * was already deferred or answered). Never throws.
 */
export async function replyWithApology(interaction: RepliableInteraction, context: Pick<DiscordContext, 'log'>, what: string, error: unknown): Promise<void> {
  context.log('error', `discord: ${what} failed: ${describeDiscordError(error)}`);
  try {
    await send(interaction, buildNoticeReply(apologyText), true);
  } catch (replyError) {
    // Usually the interaction expired (3 seconds) or Discord is unreachable: nobody is left to tell.
    context.log('warn', `discord: could not send the apology for ${what} either: ${describeDiscordError(replyError)}`);
  }
}
