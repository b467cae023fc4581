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

/** What a button's `custom_id` carries. */
export type ButtonAction =
  | { kind: 'ask'; entryId: string }
  | { kind: 'feedback'; rating: 'up' | 'down'; answerId: string; entryId: string | null };

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

/** Cuts an embed to every Discord limit: first each part, then the description, then trailing fields. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title) fitted.title = truncate(fitted.title, discordLimits.title);
  if (fitted.description) fitted.description = truncate(fitted.description, discordLimits.description);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, discordLimits.footer) };
  if (fitted.fields) {
    fitted.fields = fitted.fields
      .slice(0, discordLimits.fields)
      .map((field) => ({ ...field, name: truncate(field.name, discordLimits.fieldName), value: truncate(field.value, discordLimits.fieldValue) }));
  }
  let excess = embedSize(fitted) - discordLimits.embedTotal;
  if (excess > 0 && fitted.description) {
    // Keep a readable start of the answer; the sources below it matter as much as its tail.
    const keep = Math.max(200, length(fitted.description) - excess);
    fitted.description = truncate(fitted.description, keep);
    excess = embedSize(fitted) - discordLimits.embedTotal;
  }
  while (excess > 0 && fitted.fields && fitted.fields.length > 0) {
    fitted.fields = fitted.fields.slice(0, -1);
    excess = embedSize(fitted) - discordLimits.embedTotal;
  }
  return fitted;
}

/** Builds a button's `custom_id`. Entry ids and answer ids are short, so it stays within 100 characters. */
export function encodeButtonAction(action: ButtonAction): string {
  if (action.kind === 'ask') return `rtp:ask:${action.entryId}`;
  const withEntry = `rtp:fb:${action.rating}:${action.answerId}:${action.entryId ?? ''}`;
  // An unusually long entry id is dropped rather than the button: the answer id alone still links the rating.
  return withEntry.length <= discordLimits.customId ? withEntry : `rtp:fb:${action.rating}:${action.answerId}:`;
}

/** Reads a button's `custom_id`; `null` when it is not one of ours (or is malformed). */
export function decodeButtonAction(customId: string): ButtonAction | null {
  const ask = /^rtp:ask:([\w-]+)$/.exec(customId);
  if (ask?.[1]) return { kind: 'ask', entryId: ask[1] };
  const feedback = /^rtp:fb:(up|down):([\w-]+):([\w-]*)$/.exec(customId);
  if (feedback?.[1] && feedback[2]) {
    return { kind: 'feedback', rating: feedback[1] as 'up' | 'down', answerId: feedback[2], entryId: feedback[3] || null };
  }
  return null;
}

/** One button per question (up to five to a row), each answering its entry's question when clicked. */
export function buildQuestionRows(links: EntryLink[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let start = 0; start < links.length; start += discordLimits.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: links.slice(start, start + discordLimits.buttonsPerRow).map((link) => ({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: truncate(link.question, discordLimits.buttonLabel),
        custom_id: encodeButtonAction({ kind: 'ask', entryId: link.id }),
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
  /** The id `questionLog.recordAnswer` returned; feedback buttons carry it. */
  answerId: string;
}

/**
 * Turns an {@link Answer} into a Discord message: an embed (title, the answer,
 * one field per source with its date, the confidence in the footer), buttons
 * for up to three related questions, and 👍 / 👎 feedback buttons. A no-match
 * or invalid answer becomes its polite message with suggestions as buttons.
 */
export function buildAnswerReply(answer: Answer, options: BuildAnswerReplyOptions): DiscordReply {
  if (answer.status !== 'answered') {
    return {
      embeds: [
        fitEmbed({
          title: answer.status === 'invalid' ? 'Please try another question' : 'No answer in my sources',
          description: answer.answer ?? '',
          color: colours.none,
          footer: { text: answer.suggestions.length > 0 ? 'Click a question below to ask it.' : 'Try asking in other words.' },
        }),
      ],
      components: buildQuestionRows(answer.suggestions),
      allowedMentions: noMentions(),
    };
  }
  const checked = checkedNote(answer);
  const embed = fitEmbed({
    title: answer.title ?? answer.question,
    description: answer.answer ?? '',
    color: colours[answer.confidence ?? 'none'],
    fields: sourceFields(answer.sources),
    footer: { text: `Confidence: ${answer.confidence ?? 'unknown'} · facts as of ${answer.asOf ?? 'an unknown date'}${checked ? ` · ${checked}` : ''} · answers come only from the sources listed` },
  });
  return {
    embeds: [embed],
    components: [...buildQuestionRows(answer.related.slice(0, maxRelatedButtons)), buildFeedbackRow(options.answerId, answer.entryId)],
    allowedMentions: noMentions(),
  };
}

/** The help reply: what the bot knows, how to ask, and good first questions as buttons. */
export function buildHelpReply(commandName: string, starters: EntryLink[]): DiscordReply {
  return {
    embeds: [
      fitEmbed({
        title: 'Ask me about the Right to Provide',
        description:
          `Type \`/${commandName}\` and your question, for example \`/${commandName} question: Who can use the Right to Provide?\`\n\n` +
          'I answer from a small, curated set of documents (2009 to 2012) about the Right to Provide, the Right to Request and ' +
          'public service mutuals. Every answer names its sources and their dates. Add `public: True` to share an answer with the channel.\n\n' +
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

/**
 * Discord mention markup (`@everyone`, `@here`, `<@id>`, `<@&role>`, `<#channel>`)
 * is not part of a question: taking it out keeps it from skewing the search.
 */
export function removeMentions(text: string): string {
  return text
    .replace(/<(?:@[!&]?|#)\d+>/g, ' ')
    .replace(/(?<![\w.@])@(?:everyone|here)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
