import type { types } from '@slack/bolt';
import * as z from 'zod';
import type { Answer, AnswerSource, EntryLink } from '../../src/index.js';
import { checkedNote } from '../shared/checked-date.js';
import { escalationLabel } from '../shared/escalation.js';

export { escalationLabel };

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** A message as Slack takes it: Block Kit blocks, and plain text for notifications and old clients. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Slack's limits that the builders keep to (Block Kit reference). */
export const slackLimits = Object.freeze({
  /** Characters in one section's text. */
  sectionText: 3000,
  /** Blocks in one message. */
  blocks: 50,
  /** Characters in a header block. */
  headerText: 150,
  /** Elements in one context block. */
  contextElements: 10,
  /** Elements in one actions block. */
  actionsElements: 25,
  /** Characters in a button's label. */
  buttonText: 75,
  /** Characters in a button's value. */
  buttonValue: 2000,
  /** Characters kept in the plain-text fallback; Slack only shows a preview of it. */
  fallbackText: 3000,
});

/** The action ids of every button the bot sends; listeners match on these. */
export const actionIds = Object.freeze({
  /** Prefix of "ask this question" buttons (related questions, suggestions, examples): `rtp_ask_0`, `rtp_ask_1`, … */
  ask: 'rtp_ask',
  /** Prefix of the same buttons in Slack's assistant pane, answered in the pane's thread: `rtp_ask_here_0`, … */
  askHere: 'rtp_ask_here',
  share: 'rtp_share',
  feedbackUp: 'rtp_feedback_up',
  feedbackDown: 'rtp_feedback_down',
  /** Slack's own 👍 / 👎 (a `feedback_buttons` element), used in the assistant pane; each button's value says which. */
  feedback: 'rtp_feedback',
  /** "Still need help?": posts the question to the escalation channel. */
  escalate: 'rtp_escalate',
});

/** Matches every "ask this question" button. */
export const askActionPattern = new RegExp(`^${actionIds.ask}_\\d+$`);

/** Matches every "ask this question" button in the assistant pane. */
export const askHereActionPattern = new RegExp(`^${actionIds.askHere}_\\d+$`);

/** What a Share in channel button carries: the question to answer again, and the answer it shares. */
export interface ShareValue {
  question: string;
  answerId: string | null;
}

/**
 * What an "ask this question" button carries: the question, and the answer id
 * of the reply that offered it, so the question log can link the two. Buttons
 * offered by no recorded reply (help, App Home) carry the bare question.
 */
export interface AskValue {
  question: string;
  /** The `answerId` of the reply whose suggestion, clarification or related question this is. */
  followedFrom: string | null;
}

/** What a "Still need help?" button carries: the question that went unanswered, and its answer id. */
export interface EscalateValue {
  question: string;
  answerId: string | null;
}

/** What a 👍 / 👎 button carries. */
export interface FeedbackValue {
  answerId: string;
  entryId: string | null;
  /** Slack's own feedback buttons share one action id, so each button's value says which it is. */
  rating?: 'up' | 'down';
}

const shareValueSchema = z.object({ question: z.string().min(1), answerId: z.string().nullable() });
const feedbackValueSchema = z.object({ answerId: z.string().min(1), entryId: z.string().nullable(), rating: z.enum(['up', 'down']).optional() });
const askValueSchema = z.object({ question: z.string().min(1), from: z.string().min(1) });
const escalateValueSchema = z.object({ question: z.string().min(1), answerId: z.string().nullable() });

const readJson = <T>(schema: z.ZodType<T>, value: string | undefined): T | null => {
  try {
    const parsed = schema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** Reads a Share in channel button's value; `null` when it is not one of ours. */
export const readShareValue = (value: string | undefined): ShareValue | null => readJson(shareValueSchema, value);

/** Reads a feedback button's value; `null` when it is not one of ours. */
export const readFeedbackValue = (value: string | undefined): FeedbackValue | null => readJson(feedbackValueSchema, value);

/** Reads a "Still need help?" button's value; `null` when it is not one of ours. */
export const readEscalateValue = (value: string | undefined): EscalateValue | null => readJson(escalateValueSchema, value);

/** Reads an "ask this question" button's value: ours with the answer it came from, or a bare question. */
export function readAskValue(value: string | undefined): AskValue {
  const linked = readJson(askValueSchema, value);
  return linked ? { question: linked.question, followedFrom: linked.from } : { question: value ?? '', followedFrom: null };
}

/** Encodes an "ask this question" button's value, within Slack's limit (dropping the link rather than the question). */
function encodeAskValue(question: string, followedFrom: string | null | undefined): string {
  const linked = followedFrom ? JSON.stringify({ question, from: followedFrom }) : '';
  return linked && linked.length <= slackLimits.buttonValue ? linked : question;
}

/**
 * Escapes text for Slack's mrkdwn so it can never form a mention, a broadcast
 * (`<!channel>`, `<!here>`, `<@U123>`) or a link. Also breaks up bare
 * `@channel`, `@here` and `@everyone` with an invisible space, in case a client
 * parses those.
 */
export function escapeSlackText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u200b$1');
}

/**
 * Undoes the escaping Slack applies to text it sends (a slash command's text
 * arrives with `&amp;`, `&lt;`, `&gt;`), so the search sees what the person typed.
 */
export function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

// How long a character is once escaped; "@" counts double for the invisible space a broadcast word gets.
const escapedLength = (char: string): number => (char === '&' ? 5 : char === '<' || char === '>' ? 4 : char === '@' ? 2 : 1);

/** The longest prefix (in UTF-16 units) whose escaped form fits in `limit`, never cutting a surrogate pair. */
function fittingPrefixLength(text: string, limit: number, measure: (char: string) => number = escapedLength): number {
  let size = 0;
  let end = 0;
  while (end < text.length) {
    const next = size + measure(text[end] ?? '');
    if (next > limit) break;
    size = next;
    end += 1;
  }
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return end;
}

/**
 * Splits text into pieces whose escaped form fits in `limit` characters,
 * breaking at a paragraph, line, sentence or word where it can.
 * Returns raw (unescaped) pieces.
 */
export function splitText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const fit = fittingPrefixLength(rest, limit);
    if (fit >= rest.length) {
      pieces.push(rest);
      break;
    }
    const window = rest.slice(0, fit);
    const breaks = [
      window.lastIndexOf('\n\n'),
      window.lastIndexOf('\n'),
      Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! ')) + 1,
      window.lastIndexOf(' '),
    ];
    // A break in the first half would leave a tiny piece; cut mid-word rather than that.
    const at = breaks.find((index) => index > fit / 2) ?? fit;
    pieces.push(rest.slice(0, Math.max(at, 1)).trimEnd());
    rest = rest.slice(Math.max(at, 1)).trimStart();
  }
  return pieces;
}

/** Escapes text for mrkdwn, cut (with an ellipsis) so the escaped form fits in `limit` characters. */
export function escapeWithin(text: string, limit: number): string {
  const end = fittingPrefixLength(text, limit);
  if (end >= text.length) return escapeSlackText(text);
  return `${escapeSlackText(text.slice(0, fittingPrefixLength(text, limit - 1)).trimEnd())}…`;
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
// Slack decodes &amp; &lt; &gt; in plain text too, so it is escaped the same way.
const plainText = (text: string, limit: number): types.PlainTextElement => ({ type: 'plain_text', text: escapeWithin(text, limit), emoji: true });
const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (texts: string[]): KnownBlock => ({ type: 'context', elements: texts.slice(0, slackLimits.contextElements).map(mrkdwn) });

const button = (label: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  text: plainText(label, slackLimits.buttonText),
  action_id: actionId,
  value: value.slice(0, slackLimits.buttonValue),
  ...(style ? { style } : {}),
});

/**
 * One "ask this" button per link, in a single actions block; none when there
 * are no links. Each carries `followedFrom`, the answer id of the reply offering it.
 */
function questionButtons(heading: string, links: EntryLink[], followedFrom?: string | null, prefix: string = actionIds.ask): KnownBlock[] {
  const shown = links.slice(0, slackLimits.actionsElements);
  if (shown.length === 0) return [];
  return [
    section(`*${escapeSlackText(heading)}*`),
    { type: 'actions', elements: shown.map((link, index) => button(link.question, `${prefix}_${index}`, encodeAskValue(link.question, followedFrom))) },
  ];
}

const describeSource = (source: AnswerSource): string => `${source.title}. ${source.author === 'not named' ? '' : `${source.author}, `}${source.publisher}; ${source.date}.`;

function sourcesContext(sources: AnswerSource[]): KnownBlock[] {
  if (sources.length === 0) return [];
  const room = slackLimits.contextElements - 1;
  const listed = sources.length > room ? sources.slice(0, room - 1) : sources;
  const texts = ['*Sources:*', ...listed.map((source) => `📄 ${escapeWithin(describeSource(source), slackLimits.sectionText - 3)}`)];
  if (listed.length < sources.length) texts.push(`and ${sources.length - listed.length} more`);
  return [context(texts)];
}

const askedContext = (question: string, extra = ''): KnownBlock => context([`❓ ${escapeWithin(question, slackLimits.sectionText - 200)}${extra}`]);

/** Answer text as sections, trimmed so the whole message stays within `budget` blocks. */
function answerSections(text: string, budget: number): KnownBlock[] {
  const note = '… _(cut short to fit in Slack; the sources above have the rest)_';
  const pieces = splitText(text, slackLimits.sectionText);
  if (pieces.length <= budget) return pieces.map((piece) => section(escapeSlackText(piece)));
  const kept = pieces.slice(0, Math.max(budget, 1));
  const last = kept.pop() ?? '';
  const cut = last.slice(0, fittingPrefixLength(last, slackLimits.sectionText - note.length)).trimEnd();
  return [...kept.map((piece) => section(escapeSlackText(piece))), section(`${escapeSlackText(cut)}${note}`)];
}

const fallbackOf = (text: string): string => escapeWithin(text, slackLimits.fallbackText);

/** Options for {@link buildAnswerMessage}. */
export interface AnswerMessageOptions {
  /** The question log's id for this answer; feedback buttons carry it. No feedback buttons without it. */
  answerId?: string | null;
  /**
   * True for the copy shared in the channel: no Share button, and a line saying
   * it was shared. It does not name the sharer, since naming a user pings them.
   * @default false
   */
  shared?: boolean;
  /**
   * Offer Share in channel. Replies that are already in the open (a thread, a
   * DM) have nothing to share.
   * @default true
   */
  offerShare?: boolean;
  /**
   * Offer "Still need help?" under a decline or a clarification
   * (`SLACK_ESCALATION_CHANNEL` is set).
   * @default false
   */
  offerEscalation?: boolean;
  /**
   * A reply in Slack's assistant pane: its question buttons ask in the pane's
   * thread, and 👍 / 👎 are Slack's own feedback buttons rather than ours.
   * @default false
   */
  assistantPane?: boolean;
}

const headings: Record<Exclude<Answer['status'], 'answered'>, string> = {
  clarify: 'Did you mean:',
  no_match: 'You could ask:',
  small_talk: 'Questions people often ask:',
  invalid: 'Try, for example:',
};
const headingFor = (status: Exclude<Answer['status'], 'answered'>): string => headings[status];

/**
 * Renders an answer as a Slack message: the answer (split to fit), its sources
 * with dates, related questions as buttons, Share in channel, and 👍 / 👎.
 * For no match or an invalid question: the polite message and suggestions as
 * buttons. Every piece of text that came from a person or the knowledge base is
 * escaped, and the result is always within Block Kit's limits.
 */
export function buildAnswerMessage(answer: Answer, options: AnswerMessageOptions = {}): SlackMessage {
  const message = answer.answer;
  if (answer.status !== 'answered') {
    const escalate = options.offerEscalation === true && (answer.status === 'no_match' || answer.status === 'clarify');
    const value = JSON.stringify({ question: answer.question, answerId: options.answerId ?? null } satisfies EscalateValue);
    const tail = [
      askedContext(answer.question),
      ...questionButtons(headingFor(answer.status), answer.suggestions, options.answerId, askPrefixFor(options)),
      ...(escalate ? [{ type: 'actions', elements: [button(escalationLabel, actionIds.escalate, value)] } as KnownBlock] : []),
    ];
    return { text: fallbackOf(message), blocks: [...answerSections(message, slackLimits.blocks - tail.length), ...tail] };
  }

  const title = answer.title;
  const sharer = options.shared ? ' · shared with the channel' : '';
  const checked = checkedNote(answer);
  const head: KnownBlock[] = [{ type: 'header', text: plainText(title, slackLimits.headerText) }];
  const controls: Button[] = [];
  if (!options.shared && options.offerShare !== false)
    controls.push(button('Share in channel', actionIds.share, JSON.stringify({ question: answer.question, answerId: options.answerId ?? null } satisfies ShareValue), 'primary'));
  const nativeFeedback = options.assistantPane === true && Boolean(options.answerId);
  if (options.answerId && !nativeFeedback) {
    const value = JSON.stringify({ answerId: options.answerId, entryId: answer.entryId } satisfies FeedbackValue);
    controls.push(button('👍 Helpful', actionIds.feedbackUp, value), button('👎 Not helpful', actionIds.feedbackDown, value));
  }
  const parts = answer.parts ?? [];
  const tail: KnownBlock[] = [
    askedContext(answer.question, `${answer.confidence ? ` · ${answer.confidence} confidence match` : ''}${checked ? ` · ${checked}` : ''}${sharer}`),
    // A comparison's parts carry their own sources.
    ...(parts.length > 0 ? [] : sourcesContext(answer.sources)),
    ...questionButtons('Related questions', answer.related, options.answerId, askPrefixFor(options)),
    ...(controls.length > 0 ? [{ type: 'divider' } as KnownBlock, { type: 'actions', elements: controls } as KnownBlock] : []),
    ...(nativeFeedback && options.answerId ? [feedbackButtons(options.answerId, answer.entryId)] : []),
  ];
  const room = slackLimits.blocks - head.length - tail.length;
  // A comparison shows each side under its own title, with its own sources and date.
  const body =
    parts.length > 0
      ? parts.flatMap((part) => {
          const sources = sourcesContext(part.sources);
          return [section(`*${escapeWithin(part.title, 200)}*`), ...answerSections(part.answer, Math.max(1, Math.floor(room / parts.length) - 1 - sources.length)), ...sources];
        })
      : answerSections(message, room);
  return { text: fallbackOf(`${title}: ${message}`), blocks: [...head, ...body, ...tail] };
}

const askPrefixFor = (options: AnswerMessageOptions): string => (options.assistantPane ? actionIds.askHere : actionIds.ask);

/** Slack's own 👍 / 👎 under a reply (a `context_actions` block), each carrying the rating it gives. */
function feedbackButtons(answerId: string, entryId: string | null): KnownBlock {
  const value = (rating: 'up' | 'down') => JSON.stringify({ answerId, entryId, rating } satisfies FeedbackValue);
  return {
    type: 'context_actions',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: actionIds.feedback,
        positive_button: { text: { type: 'plain_text', text: '👍' }, accessibility_label: 'This answer was helpful', value: value('up') },
        negative_button: { text: { type: 'plain_text', text: '👎' }, accessibility_label: 'This answer was not helpful', value: value('down') },
      },
    ],
  };
}

/** The other ways in, for the guides. */
const waysToAsk = [
  'You can also mention me in a channel (I answer in the thread, for everyone there), send me a direct message, ' +
    'or use *Ask rtp-bot about this* from a message\'s ⋮ menu. In a thread or a DM, a follow-up such as "who ran it?" ' +
    'is read as part of the conversation.',
];

/** The reply to `/rtp` with no question, or `/rtp help`: a short guide and example questions as buttons. */
export function buildHelpMessage(command: string, examples: EntryLink[]): SlackMessage {
  const guide = [
    '*Ask me about the Right to Provide, the Right to Request and public service mutuals.*',
    `Type \`${command}\` and a question, for example \`${command} Who can use the Right to Provide?\``,
    'Answers come only from a small set of documents dated 2009 to 2012, and each one names its sources and dates. ' +
      `Only you see a \`${command}\` answer until you press *Share in channel*.`,
    ...waysToAsk,
  ].join('\n');
  return {
    text: `Ask me about the Right to Provide, the Right to Request and public service mutuals: ${command} followed by a question.`,
    blocks: [section(guide), ...questionButtons('Try one of these:', examples)],
  };
}

/** A short message of our own words (thank-yous, apologies). */
export function buildNoticeMessage(text: string): SlackMessage {
  return { text, blocks: [section(text)] };
}

/** The message that passes an unanswered question on to people, in the escalation channel. It names (and so notifies) the asker, and no one else. */
export function buildEscalationMessage(question: string, askerId: string): SlackMessage {
  // A Slack user id is letters and digits; anything else would not be a user, so it is left out rather than risk markup.
  const asker = /^[UW][A-Z0-9]+$/.test(askerId) ? `<@${askerId}>` : 'Someone';
  const intro = `${asker} asked rtp-bot a question it could not answer. Can someone who knows reply in this thread?`;
  return {
    text: fallbackOf(`${asker} needs help with: ${question}`),
    blocks: [section(intro), section(`> ${escapeWithin(question, slackLimits.sectionText - 10).replace(/\n/g, '\n> ')}`)],
  };
}

/** How many entries the App Home lists as recently reviewed or added. */
export const homeRecentCount = 5;

/**
 * The App Home tab: a short guide, starter questions as buttons, and the
 * entries most recently reviewed or added (each a button that asks it).
 */
export function buildHomeView(command: string, starters: EntryLink[], recent: (EntryLink & { when: string })[]): types.HomeView {
  const guide = [
    '*I answer questions about the Right to Provide, the Right to Request and public service mutuals.*',
    `Type \`${command}\` and a question in any channel, or ask me in the *Messages* tab.`,
    ...waysToAsk,
    'Answers come only from a small set of documents dated 2009 to 2012; each names its sources and dates.',
  ].join('\n');
  const recentBlocks: KnownBlock[] =
    recent.length === 0
      ? []
      : [
          { type: 'divider' },
          section('*Recently reviewed or added*'),
          context(recent.slice(0, slackLimits.contextElements).map((link) => `• ${escapeWithin(link.title, 200)} (${escapeWithin(link.when, 40)})`)),
          ...questionButtons('Ask one of them:', recent),
        ];
  return {
    type: 'home',
    blocks: [{ type: 'header', text: plainText('rtp-bot', slackLimits.headerText) }, section(guide), ...questionButtons('Try one of these:', starters), ...recentBlocks],
  };
}

/** How the assistant pane's extras are kept short: our choices, well within what Slack shows. */
export const paneLimits = Object.freeze({
  /** Suggested prompts under the greeting (Slack shows up to four). */
  prompts: 4,
  /** Characters in a suggested prompt's label; the whole question is sent when it is picked. */
  promptLabel: 60,
  /** Characters in a suggested prompt's question. */
  promptMessage: 1000,
  /** Characters in a thread's title, taken from its first question. */
  threadTitle: 60,
});

/** Escapes text and, when it is too long, cuts it at a word with an ellipsis, so the escaped form fits in `limit`. */
function shortenAtWord(text: string, limit: number): string {
  const plain = text.replace(/\s+/g, ' ').trim();
  if (fittingPrefixLength(plain, limit) >= plain.length) return escapeSlackText(plain);
  const fit = fittingPrefixLength(plain, limit - 1);
  const space = plain.lastIndexOf(' ', fit);
  const end = space > fit / 2 ? space : fit;
  return `${escapeSlackText(plain.slice(0, end).trimEnd())}…`;
}

/** What `assistant.threads.setSuggestedPrompts` takes: a heading and up to four questions. */
export interface SuggestedPrompts {
  title: string;
  prompts: { title: string; message: string }[];
}

/** The suggested prompts that open a thread in the assistant pane: the starters, as questions to pick. */
export function buildSuggestedPrompts(starters: EntryLink[]): SuggestedPrompts {
  return {
    title: headings.small_talk,
    prompts: starters.slice(0, paneLimits.prompts).map((link) => ({
      title: shortenAtWord(link.question, paneLimits.promptLabel),
      message: escapeWithin(link.question, paneLimits.promptMessage),
    })),
  };
}

/** A thread's title in the assistant pane: its first question, shortened at a word. */
export const buildThreadTitle = (question: string): string => shortenAtWord(question, paneLimits.threadTitle);

/** What the bot says when a thread opens in the assistant pane, when `small-talk.yaml` has no `greeting`. */
export const defaultGreeting = 'Hello! Ask me about the Right to Provide, the Right to Request and public service mutuals, or pick one of the suggested questions.';

/** The greeting that opens a thread in the assistant pane (`small-talk.yaml`'s `greeting`, escaped). */
export function buildGreetingMessage(greeting: string | undefined): SlackMessage {
  const text = escapeWithin(greeting ?? defaultGreeting, slackLimits.sectionText);
  return { text, blocks: [section(text)] };
}
