import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer, AnsweredAnswer } from '../../../src/index.js';
import {
  buildAnswerMessage,
  buildEscalationMessage,
  buildGreetingMessage,
  buildHelpMessage,
  buildHomeView,
  buildSuggestedPrompts,
  buildThreadTitle,
  escalationLabel,
  paneLimits,
  readAskValue,
  readEscalateValue,
  escapeSlackText,
  unescapeSlackText,
  readFeedbackValue,
  readShareValue,
  slackLimits,
  splitText,
} from '../../../adapters/slack/build-reply.js';
import { buttonsOf, feedbackButtonsOf, textsOf } from './slack-requests.js';
import { answeredAnswer, clarifyAnswer, invalidAnswer, noMatchAnswer, smallTalkAnswer } from '../../support/answers.js';

const answered = (overrides: Partial<AnsweredAnswer> = {}): AnsweredAnswer =>
  answeredAnswer({
    question: 'What is a thing?',
    answer: 'As of 2011: A thing is a thing.',
    entryId: 'a-thing',
    title: 'What a thing is',
    score: 12,
    sources: [{ id: 's1', title: 'A report', author: 'A. Writer', publisher: 'A publisher', date: 'March 2011' }],
    related: [{ id: 'other', title: 'Another thing', question: 'What is another thing?' }],
    ...overrides,
  });

const asRecord = (message: object): Record<string, unknown> => message as Record<string, unknown>;

function expectWithinLimits(message: { text: string; blocks: unknown[] }): void {
  expect(message.blocks.length).toBeLessThanOrEqual(slackLimits.blocks);
  expect(message.text.length).toBeLessThanOrEqual(slackLimits.fallbackText);
  for (const text of textsOf(asRecord(message))) {
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(slackLimits.sectionText);
  }
  for (const button of buttonsOf(asRecord(message))) {
    expect(button.text.text.length).toBeLessThanOrEqual(slackLimits.buttonText);
    expect((button.value ?? '').length).toBeLessThanOrEqual(slackLimits.buttonValue);
  }
}

describe('escapeSlackText', () => {
  it('escapes &, < and > so mentions and broadcasts cannot form', () => {
    expect(escapeSlackText('<!channel> & <@U123> <!here|here> <https://x.test|x>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;!here|here&gt; &lt;https://x.test|x&gt;');
  });

  it('breaks up bare @channel, @here and @everyone', () => {
    const escaped = escapeSlackText('hey @channel and @here and @Everyone');
    expect(escaped).not.toMatch(/@(channel|here|everyone)/i);
    expect(escaped.replace(/\u200b/g, '')).toBe('hey @channel and @here and @Everyone');
  });
});

describe('unescapeSlackText', () => {
  it('undoes the escaping Slack applies to what people type, one level only', () => {
    expect(unescapeSlackText('Q&amp;A &lt;!channel&gt; &amp;lt;')).toBe('Q&A <!channel> &lt;');
    fc.assert(
      fc.property(fc.string(), (text) => {
        const withoutBroadcasts = text.replace(/@/g, '');
        expect(unescapeSlackText(escapeSlackText(withoutBroadcasts))).toBe(withoutBroadcasts);
      }),
    );
  });
});

describe('splitText', () => {
  it('keeps every character and fits each escaped piece in the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '.', '\n', '&', '<', '>', '@', '😀'), maxLength: 2000 }), fc.integer({ min: 10, max: 300 }), (text, limit) => {
        const pieces = splitText(text, limit);
        for (const piece of pieces) expect(escapeSlackText(piece).length).toBeLessThanOrEqual(limit);
        expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });

  it('breaks at paragraphs and sentences where it can', () => {
    const text = `${'First sentence here. '.repeat(5).trim()}\n\n${'Second paragraph words. '.repeat(5).trim()}`;
    expect(splitText(text, 130)).toEqual(['First sentence here. '.repeat(5).trim(), 'Second paragraph words. '.repeat(5).trim()]);
  });
});

describe('buildAnswerMessage', () => {
  it('renders the answer, its sources with dates, related questions, Share and feedback', () => {
    const message = buildAnswerMessage(answered(), { answerId: 'answer-1' });
    const texts = textsOf(asRecord(message)).join('\n');
    expect(texts).toContain('What a thing is');
    expect(texts).toContain('As of 2011: A thing is a thing.');
    expect(texts).toContain('A report. A. Writer, A publisher; March 2011.');
    const buttons = buttonsOf(asRecord(message));
    expect(buttons.map((button) => button.action_id)).toEqual(['rtp_ask_0', 'rtp_share', 'rtp_feedback_up', 'rtp_feedback_down']);
    expect(readAskValue(buttons[0]?.value)).toEqual({ question: 'What is another thing?', followedFrom: 'answer-1' });
    expect(readShareValue(buttons[1]?.value)).toEqual({ question: 'What is a thing?', answerId: 'answer-1' });
    expect(readFeedbackValue(buttons[2]?.value)).toEqual({ answerId: 'answer-1', entryId: 'a-thing' });
    expect(message.text).toContain('A thing is a thing.');
  });

  it('leaves out Share in the shared copy, and says it was shared without naming (and so pinging) anyone', () => {
    const message = buildAnswerMessage(answered(), { answerId: 'answer-1', shared: true });
    expect(buttonsOf(asRecord(message)).map((button) => button.action_id)).not.toContain('rtp_share');
    expect(textsOf(asRecord(message)).join('\n')).toContain('shared with the channel');
    expect(JSON.stringify(message)).not.toContain('<@');
  });

  it('offers suggestions as buttons when nothing matched, with no Share or feedback', () => {
    const message = buildAnswerMessage(noMatchAnswer({ question: 'What is a thing?', suggestions: [{ id: 'x', title: 'X', question: 'What is X?' }] }));
    expect(buttonsOf(asRecord(message)).map((button) => [button.action_id, button.value])).toEqual([['rtp_ask_0', 'What is X?']]);
    expect(textsOf(asRecord(message)).join('\n')).toContain("I don't have information on that.");
  });

  it('stays within Block Kit limits for any answer, however long or odd', () => {
    const link = fc.record({ id: fc.string(), title: fc.string(), question: fc.string({ minLength: 1, maxLength: 600 }) });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200_000 }),
        fc.string({ minLength: 1, maxLength: 600 }),
        fc.array(fc.record({ id: fc.string(), title: fc.string({ maxLength: 4000 }), author: fc.string(), publisher: fc.string(), date: fc.string() }), { maxLength: 30 }),
        fc.array(link, { maxLength: 40 }),
        fc.constantFrom('answered', 'clarify', 'no_match', 'invalid'),
        fc.boolean(),
        (text, question, sources, links, status, offerEscalation) => {
          const answer: Answer =
            status === 'answered'
              ? answered({ answer: text, question, title: question, sources, related: links })
              : status === 'clarify'
                ? clarifyAnswer({ answer: text, question, suggestions: links })
                : status === 'no_match'
                  ? noMatchAnswer({ answer: text, question, suggestions: links })
                  : invalidAnswer({ answer: text, question, suggestions: links });
          expectWithinLimits(buildAnswerMessage(answer, { answerId: 'id', offerEscalation }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never lets a mention through, wherever the text came from', () => {
    const nasty = '<!channel> <!here> <@U123> <#C1> <!subteam^S1>';
    const message = buildAnswerMessage(
      answered({ question: nasty, title: nasty, answer: nasty, sources: [{ id: 's', title: nasty, author: nasty, publisher: nasty, date: nasty }] }),
      { answerId: 'a' },
    );
    const shown = [message.text, ...textsOf(asRecord(message))].join('\n');
    expect(shown).not.toMatch(/<[!@#]/);
    expect(shown).toContain('&lt;!channel&gt;');
    // Button values are data, never shown: they keep the question as asked, to ask it again.
    expect(readShareValue(buttonsOf(asRecord(message)).find((button) => button.action_id === 'rtp_share')?.value)?.question).toBe(nasty);
  });
});

describe('clarifications, follow-up links and "Still need help?"', () => {
  const candidates = [
    { id: 'x', title: 'X', question: 'What is X?' },
    { id: 'y', title: 'Y', question: 'Who ran Y?' },
  ];
  const clarify = clarifyAnswer({ question: 'What is a thing?', suggestions: candidates });

  it('shows a clarification as its honest text and one button per candidate, best first, each linked to this reply', () => {
    const message = buildAnswerMessage(clarify, { answerId: 'reply-7' });
    const texts = textsOf(asRecord(message)).join('\n');
    expect(texts).toContain("I'm not sure I understood");
    expect(texts).toContain('Did you mean:');
    const buttons = buttonsOf(asRecord(message));
    expect(buttons.map((button) => button.text.text)).toEqual(['What is X?', 'Who ran Y?']);
    expect(buttons.map((button) => readAskValue(button.value))).toEqual([
      { question: 'What is X?', followedFrom: 'reply-7' },
      { question: 'Who ran Y?', followedFrom: 'reply-7' },
    ]);
    // A clarification is not an answer: nothing to share or rate.
    expect(buttons.map((button) => button.action_id)).toEqual(['rtp_ask_0', 'rtp_ask_1']);
  });

  it('shows a reply to small talk with the popular questions as buttons, and no escalation', () => {
    const smallTalk = smallTalkAnswer({ question: 'What is a thing?', answer: 'Hello! Ask me about the Right to Provide.', suggestions: candidates });
    const message = buildAnswerMessage(smallTalk, { answerId: 'reply-8', offerEscalation: true });
    const texts = textsOf(asRecord(message)).join('\n');
    expect(texts).toContain('Hello! Ask me about the Right to Provide.');
    expect(texts).toContain('Questions people often ask:');
    expect(buttonsOf(asRecord(message)).map((button) => button.action_id)).toEqual(['rtp_ask_0', 'rtp_ask_1']);
  });

  it('reads a bare question from buttons sent before answer ids were carried', () => {
    expect(readAskValue('What is X?')).toEqual({ question: 'What is X?', followedFrom: null });
  });

  it('offers "Still need help?" under a clarification or a decline only when asked to, carrying the question', () => {
    const declined = noMatchAnswer({ suggestions: candidates, question: "Where is my nearest children's centre?" });
    for (const answer of [clarify, declined]) {
      const offered = buttonsOf(asRecord(buildAnswerMessage(answer, { answerId: 'r1', offerEscalation: true }))).find((button) => button.action_id === 'rtp_escalate');
      expect(offered?.text.text).toBe(escalationLabel);
      expect(readEscalateValue(offered?.value)).toEqual({ question: answer.question, answerId: 'r1' });
      expect(buttonsOf(asRecord(buildAnswerMessage(answer, { answerId: 'r1' }))).map((button) => button.action_id)).not.toContain('rtp_escalate');
    }
    for (const answer of [answered(), invalidAnswer({ question: 'What is a thing?', answer: 'Please type a question.' })]) {
      expect(buttonsOf(asRecord(buildAnswerMessage(answer, { answerId: 'r1', offerEscalation: true }))).map((button) => button.action_id)).not.toContain('rtp_escalate');
    }
  });

  it('leaves out Share in channel for a reply that is already in the open, keeping feedback', () => {
    const ids = buttonsOf(asRecord(buildAnswerMessage(answered(), { answerId: 'r1', offerShare: false }))).map((button) => button.action_id);
    expect(ids).toEqual(['rtp_ask_0', 'rtp_feedback_up', 'rtp_feedback_down']);
  });

  it('shows confidence as words, never the raw score', () => {
    const shown = [buildAnswerMessage(answered({ score: 121.99, confidence: 'low' }), { answerId: 'r1' })]
      .map((message) => [message.text, ...textsOf(asRecord(message))].join('\n'))
      .join('\n');
    expect(shown).toContain('low confidence');
    expect(shown).not.toContain('121');
  });

  it('names the asker in an escalation, and no one else, whatever the question holds', () => {
    const message = buildEscalationMessage('Who runs it? <!channel> <@U0OTHER> @here', 'U0ASKER');
    const shown = [message.text, ...textsOf(asRecord(message))].join('\n');
    expect(shown).toContain('<@U0ASKER>');
    expect(shown.replaceAll('<@U0ASKER>', '')).not.toMatch(/<[!@#]/);
    expect(shown).not.toMatch(/@here\b/);
    expect(textsOf(asRecord(buildEscalationMessage('Q?', '<!channel>'))).join('\n')).not.toMatch(/<[!@#]/);
  });
});

describe('buildHomeView', () => {
  it('holds a guide, the starters and the recent entries as buttons, within Block Kit limits', () => {
    const starters = [{ id: 'a', title: 'A', question: 'What is A?' }];
    const recent = [{ id: 'b', title: 'B <!here>', question: 'What is B?', when: 'reviewed 2026-03-01' }];
    const view = buildHomeView('/rtp', starters, recent);
    expect(view.type).toBe('home');
    const texts = textsOf(asRecord(view)).join('\n');
    expect(texts).toContain('/rtp');
    expect(texts).toContain('Recently reviewed or added');
    expect(texts).toContain('B &lt;!here&gt; (reviewed 2026-03-01)');
    expect(buttonsOf(asRecord(view)).map((button) => button.value)).toEqual(['What is A?', 'What is B?']);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
});

describe('buildHelpMessage', () => {
  it('names the configured command and offers the examples as buttons', () => {
    const message = buildHelpMessage('/policy', [
      { id: 'a', title: 'A', question: 'What is A?' },
      { id: 'b', title: 'B', question: 'What is B?' },
    ]);
    expect(textsOf(asRecord(message)).join('\n')).toContain('/policy');
    expect(buttonsOf(asRecord(message)).map((button) => button.value)).toEqual(['What is A?', 'What is B?']);
  });
});

describe('a comparison', () => {
  const part = (id: string, title: string, asOf: string, sourceTitle: string) => ({
    entryId: id,
    title,
    asOf,
    answer: `As of ${asOf}: ${title} in a few words.`,
    sources: [{ id: `${id}-source`, title: sourceTitle, author: 'not named', publisher: 'A publisher', date: asOf }],
    reviewed: null,
  });
  const comparison = answered({
    title: 'Tea · Coffee',
    kind: 'comparison',
    parts: [part('tea', 'Tea', '2010', 'A tea guide'), part('coffee', 'Coffee', '2012', 'A coffee guide')],
    sources: [
      { id: 'tea-source', title: 'A tea guide', author: 'not named', publisher: 'A publisher', date: '2010' },
      { id: 'coffee-source', title: 'A coffee guide', author: 'not named', publisher: 'A publisher', date: '2012' },
    ],
  });

  it('shows each part under its own title, each followed by its own sources and date', () => {
    const message = buildAnswerMessage(comparison, { answerId: 'a1' });
    const texts = textsOf(asRecord(message));
    const at = (text: string): number => texts.findIndex((candidate) => candidate.includes(text));
    expect(at('*Tea*')).toBeGreaterThanOrEqual(0);
    expect(at('As of 2010: Tea in a few words.')).toBeGreaterThan(at('*Tea*'));
    expect(at('A tea guide')).toBeGreaterThan(at('As of 2010: Tea in a few words.'));
    expect(at('*Coffee*')).toBeGreaterThan(at('A tea guide'));
    expect(at('A coffee guide')).toBeGreaterThan(at('As of 2012: Coffee in a few words.'));
    // The sources are shown with their parts, not once more at the end.
    expect(texts.filter((text) => text.includes('A tea guide'))).toHaveLength(1);
    expectWithinLimits(message);
  });
});

describe("Slack's assistant pane", () => {
  it("renders the same answer with its question buttons asking in the thread and Slack's own 👍 / 👎, each carrying its rating", () => {
    const inDm = buildAnswerMessage(answered(), { answerId: 'id-1', offerShare: false });
    const inPane = buildAnswerMessage(answered(), { answerId: 'id-1', offerShare: false, assistantPane: true });
    expect(textsOf(asRecord(inPane))).toEqual(textsOf(asRecord(inDm)).filter((text) => !/helpful/i.test(text)));
    expect(buttonsOf(asRecord(inPane)).map((button) => button.action_id)).toEqual(['rtp_ask_here_0']);
    expect(readAskValue(buttonsOf(asRecord(inPane))[0]?.value)).toEqual({ question: 'What is another thing?', followedFrom: 'id-1' });
    const [feedback] = feedbackButtonsOf(asRecord(inPane));
    expect(feedback?.action_id).toBe('rtp_feedback');
    expect(readFeedbackValue(feedback?.positive_button.value)).toEqual({ answerId: 'id-1', entryId: 'a-thing', rating: 'up' });
    expect(readFeedbackValue(feedback?.negative_button.value)).toEqual({ answerId: 'id-1', entryId: 'a-thing', rating: 'down' });
    expect(feedbackButtonsOf(asRecord(inDm))).toEqual([]);
    // No answer id, nothing to rate.
    expect(feedbackButtonsOf(asRecord(buildAnswerMessage(answered(), { assistantPane: true })))).toEqual([]);
    expectWithinLimits(inPane);
  });

  it("asks a clarification's candidates in the thread too", () => {
    const clarify = clarifyAnswer({
      question: 'What is a thing?',
      answer: 'Did you mean?',
      score: 12,
      suggestions: [
        { id: 'a', title: 'A', question: 'What is A?' },
        { id: 'b', title: 'B', question: 'What is B?' },
      ],
    });
    expect(buttonsOf(asRecord(buildAnswerMessage(clarify, { answerId: 'id-2', assistantPane: true }))).map((button) => button.action_id)).toEqual([
      'rtp_ask_here_0',
      'rtp_ask_here_1',
    ]);
  });

  it('offers at most four starters as prompts, escaped, with short labels and the whole question to send', () => {
    const long = 'Who exactly can use the Right to Provide in practice, and which staff groups were left out of it at first?';
    const links = [long, 'Who is <!here>?', 'C?', 'D?', 'E?'].map((question, index) => ({ id: `e${index}`, title: `E${index}`, question }));
    const { title, prompts } = buildSuggestedPrompts(links);
    expect(title.length).toBeGreaterThan(0);
    expect(prompts).toHaveLength(paneLimits.prompts);
    expect(prompts[0]).toEqual({ title: 'Who exactly can use the Right to Provide in practice, and…', message: long });
    expect(prompts[0]?.title.length).toBeLessThanOrEqual(paneLimits.promptLabel);
    expect(prompts[1]).toEqual({ title: 'Who is &lt;!here&gt;?', message: 'Who is &lt;!here&gt;?' });
    expect(buildSuggestedPrompts([]).prompts).toEqual([]);
  });

  it('titles a thread with its question, shortened at a word and escaped', () => {
    expect(buildThreadTitle('  What is   the Right to Request? ')).toBe('What is the Right to Request?');
    const title = buildThreadTitle(`<!channel> ${'word '.repeat(40)}`);
    expect(title.length).toBeLessThanOrEqual(paneLimits.threadTitle);
    expect(title).toMatch(/^&lt;!channel&gt; (word )*word…$/);
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (question) => buildThreadTitle(question).length <= paneLimits.threadTitle));
  });

  it('greets with the given greeting, escaped', () => {
    expect(buildGreetingMessage('Hi <!here> & welcome')).toEqual({
      text: 'Hi &lt;!here&gt; &amp; welcome',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi &lt;!here&gt; &amp; welcome', verbatim: true } }],
    });
  });
});
