import type { Answer, Answerer, EntryLink } from '../../src/index.js';
import { checkedNote } from '../shared/checked-date.js';
import { plain, type Palette } from './colour.js';

/** Wraps text to `width` columns; the first line starts with `first`, later lines with `rest`. */
const wrap = (text: string, width: number, first = '', rest = first): string =>
  text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const indent = lines.length === 0 ? first : rest;
        if (line && indent.length + line.length + 1 + word.length > width) {
          lines.push(indent + line);
          line = word;
        } else {
          line = line ? `${line} ${word}` : word;
        }
      }
      lines.push((lines.length === 0 ? first : rest) + line);
      return lines.join('\n');
    })
    .join('\n');

/** How an answer is printed. */
export interface AnswerTextOptions {
  /** @default 80 */
  width?: number;
  /** @default plain (no colour) */
  palette?: Palette;
}

/** One list of questions the bot offers, under its heading. */
interface OfferedList {
  heading: string | null;
  links: EntryLink[];
}

/** The lists of questions an answer offers, in the order they are printed. */
function offeredLists(answer: Answer): OfferedList[] {
  switch (answer.status) {
    case 'answered':
      return [{ heading: 'Related questions:', links: answer.related }];
    case 'clarify':
      return [{ heading: null, links: answer.suggestions }];
    case 'invalid':
      return [{ heading: 'Try, for example:', links: answer.suggestions }];
    case 'small_talk':
      return [{ heading: 'Questions people often ask:', links: answer.suggestions }];
    default:
      return [{ heading: 'You could ask:', links: answer.suggestions }];
  }
}

/**
 * Every question an answer offers (clarification choices, suggestions, related
 * questions), numbered from 1 in the order {@link formatAnswerText} prints them:
 * in the console, typing a number asks the question with that number.
 */
export function offeredQuestions(answer: Answer): EntryLink[] {
  return offeredLists(answer).flatMap((list) => list.links);
}

/** Numbered lines for lists of questions, numbered on from `first`. */
function numberedLists(lists: readonly OfferedList[], palette: Palette, width: number, first = 1): string[] {
  const lines: string[] = [];
  let number = first;
  for (const list of lists) {
    if (list.links.length === 0) continue;
    lines.push('');
    if (list.heading) lines.push(list.heading);
    for (const link of list.links) {
      const label = `${number++}.`;
      // The number is coloured after wrapping, so escape codes never count towards the width.
      lines.push(wrap(`${label} ${link.question}`, width, '  ', '     ').replace(label, palette.cyan(label)));
    }
  }
  return lines;
}

/** How many example questions "help" lists. */
const helpExampleCount = 5;

/** The questions "help" offers, numbered from 1 as {@link formatHelpText} prints them. */
export function helpQuestions(answerer: Answerer): EntryLink[] {
  return answerer.starters(helpExampleCount);
}

/** The reply to "help" in the terminal: a few good first questions, numbered. */
export function formatHelpText(answerer: Answerer, { width = 80, palette = plain }: AnswerTextOptions = {}): string {
  return numberedLists([{ heading: 'Some things you can ask:', links: helpQuestions(answerer) }], palette, width)
    .slice(1)
    .join('\n');
}

/**
 * Renders an answer as readable text for a terminal. People see the
 * confidence in words only; the raw score stays in `--json` and the logs.
 * Every list of questions offered is numbered (see {@link offeredQuestions}).
 */
export function formatAnswerText(answer: Answer, { width = 80, palette = plain }: AnswerTextOptions = {}): string {
  const lines: string[] = [];
  const sourceLines = (sources: Answer['sources']): string[] => [
    palette.dim('Sources:'),
    ...sources.map((source) =>
      palette.dim(
        wrap(
          `${source.title} — ${source.author === 'not named' ? source.publisher : `${source.author}, ${source.publisher}`}, ${source.date} [${source.id}]`,
          width,
          '  - ',
          '    ',
        ),
      ),
    ),
  ];
  if (answer.status === 'answered' && answer.parts.length > 0) {
    // A comparison: each side under its own title, with its own sources and date.
    lines.push(palette.bold(answer.title));
    for (const part of answer.parts) lines.push('', palette.bold(part.title), wrap(part.answer, width), '', ...sourceLines(part.sources));
    lines.push('', palette.dim(`Match: ${answer.confidence} confidence`));
  } else if (answer.status === 'answered') {
    lines.push(palette.bold(answer.title), '', wrap(answer.answer, width));
    lines.push('', ...sourceLines(answer.sources));
    const checked = checkedNote(answer);
    lines.push('', palette.dim([`Match: ${answer.confidence} confidence`, checked ?? ''].filter(Boolean).join(' · ')));
  } else {
    lines.push(wrap(answer.answer, width));
  }
  lines.push(...numberedLists(offeredLists(answer), palette, width));
  return lines.join('\n');
}
