import type { AnyThreadChannel } from 'discord.js';
import { defaultAskOptions, type Answer } from '../../src/index.js';
import { answerUnaskedPost } from '../shared/answer-question.js';
import { buildForumReply } from './build-reply.js';
import { removeMentions } from './message-text.js';
import type { DiscordDeps } from './reply.js';

/** Which forums the helper watches, and whether it may read a post's text. */
export interface ForumHelperSettings {
  /** `DISCORD_FORUM_CHANNELS`: ids of the forum channels to watch. Empty: the helper is off. */
  forumChannels: readonly string[];
  /**
   * `DISCORD_FORUM_READ_POSTS`: read the post's text as well as its title. Needs
   * the privileged Message Content intent; without it only the title is used.
   */
  readForumPosts: boolean;
}

/** Cuts text to the core's longest question, at a word boundary. */
function cutToQuestion(text: string): string {
  const limit = defaultAskOptions.maxQuestionLength;
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return space > limit / 2 ? cut.slice(0, space) : cut;
}

/** True for the only answers worth posting unasked in a public post. */
const isSure = (answer: Answer): boolean => answer.status === 'answered' && answer.confidence === 'high';

/**
 * A new post in a watched forum: the bot replies in the post only when it is
 * sure (a `high` confidence answer), with "That answered it" and 👍 / 👎;
 * otherwise it stays silent and records nothing, since nobody asked it. The
 * post counts towards its author's rate limit; over it, the bot stays silent.
 */
export async function answerForumPost(thread: AnyThreadChannel, newlyCreated: boolean, deps: DiscordDeps, settings: ForumHelperSettings): Promise<void> {
  if (!newlyCreated || !thread.parentId || !settings.forumChannels.includes(thread.parentId)) return;
  const askerId = thread.ownerId;
  if (!askerId || askerId === thread.client.user.id) return;
  let text = '';
  if (settings.readForumPosts) {
    // A forum post's first message has the thread's id. Without the intent its text would come back empty.
    const starter = await thread.fetchStarterMessage().catch(() => null);
    if (starter?.author.bot) return;
    text = removeMentions(starter?.content ?? '');
  }
  // The surest answer to the post: its title alone first (titles are often the question), then its text alone
  // (under a title like "Quick question"), then both together. Over the rate limit, or unsure: silence.
  const title = removeMentions(thread.name);
  const alternatives = text ? [cutToQuestion(text), cutToQuestion(`${title}. ${text}`)] : [];
  const reply = await answerUnaskedPost(deps, { platform: 'discord', question: title, userId: askerId, origin: { via: 'forum' } }, alternatives, isSure);
  if (reply === null) return;
  await thread.send(buildForumReply(reply.answer, reply.answerId));
}
