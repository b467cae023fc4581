import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { isHelpRequest, type Via } from '../../src/index.js';
import { answerQuestion } from '../shared/answer-question.js';
import type { ConversationMemory } from '../shared/conversations.js';
import type { PlatformServices } from '../shared/platform.js';
import type { AskerLimiter } from '../shared/rate-limit.js';
import { buildAnswerReply, buildHelpReply, buildNoticeReply, type DiscordReply } from './build-reply.js';
import { describeDiscordError } from './log.js';
import { removeMentions } from './message-text.js';

/** What every Discord handler needs: the core, the question log, the log, and the command's name. */
export interface DiscordDeps extends Pick<PlatformServices, 'getAnswerer' | 'questionLog' | 'log'> {
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

/** How a Discord question came in, and how its reply is shown. */
export interface DiscordQuestion {
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
 * Answers a question in reply to an interaction (a slash command, the menu
 * command or a question button) through the one way in every platform shares
 * (rate limit, answer, question log, conversation), and sends the rendered
 * reply. "help" gets the guide instead, uncounted, as on Slack; a user over
 * the rate limit gets a polite private "please wait".
 *
 * Answering is an in-memory search that takes milliseconds, so the reply goes
 * out at once: deferring would cost a second round trip to Discord and could
 * not help while the event loop is busy anyway.
 */
export async function replyWithAnswer(interaction: RepliableInteraction, rawQuestion: string, deps: DiscordDeps, how: DiscordQuestion = {}): Promise<void> {
  const question = removeMentions(rawQuestion);
  if (isHelpRequest(question)) {
    await send(interaction, buildHelpReply(deps.commandName, deps.getAnswerer().starters(helpStarterCount), deps.menuCommandName), true);
    return;
  }
  const reply = await answerQuestion(deps, {
    platform: 'discord',
    question,
    userId: interaction.user.id,
    origin: { via: how.via ?? 'command', ...(how.followedFrom ? { followedFrom: how.followedFrom } : {}) },
    ...(how.inConversation ? { conversation: conversationOf(interaction) } : {}),
  });
  if (reply.kind === 'wait') {
    await send(interaction, buildNoticeReply(reply.notice), true);
    return;
  }
  const rendered = buildAnswerReply(reply.answer, { answerId: reply.answerId, offerEscalation: deps.escalationChannel !== undefined });
  await send(interaction, rendered, !(how.public === true && reply.answer.status === 'answered'));
}

/** The polite words a person sees when something on our side went wrong. */
export const apologyText = 'Sorry, something went wrong while answering. Please try again in a moment.';

/**
 * Ends a failed interaction well: one log line for the operator and, when the
 * interaction can still take one, a polite private reply (a follow-up when it
 * was already deferred or answered). Never throws.
 */
export async function replyWithApology(interaction: RepliableInteraction, deps: Pick<DiscordDeps, 'log'>, what: string, error: unknown): Promise<void> {
  deps.log('error', `discord: ${what} failed: ${describeDiscordError(error)}`);
  try {
    await send(interaction, buildNoticeReply(apologyText), true);
  } catch (replyError) {
    // Usually the interaction expired (3 seconds) or Discord is unreachable: nobody is left to tell.
    deps.log('warn', `discord: could not send the apology for ${what} either: ${describeDiscordError(replyError)}`);
  }
}
