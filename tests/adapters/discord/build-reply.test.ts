import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildAnswerReply,
  buildChoices,
  buildEscalationPost,
  buildFeedbackRow,
  buildForumReply,
  escalationLabel,
  readAskedQuestion,
  solvedLabel,
  decodeButtonAction,
  discordLimits,
  embedSize,
  encodeButtonAction,
  fitEmbed,
  truncate,
} from '../../../adapters/discord/build-reply.js';
import type { AnsweredAnswer, AnswerSource, EntryLink } from '../../../src/index.js';
import { removeMentions } from '../../../adapters/discord/message-text.js';
import { answeredAnswer, clarifyAnswer, invalidAnswer, noMatchAnswer, smallTalkAnswer } from '../../support/answers.js';

const answerId = '0f6d3c1e-2b7a-4c44-9a51-6f0e8f1d2c3b';

const link = (id: string, question = `What about ${id}?`): EntryLink => ({ id, title: `Title of ${id}`, question });
const source = (index: number, extra = ''): AnswerSource => ({
  id: `source-${index}`,
  title: `Source ${index}${extra}`,
  author: 'An Author',
  publisher: 'A Publisher',
  date: `${index} March 2011`,
});

const answered = (overrides: Partial<AnsweredAnswer> = {}): AnsweredAnswer =>
  answeredAnswer({ sources: [source(1), source(2)], related: [link('a'), link('b'), link('c'), link('d')], ...overrides });

describe('buildAnswerReply', () => {
  it('puts the title, answer, each source with its date, and the confidence in the embed', () => {
    const reply = buildAnswerReply(answered(), { answerId });
    const [embed] = reply.embeds;
    expect(embed?.title).toBe('The entry');
    expect(embed?.description).toBe('As of 2011: it is a thing.');
    expect(embed?.fields).toEqual([
      { name: 'Source 1', value: 'An Author, A Publisher\n📅 1 March 2011' },
      { name: 'Source 2', value: 'An Author, A Publisher\n📅 2 March 2011' },
    ]);
    expect(embed?.footer?.text).toMatch(/^Confidence: high/);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  it('offers at most three related questions, then the feedback row with the answer and entry ids', () => {
    const reply = buildAnswerReply(answered(), { answerId });
    expect(reply.components).toHaveLength(2);
    expect(reply.components[0]?.components.map((button) => button.custom_id)).toEqual([`rtp:ask:a:${answerId}`, `rtp:ask:b:${answerId}`, `rtp:ask:c:${answerId}`]);
    expect(reply.components[1]?.components.map((button) => button.custom_id)).toEqual([`rtp:fb:up:${answerId}:the-entry`, `rtp:fb:down:${answerId}:the-entry`]);
  });

  it('leaves out the related row when there is nothing related', () => {
    const reply = buildAnswerReply(answered({ related: [] }), { answerId });
    expect(reply.components).toHaveLength(1);
    expect(reply.components[0]?.components[0]?.emoji?.name).toBe('👍');
  });

  it('renders a no-match answer as its polite message with the suggestions as buttons, without feedback', () => {
    const reply = buildAnswerReply(noMatchAnswer({ question: 'What is it?', suggestions: [link('x'), link('y')] }), { answerId });
    expect(reply.embeds[0]?.description).toBe("I don't have information on that.");
    // No sources: only the question as understood.
    expect(reply.embeds[0]?.fields).toEqual([{ name: 'You asked', value: 'What is it?' }]);
    expect(reply.components.flatMap((row) => row.components.map((button) => button.custom_id))).toEqual([`rtp:ask:x:${answerId}`, `rtp:ask:y:${answerId}`]);
  });

  it('keeps within every Discord limit however long the answer and however many sources', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 9000 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1500 }), (text, sourceCount, titleLength) => {
        const sources = Array.from({ length: sourceCount }, (_, index) => source(index, 'x'.repeat(titleLength)));
        const reply = buildAnswerReply(answered({ answer: text, title: 't'.repeat(titleLength), sources }), { answerId });
        const [embed] = reply.embeds;
        if (!embed) return false;
        return (
          [...(embed.description ?? '')].length <= discordLimits.description &&
          [...(embed.title ?? '')].length <= discordLimits.title &&
          (embed.fields ?? []).length <= discordLimits.fields &&
          (embed.fields ?? []).every((field) => [...field.name].length <= discordLimits.fieldName && [...field.value].length <= discordLimits.fieldValue) &&
          embedSize(embed) <= discordLimits.embedTotal
        );
      }),
    );
  });

  it('says so when more sources exist than fields can hold', () => {
    const sources = Array.from({ length: 30 }, (_, index) => source(index));
    const fields = buildAnswerReply(answered({ sources }), { answerId }).embeds[0]?.fields ?? [];
    expect(fields).toHaveLength(25);
    expect(fields.at(-1)?.value).toBe('…and 6 more.');
  });
});

describe('clarifications and "Still need help?"', () => {
  const clarify = clarifyAnswer({ question: 'what about the trust thing', suggestions: [link('x'), link('y')] });

  it('shows a clarification as its text, the question understood, and a button per candidate linked to this reply', () => {
    const reply = buildAnswerReply(clarify, { answerId });
    expect(reply.embeds[0]?.title).toBe('Did you mean one of these?');
    expect(reply.embeds[0]?.description).toContain("I'm not sure I understood");
    expect(readAskedQuestion(reply.embeds)).toBe('what about the trust thing');
    const buttons = reply.components.flatMap((row) => row.components);
    expect(buttons.map((button) => button.label)).toEqual(['What about x?', 'What about y?']);
    expect(buttons.map((button) => decodeButtonAction(button.custom_id))).toEqual([
      { kind: 'ask', entryId: 'x', followedFrom: answerId },
      { kind: 'ask', entryId: 'y', followedFrom: answerId },
    ]);
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });

  it('shows a reply to small talk under its own title with the popular questions as buttons, and no escalation', () => {
    const smallTalk = smallTalkAnswer({ question: clarify.question, suggestions: clarify.suggestions, answer: 'Hello! Ask me about the Right to Provide.' });
    const reply = buildAnswerReply(smallTalk, { answerId, offerEscalation: true });
    expect(reply.embeds[0]?.title).toBe('Questions people often ask');
    expect(reply.embeds[0]?.description).toBe('Hello! Ask me about the Right to Provide.');
    expect(reply.components.flatMap((row) => row.components.map((button) => button.label))).toEqual(['What about x?', 'What about y?']);
  });

  it('offers "Still need help?" under a clarification or a decline only when asked to', () => {
    const declined = noMatchAnswer({ question: clarify.question, suggestions: clarify.suggestions });
    for (const answer of [clarify, declined]) {
      const labels = (offerEscalation: boolean) =>
        buildAnswerReply(answer, { answerId, offerEscalation }).components.flatMap((row) => row.components.map((button) => button.label));
      expect(labels(true)).toContain(escalationLabel);
      expect(labels(false)).not.toContain(escalationLabel);
    }
    for (const answer of [answered(), invalidAnswer({ question: clarify.question, suggestions: clarify.suggestions })]) {
      expect(buildAnswerReply(answer, { answerId, offerEscalation: true }).components.flatMap((row) => row.components.map((button) => button.label))).not.toContain(
        escalationLabel,
      );
    }
  });

  it('shows confidence as words, never the raw score', () => {
    const shown = JSON.stringify(buildAnswerReply(answered({ score: 121.99, confidence: 'low' }), { answerId }).embeds);
    expect(shown).toContain('Confidence: low');
    expect(shown).not.toContain('121');
  });

  it('lets an escalation notify its asker and no one else', () => {
    const post = buildEscalationPost('@everyone who runs it? <@123456789012345678> <@&98765>', '1000000000000000002');
    expect(post.content).toContain('<@1000000000000000002>');
    expect(post.allowed_mentions).toEqual({ parse: [], users: ['1000000000000000002'] });
  });

  it('puts "That answered it" and 👍 / 👎 under a forum reply, and nothing else', () => {
    const reply = buildForumReply(answered(), answerId);
    expect(reply.components.flatMap((row) => row.components.map((button) => button.label))).toEqual([solvedLabel, 'Helpful', 'Not helpful']);
    expect(decodeButtonAction(reply.components[0]?.components[0]?.custom_id ?? '')).toEqual({ kind: 'solved', answerId, entryId: 'the-entry' });
    expect(reply.allowedMentions).toEqual({ parse: [] });
  });
});

describe('fitEmbed', () => {
  it('shortens the description first, keeping the sources, when the total is too long', () => {
    const fields = Array.from({ length: 5 }, (_, index) => ({ name: `Source ${index}`, value: 'v'.repeat(1000) }));
    const fitted = fitEmbed({ title: 'T', description: 'word '.repeat(800), fields });
    expect(embedSize(fitted)).toBeLessThanOrEqual(6000);
    expect(fitted.fields).toHaveLength(5);
    expect(fitted.description?.endsWith('…')).toBe(true);
  });

  it('leaves an embed that fits untouched', () => {
    const embed = { title: 'T', description: 'short', fields: [{ name: 'n', value: 'v' }], footer: { text: 'f' } };
    expect(fitEmbed(embed)).toEqual(embed);
  });
});

describe('button ids', () => {
  it('round-trip through custom_id, within 100 characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,60}$/), fc.uuid(), fc.constantFrom('up' as const, 'down' as const), (entryId, id, rating) => {
        const ask = encodeButtonAction({ kind: 'ask', entryId, followedFrom: id });
        const feedback = encodeButtonAction({ kind: 'feedback', rating, answerId: id, entryId });
        const decoded = decodeButtonAction(feedback);
        const askDecoded = decodeButtonAction(ask);
        const solved = decodeButtonAction(encodeButtonAction({ kind: 'solved', answerId: id, entryId }));
        return (
          ask.length <= 100 &&
          feedback.length <= 100 &&
          askDecoded?.kind === 'ask' &&
          askDecoded.entryId === entryId &&
          // The link to the offering reply is dropped, never the question, when both do not fit.
          (askDecoded.followedFrom === id || (askDecoded.followedFrom === null && `rtp:ask:${entryId}:${id}`.length > 100)) &&
          JSON.stringify(decodeButtonAction(encodeButtonAction({ kind: 'escalate', answerId: id }))) === JSON.stringify({ kind: 'escalate', answerId: id }) &&
          solved?.kind === 'solved' &&
          solved.answerId === id &&
          (solved.entryId === entryId || solved.entryId === null) &&
          decoded?.kind === 'feedback' &&
          decoded.answerId === id &&
          decoded.rating === rating &&
          // An entry id too long to fit is dropped, never the button.
          (decoded.entryId === entryId || (decoded.entryId === null && `rtp:fb:${rating}:${id}:${entryId}`.length > 100))
        );
      }),
    );
  });

  it('are not read from buttons that are not ours', () => {
    for (const customId of ['', 'other:thing', 'rtp:ask:', 'rtp:fb:maybe:x:y', 'rtp:ask:../../etc', 'rtp:help:', 'rtp:solved:x']) expect(decodeButtonAction(customId)).toBeNull();
  });

  it('still read question buttons sent before they carried the offering reply', () => {
    expect(decodeButtonAction('rtp:ask:right-to-provide')).toEqual({ kind: 'ask', entryId: 'right-to-provide', followedFrom: null });
  });

  it('disable both feedback buttons once one is chosen, highlighting it', () => {
    const row = buildFeedbackRow(answerId, 'e', 'down');
    expect(row.components.map((button) => [button.disabled, button.style])).toEqual([
      [true, 2],
      [true, 1],
    ]);
  });
});

describe('buildChoices', () => {
  it('gives at most 25 distinct choices, names and values within 100 characters', () => {
    const links = Array.from({ length: 40 }, (_, index) => link(`e${index}`, `${index}: ${'why '.repeat(index + 10)}?`));
    links.push(link('dup', links[0]?.question));
    const choices = buildChoices(links);
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((choice) => choice.value)).size).toBe(25);
    for (const choice of choices) {
      expect([...choice.name].length).toBeLessThanOrEqual(100);
      expect([...choice.value].length).toBeLessThanOrEqual(100);
    }
  });
});

describe('truncate', () => {
  it('never exceeds the limit, counting characters not UTF-16 units', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 2, max: 120 }), (text, limit) => [...truncate(text, limit)].length <= limit));
  });
});

describe('removeMentions', () => {
  it('takes out every kind of mention and keeps the words', () => {
    expect(removeMentions('@everyone who can use <@123456789012345678> the <@!1234567890> right <@&98765> to <#555> provide? @here')).toBe('who can use the right to provide?');
  });

  it('leaves an e-mail-like "@" alone', () => {
    expect(removeMentions('is info@everyone.org real?')).toBe('is info@everyone.org real?');
  });
});

describe('a comparison', () => {
  it('shows each part in an embed of its own, with its own sources and date, within one message’s total', () => {
    const part = (id: string, asOf: string, index: number) => ({
      entryId: id,
      title: `About ${id}`,
      asOf,
      answer: `As of ${asOf}: ${'words '.repeat(700)}`,
      sources: [source(index)],
      reviewed: null,
    });
    const reply = buildAnswerReply(
      answered({ title: 'About tea · About coffee', kind: 'comparison', parts: [part('tea', '2010', 1), part('coffee', '2012', 2)], sources: [source(1), source(2)] }),
      { answerId },
    );
    expect(reply.embeds.map((embed) => embed.title)).toEqual(['About tea', 'About coffee']);
    expect(reply.embeds.map((embed) => embed.fields?.map((field) => field.name))).toEqual([['Source 1'], ['Source 2']]);
    expect(reply.embeds.map((embed) => embed.footer?.text)).toEqual([expect.stringContaining('facts as of 2010'), expect.stringContaining('facts as of 2012')]);
    expect(reply.embeds.reduce((sum, embed) => sum + embedSize(embed), 0)).toBeLessThanOrEqual(discordLimits.embedTotal);
  });
});
