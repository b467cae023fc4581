import type { AnyThreadChannel } from 'discord.js';
import { defaultAskOptions, type Answer, type Answerer } from '../../src/index.js';
import { checkAskerLimit } from '../shared/rate-limit.js';
import { buildForumReply, removeMentions } from './build-reply.js';
import type { DiscordContext } from './respond.js';

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
 * The surest answer to a post: its title alone first (titles are often the
 * question), then its text alone (under a title like "Quick question"), then
 * both together. `null` unless one is `high` confidence.
 */
function answerPost(answerer: Answerer, title: string, text: string): Answer | null {
  const attempts = [title, ...(text ? [cutToQuestion(text), cutToQuestion(`${title}. ${text}`)] : [])];
  for (const question of attempts) {
    const answer = answerer.ask(question);
    if (isSure(answer)) return answer;
  }
  return null;
}

/**
 * A new post in a watched forum: the bot replies in the post only when it is
 * sure (a `high` confidence answer), with "That answered it" and 👍 / 👎;
 * otherwise it stays silent and records nothing, since nobody asked it. The
 * post counts towards its author's rate limit; over it, the bot stays silent.
 */
export async function answerForumPost(thread: AnyThreadChannel, newlyCreated: boolean, context: DiscordContext, settings: ForumHelperSettings): Promise<void> {
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
  if ((await checkAskerLimit(context.askerLimiter, 'discord', askerId)) !== null) return;
  const answer = answerPost(context.getAnswerer(), removeMentions(thread.name), text);
  if (!answer) return;
  const answerId = context.questionLog.recordAnswer('discord', answer, { userId: askerId }, { via: 'forum' });
  await thread.send(buildForumReply(answer, answerId));
}
