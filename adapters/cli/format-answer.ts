import type { Answer, Answerer, EntryLink } from '../../src/index.js';
import { checkedNote } from '../shared/checked-date.js';

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

const listLinks = (heading: string, links: EntryLink[]): string[] =>
  links.length === 0 ? [] : ['', heading, ...links.map((link) => `  - ${link.question}`)];

/** How many example questions "help" lists. */
const helpExampleCount = 5;

/** The reply to "help" in the terminal: a few good first questions. */
export function formatHelpText(answerer: Answerer): string {
  return listLinks('Some things you can ask:', answerer.starters(helpExampleCount)).slice(1).join('\n');
}

/** Renders an answer as readable plain text for a terminal. */
export function formatAnswerText(answer: Answer, width = 80): string {
  const lines: string[] = [];
  if (answer.status === 'answered') {
    lines.push(`${answer.title}`, '', wrap(answer.answer ?? '', width));
    lines.push('', 'Sources:');
    for (const source of answer.sources) {
      const byline = source.author === 'not named' ? source.publisher : `${source.author}, ${source.publisher}`;
      lines.push(wrap(`${source.title} — ${byline}, ${source.date} [${source.id}]`, width, '  - ', '    '));
    }
    const checked = checkedNote(answer);
    lines.push('', `Match: ${answer.confidence} confidence (score ${answer.score})${checked ? ` · ${checked}` : ''}`);
    lines.push(...listLinks('Related questions:', answer.related));
  } else {
    lines.push(wrap(answer.answer ?? '', width));
    lines.push(...listLinks(answer.status === 'invalid' ? 'Try, for example:' : 'You could ask:', answer.suggestions));
  }
  return lines.join('\n');
}
