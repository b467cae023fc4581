import { describe, expect, it } from 'vitest';
import { formatAnswerText } from '../../../adapters/cli/format-answer.js';
import { buildAnswerReply } from '../../../adapters/discord/build-reply.js';
import { checkedNote } from '../../../adapters/shared/checked-date.js';
import { buildAnswerMessage } from '../../../adapters/slack/build-reply.js';
import { createAnswerer, type Answer } from '../../../src/index.js';
import { fixtureKnowledgeDir } from '../../support/fixture-knowledge.js';

const asked = createAnswerer(fixtureKnowledgeDir).ask('What is the Right to Provide?');
if (asked.status !== 'answered') throw new Error('the fixture knowledge must answer this question');
const answered = asked;
const checked: Answer = { ...answered, reviewed: '2026-01-31' };
const unchecked: Answer = { ...answered, reviewed: null };

describe('"Checked <date>" under an answer', () => {
  it("reads the answer's review date as a day, a month and a year", () => {
    expect(answered.status).toBe('answered');
    expect(checkedNote(checked)).toBe('Checked 31 January 2026');
    expect(checkedNote({ reviewed: '2025-12-01' })).toBe('Checked 1 December 2025');
    expect(checkedNote(unchecked)).toBeNull();
    expect(checkedNote({})).toBeNull();
    expect(checkedNote({ reviewed: 'last week' })).toBeNull();
  });

  it("is on the console's match line", () => {
    expect(formatAnswerText(checked)).toMatch(/^Match: high confidence · Checked 31 January 2026$/m);
    expect(formatAnswerText(unchecked)).not.toContain('Checked');
  });

  it("is in the Slack answer's context line, after the confidence", () => {
    const contextTexts = (answer: Answer) =>
      buildAnswerMessage(answer, { answerId: 'a1' }).blocks.flatMap((block) =>
        block.type === 'context' ? block.elements.map((element) => ('text' in element ? element.text : '')) : [],
      );
    expect(contextTexts(checked)).toContainEqual(expect.stringMatching(/^❓ What is the Right to Provide\? · high confidence match · Checked 31 January 2026$/));
    expect(contextTexts(unchecked).join('\n')).not.toContain('Checked');
  });

  it("is in the Discord answer's footer, after when the facts date from", () => {
    const footer = (answer: Answer) => buildAnswerReply(answer, { answerId: 'a1' }).embeds[0]?.footer?.text ?? '';
    expect(footer(checked)).toMatch(/· facts as of [^·]+ · Checked 31 January 2026 · answers come only from the sources listed$/);
    expect(footer(unchecked)).not.toContain('Checked');
  });
});

describe('checkedNote', () => {
  it('writes every day of a leap year and of years far apart as en-GB long dates do', () => {
    const days: string[] = [];
    for (const year of [1999, 2024, 2026, 2100, 9999])
      for (let time = Date.UTC(year, 0, 1); new Date(time).getUTCFullYear() === year; time += 86_400_000) days.push(new Date(time).toISOString().slice(0, 10));
    expect(days.length).toBeGreaterThan(1800);
    for (const day of days) {
      const expected = new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      expect(checkedNote({ reviewed: day })).toBe(`Checked ${expected}`);
    }
    // A day past the month's end rolls over, as the Date it is read with does.
    expect(checkedNote({ reviewed: '2026-02-30' })).toBe('Checked 2 March 2026');
  });
});
