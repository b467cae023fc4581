import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Answer, AnswerSource, Confidence, EntryLink } from '../../src/index.js';
import { checkedNote } from '../shared/checked-date.js';
import { escalationLabel } from '../shared/escalation.js';

export { escalationLabel };

/** Discord's size limits that a reply must respect (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const discordLimits = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer and author, together. */
  embedTotal: 6000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Most rows of buttons in one message. */
const maxRows = 5;

/** Most related questions offered as buttons under an answer. */
export const maxRelatedButtons = 3;

/** A row of buttons, as plain JSON. */
export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A message body in plain JSON: what every reply, follow-up and update sends. */
export interface DiscordReply {
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** Always "nobody": a question may hold `@everyone` or `<@id>`, and the bot must never ping. */
  allowedMentions: { parse: [] };
}

/**
 * What a button's `custom_id` carries: a question to ask (with the answer id
 * of the reply that offered it, when there was one), a rating, "Still need
 * help?" under an unanswered reply, or "That answered it" under a forum reply.
 */
export type ButtonAction =
  | { kind: 'ask'; entryId: string; followedFrom: string | null }
  | { kind: 'feedback'; rating: 'up' | 'down'; answerId: string; entryId: string | null }
  | { kind: 'escalate'; answerId: string }
  | { kind: 'solved'; answerId: string; entryId: string | null };

const noMentions = (): { parse: [] } => ({ parse: [] });

const colours: Record<Confidence | 'none', number> = { high: 0x2e7d32, medium: 0xf9a825, low: 0x9e9e9e, none: 0x5c6bc0 };

/** Cuts text to a limit, at a word boundary when one is near, marking the cut with an ellipsis. */
export function truncate(text: string, limit: number): string {
  const chars = [...text];
  if (chars.length <= limit) return text;
  const cut = chars.slice(0, limit - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > limit * 0.6 ? cut.slice(0, space) : cut}…`;
}

const length = (text: string | undefined): number => (text ? [...text].length : 0);

/** Characters an embed counts towards Discord's 6,000 total. */
export function embedSize(embed: APIEmbed): number {
  return (
    length(embed.title) +
    length(embed.description) +
    length(embed.footer?.text) +
    length(embed.author?.name) +
    (embed.fields ?? []).reduce((sum, field) => sum + length(field.name) + length(field.value), 0)
  );
}

/** Cuts an embed to every Discord limit (or to `total` characters, when a message holds several): first each part, then the description, then trailing fields. */
export function fitEmbed(embed: APIEmbed, total: number = discordLimits.embedTotal): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title) fitted.title = truncate(fitted.title, discordLimits.title);
  if (fitted.description) fitted.description = truncate(fitted.description, discordLimits.description);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, discordLimits.footer) };
  if (fitted.fields) {
    fitted.fields = fitted.fields
      .slice(0, discordLimits.fields)
      .map((field) => ({ ...field, name: truncate(field.name, discordLimits.fieldName), value: truncate(field.value, discordLimits.fieldValue) }));
  }
  let excess = embedSize(fitted) - total;
  if (excess > 0 && fitted.description) {
    // Keep a readable start of the answer; the sources below it matter as much as its tail.
    const keep = Math.max(200, length(fitted.description) - excess);
    fitted.description = truncate(fitted.description, keep);
    excess = embedSize(fitted) - total;
  }
  while (excess > 0 && fitted.fields && fitted.fields.length > 0) {
    fitted.fields = fitted.fields.slice(0, -1);
    excess = embedSize(fitted) - total;
  }
  return fitted;
}

/**
 * Builds a button's `custom_id`, within Discord's 100 characters. Entry ids
 * and answer ids are short; should one be unusually long, the less needed part
 * is dropped rather than the button (an ask keeps its question, a rating its answer id).
 */
export function encodeButtonAction(action: ButtonAction): string {
  const fit = (full: string, fallback: string): string => (full.length <= discordLimits.customId ? full : fallback);
  switch (action.kind) {
    case 'ask':
      return fit(`rtp:ask:${action.entryId}:${action.followedFrom ?? ''}`, `rtp:ask:${action.entryId}:`);
    case 'feedback':
      return fit(`rtp:fb:${action.rating}:${action.answerId}:${action.entryId ?? ''}`, `rtp:fb:${action.rating}:${action.answerId}:`);
    case 'escalate':
      return `rtp:help:${action.answerId}`;
    case 'solved':
      return fit(`rtp:solved:${action.answerId}:${action.entryId ?? ''}`, `rtp:solved:${action.answerId}:`);
  }
}

/** Reads a button's `custom_id`; `null` when it is not one of ours (or is malformed). */
export function decodeButtonAction(customId: string): ButtonAction | null {
  // Buttons sent before answer ids were carried end after the entry id.
  const ask = /^rtp:ask:([\w-]+)(?::([\w-]*))?$/.exec(customId);
  if (ask?.[1]) return { kind: 'ask', entryId: ask[1], followedFrom: ask[2] || null };
  const feedback = /^rtp:fb:(up|down):([\w-]+):([\w-]*)$/.exec(customId);
  if (feedback?.[1] && feedback[2]) {
    return { kind: 'feedback', rating: feedback[1] as 'up' | 'down', answerId: feedback[2], entryId: feedback[3] || null };
  }
  const escalate = /^rtp:help:([\w-]+)$/.exec(customId);
  if (escalate?.[1]) return { kind: 'escalate', answerId: escalate[1] };
  const solved = /^rtp:solved:([\w-]+):([\w-]*)$/.exec(customId);
  if (solved?.[1]) return { kind: 'solved', answerId: solved[1], entryId: solved[2] || null };
  return null;
}

/**
 * One button per question (up to five to a row), each answering its entry's
 * question when clicked, and carrying `followedFrom`, the answer id of the reply offering it.
 */
export function buildQuestionRows(links: EntryLink[], followedFrom: string | null = null): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let start = 0; start < links.length; start += discordLimits.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: links.slice(start, start + discordLimits.buttonsPerRow).map((link) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: truncate(link.question, discordLimits.buttonLabel),
        custom_id: encodeButtonAction({ kind: 'ask', entryId: link.id, followedFrom }),
      })),
    });
  }
  return rows;
}

/**
 * The 👍 / 👎 row. Once `chosen` is set, both buttons are disabled and the
 * chosen one is highlighted, so a second click cannot count twice.
 */
export function buildFeedbackRow(answerId: string, entryId: string | null, chosen?: 'up' | 'down'): ButtonRow {
  const button = (rating: 'up' | 'down', emoji: string, label: string): APIButtonComponentWithCustomId => ({
    type: ComponentType.Button,
    style: chosen === rating ? ButtonStyle.Primary : ButtonStyle.Secondary,
    emoji: { name: emoji },
    label: chosen === rating ? `${label}: thanks!` : label,
    custom_id: encodeButtonAction({ kind: 'feedback', rating, answerId, entryId }),
    disabled: chosen !== undefined,
  });
  return { type: ComponentType.ActionRow, components: [button('up', '👍', 'Helpful'), button('down', '👎', 'Not helpful')] };
}

/** The "Still need help?" row under a decline or a clarification. */
export function buildEscalationRow(answerId: string): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: escalationLabel, custom_id: encodeButtonAction({ kind: 'escalate', answerId }) }],
  };
}

/** True for the row {@link buildFeedbackRow} makes, so a feedback click can replace just that row. */
export function isFeedbackRow(row: { components?: readonly object[] }): boolean {
  return (row.components ?? []).some((component) => 'custom_id' in component && String(component.custom_id).startsWith('rtp:fb:'));
}

const describeSource = (source: AnswerSource): string =>
  [source.author === 'not named' ? null : source.author, source.publisher === 'not named in the text' ? null : source.publisher]
    .filter((part): part is string => part !== null)
    .join(', ') || 'Author and publisher not named';

const sourceFields = (sources: AnswerSource[]): APIEmbedField[] => {
  const room = discordLimits.fields;
  const shown = sources.length > room ? sources.slice(0, room - 1) : sources;
  const fields = shown.map((source) => ({ name: source.title, value: `${describeSource(source)}\n📅 ${source.date}` }));
  if (shown.length < sources.length) fields.push({ name: 'More sources', value: `…and ${sources.length - shown.length} more.` });
  return fields;
};

/** Options for {@link buildAnswerReply}. */
export interface BuildAnswerReplyOptions {
  /** The id `questionLog.recordAnswer` returned; feedback and question buttons carry it. */
  answerId: string;
  /**
   * Offer "Still need help?" under a decline or a clarification
   * (`DISCORD_ESCALATION_CHANNEL` is set).
   * @default false
   */
  offerEscalation?: boolean;
}

/** The name of the field that shows an unanswered reply's question; "Still need help?" reads the question back from it. */
export const askedFieldName = 'You asked';

const unansweredTitles: Record<Exclude<Answer['status'], 'answered'>, string> = {
  clarify: 'Did you mean one of these?',
  no_match: 'No answer in my sources',
  small_talk: 'Questions people often ask',
  invalid: 'Please try another question',
};

/** The question an unanswered reply showed, for "Still need help?"; `null` when the message has none. */
export function readAskedQuestion(embeds: readonly { fields?: readonly { name: string; value: string }[] }[]): string | null {
  const field = embeds.flatMap((embed) => embed.fields ?? []).find((candidate) => candidate.name === askedFieldName);
  return field && field.value.trim() !== '' ? field.value : null;
}

/**
 * Turns an {@link Answer} into a Discord message: an embed (title, the answer,
 * one field per source with its date, the confidence in the footer), buttons
 * for up to three related questions, and 👍 / 👎 feedback buttons. A no-match
 * or invalid answer becomes its polite message with suggestions as buttons.
 */
export function buildAnswerReply(answer: Answer, options: BuildAnswerReplyOptions): DiscordReply {
  if (answer.status !== 'answered') {
    const escalate = options.offerEscalation === true && (answer.status === 'no_match' || answer.status === 'clarify');
    return {
      embeds: [
        fitEmbed({
          title: unansweredTitles[answer.status],
          description: answer.answer,
          color: colours.none,
          // Shown so the asker sees what was understood; "Still need help?" passes it on from here.
          fields: answer.question.trim() === '' ? [] : [{ name: askedFieldName, value: truncate(answer.question, discordLimits.fieldValue) }],
          footer: { text: answer.suggestions.length > 0 ? 'Click a question below to ask it.' : 'Try asking in other words.' },
        }),
      ],
      components: [...buildQuestionRows(answer.suggestions, options.answerId), ...(escalate ? [buildEscalationRow(options.answerId)] : [])].slice(0, maxRows),
      allowedMentions: noMentions(),
    };
  }
  const checked = checkedNote(answer);
  const footer = (asOf: string | null, note: string | null): { text: string } => ({
    text: `Confidence: ${answer.confidence ?? 'unknown'} · facts as of ${asOf ?? 'an unknown date'}${note ? ` · ${note}` : ''} · answers come only from the sources listed`,
  });
  const parts = answer.parts;
  // A comparison shows each side in an embed of its own, with its own sources and date; together they keep within one message's total.
  const embeds =
    parts.length > 0
      ? parts.map((part) =>
          fitEmbed(
            {
              title: part.title,
              description: part.answer,
              color: colours[answer.confidence ?? 'none'],
              fields: sourceFields(part.sources),
              footer: footer(part.asOf, checkedNote(part)),
            },
            Math.floor(discordLimits.embedTotal / parts.length),
          ),
        )
      : [
          fitEmbed({
            title: answer.title,
            description: answer.answer,
            color: colours[answer.confidence],
            fields: sourceFields(answer.sources),
            footer: footer(answer.asOf, checked),
          }),
        ];
  return {
    embeds,
    components: [...buildQuestionRows(answer.related.slice(0, maxRelatedButtons), options.answerId), buildFeedbackRow(options.answerId, answer.entryId)],
    allowedMentions: noMentions(),
  };
}

/** The label of the button under a forum reply that says the reply answered the post. */
export const solvedLabel = 'That answered it';

/**
 * The reply in a forum post: the answer as {@link buildAnswerReply} shows it,
 * with "That answered it" and 👍 / 👎 under it. It is public, in the post.
 */
export function buildForumReply(answer: Answer, answerId: string): DiscordReply {
  const { embeds } = buildAnswerReply(answer, { answerId });
  const solved: APIButtonComponentWithCustomId = {
    type: ComponentType.Button,
    style: ButtonStyle.Success,
    emoji: { name: '✅' },
    label: solvedLabel,
    custom_id: encodeButtonAction({ kind: 'solved', answerId, entryId: answer.entryId }),
  };
  const feedback = buildFeedbackRow(answerId, answer.entryId);
  return { embeds, components: [{ ...feedback, components: [solved, ...feedback.components] }], allowedMentions: noMentions() };
}

/**
 * A message body in Discord's own JSON, for a channel the bot posts to through
 * the REST API, that may mention exactly one person: the asker of an escalated question.
 */
export interface EscalationPost {
  content: string;
  embeds: APIEmbed[];
  /** Only the asker can be notified; roles, `@everyone` and anyone else named in the question cannot. */
  allowed_mentions: { parse: []; users: [string] };
}

/** The post in the escalation channel: the question, naming its asker so someone there can reply. */
export function buildEscalationPost(question: string, askerId: string): EscalationPost {
  return {
    content: `<@${askerId}> asked rtp-bot a question it could not answer. Can someone here help?`,
    embeds: [fitEmbed({ title: askedFieldName, description: truncate(question, discordLimits.description), color: colours.none })],
    allowed_mentions: { parse: [], users: [askerId] },
  };
}

/** The help reply: what the bot knows, how to ask, and good first questions as buttons. */
export function buildHelpReply(commandName: string, starters: EntryLink[], menuCommandName?: string): DiscordReply {
  const menu = menuCommandName ? `To answer someone else's question, right-click (or long-press) their message → **Apps** → **${menuCommandName}**.\n\n` : '';
  return {
    embeds: [
      fitEmbed({
        title: 'Ask me about the Right to Provide',
        description:
          `Type \`/${commandName}\` and your question, for example \`/${commandName} question: Who can use the Right to Provide?\`\n\n` +
          'I answer from a small, curated set of documents (2009 to 2012) about the Right to Provide, the Right to Request and ' +
          'public service mutuals. Every answer names its sources and their dates. Add `public: True` to share an answer with the channel. ' +
          'Within a few minutes, a next question such as "who ran it?" is read as a follow-up.\n\n' +
          menu +
          'Some things you can ask:',
        color: colours.none,
      }),
    ],
    components: buildQuestionRows(starters),
    allowedMentions: noMentions(),
  };
}

/** A short, polite message with nothing to click. */
export function buildNoticeReply(text: string): DiscordReply {
  return { embeds: [fitEmbed({ description: text, color: colours.none })], components: [], allowedMentions: noMentions() };
}

/** Autocomplete choices: up to 25 questions, each within Discord's 100 characters, without repeats. */
export function buildChoices(links: EntryLink[]): APIApplicationCommandOptionChoice<string>[] {
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    // A value cut to 100 characters still searches well: the start of a question carries its meaning.
    const value = truncate(link.question, discordLimits.choiceValue).replace(/…$/, '');
    if (seen.has(value)) continue;
    seen.add(value);
    choices.push({ name: truncate(link.question, discordLimits.choiceName), value });
    if (choices.length === discordLimits.choices) break;
  }
  return choices;
}
