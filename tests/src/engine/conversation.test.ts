import { afterAll, describe, expect, it } from 'vitest';
import { createAnswerer, type Answer } from '../../../src/index.js';
import { expectWellFormedAnswer } from '../../support/answer-schema.js';
import { copyFixtureKnowledge, realKnowledgeDir } from '../../support/fixture-knowledge.js';

// The shipped knowledge: these behaviours depend on a knowledge base of realistic size.
const answerer = createAnswerer(realKnowledgeDir);
const ask = (question: string, previous: string | null = null): Answer => expectWellFormedAnswer(answerer.ask(question, { previous }));

describe('small talk', () => {
  it('answers greetings, thanks and "what can you do?" with the reply from small-talk.yaml and the popular starters', () => {
    const starters = answerer.knowledge.smallTalk?.starters.slice(0, 3);
    expect(starters).toHaveLength(3);
    for (const message of ['hi', 'Hello!', 'thanks!', 'Thank you very much.', 'what can you do?']) {
      const answer = ask(message);
      expect(answer.status, message).toBe('small_talk');
      expect(answer.answer, message).toMatch(/Right to Provide/);
      expect(
        answer.suggestions.map((link) => link.id),
        message,
      ).toEqual(starters);
    }
    expect(ask('hi').answer).not.toBe(ask('thanks').answer);
  });

  it('searches a greeting followed by a question as the question', () => {
    expect(ask('hi, what is the right to provide?')).toMatchObject({ status: 'answered', entryId: 'right-to-provide' });
  });

  it('offers the popular starters, not the most linked entries, from starters()', () => {
    expect(answerer.starters(2).map((link) => link.id)).toEqual(answerer.knowledge.smallTalk?.starters.slice(0, 2));
  });

  describe('without a small-talk.yaml', () => {
    const copy = copyFixtureKnowledge();
    afterAll(() => copy.remove());
    it('searches "hi" like any question and starts with the most linked entries', () => {
      const fixture = createAnswerer(copy.dir);
      expect(fixture.ask('hi').status).not.toBe('small_talk');
      expect(fixture.starters(1).map((link) => link.id)).toEqual(['right-to-provide']);
    });
  });
});

describe('one ordinary word and short vague questions', () => {
  it('never answers them at high confidence', () => {
    for (const question of ['week', 'test', 'idea', 'london', 'clear', 'how long does it take', 'what happens if the commissioner says no', 'who owns it?', 'where was it held']) {
      const answer = ask(question);
      expect(answer.status === 'answered' ? answer.confidence : 'not answered', question).not.toBe('high');
      expect(['clarify', 'no_match'], question).toContain(answer.status);
    }
  });

  it('still answers a name that only one entry is about, and asks which was meant of one that several are about', () => {
    expect(ask('reddish vale')).toMatchObject({ status: 'answered', entryId: 'reddish-vale-school' });
    // The MyCSP entry, and the one on what abbreviations stand for, which says the documents never spell it out.
    expect(ask('mycsp')).toMatchObject({
      status: 'clarify',
      suggestions: [expect.objectContaining({ id: 'mutual-joint-ventures-mycsp' }), expect.objectContaining({ id: 'abbreviations' })],
    });
  });
});

describe('clarify', () => {
  it('asks which was meant when two entries fit, offering both', () => {
    const answer = ask('hinchingbrooke');
    expect(answer.status).toBe('clarify');
    expect(answer.answer).toBe("I'm not sure I understood. Did you mean one of these?");
    expect(answer.suggestions.map((link) => link.id)).toEqual(expect.arrayContaining(['circle-hinchingbrooke', 'hinchingbrooke-reactions']));
  });

  it('keeps out-of-scope questions plain declines, not clarifications', () => {
    for (const question of ['How do I buy my council house under Right to Buy?', 'how do I make a flexible working request?', 'where is my nearest children’s centre?']) {
      const answer = ask(question);
      expect(answer.status, question).toBe('no_match');
      expect(answer.answer, question).toMatch(/^I don't have information on that/);
    }
  });
});

describe('conversational questions', () => {
  it('looks past personal context, hedges and "in this context"', () => {
    // The personal context leads nowhere else: the right entry is the answer, or the first choice offered.
    const nurse = ask("hi, I'm a district nurse - can literally anyone use the right to provide, or are there limits?");
    expect(nurse.entryId ?? nurse.suggestions[0]?.id).toBe('who-can-use-right-to-provide');
    // Filler around a question changes nothing.
    const plain = ask('what does spinning out mean for nhs staff?');
    expect(plain.entryId).toBe('spinning-out');
    expect(ask("sorry, what does 'spinning out' actually mean for nhs staff in this context?")).toMatchObject({ status: plain.status, entryId: plain.entryId });
  });

  it('reaches an entry named by role or description through its aliases', () => {
    expect(ask('what did the audit office boss say about the contracts?').entryId).toBe('amyas-morse-nao');
    expect(ask('who runs that hospital in Cambridgeshire?').entryId).toBe('circle-hinchingbrooke');
  });

  it('answers the main one of two questions and offers the other first among related', () => {
    const answer = ask('how big was the Hinchingbrooke deal and what did unison say about it?');
    expect(answer.status).toBe('answered');
    const offered = [answer.entryId, answer.related[0]?.id];
    expect(offered).toEqual(expect.arrayContaining(['circle-hinchingbrooke', 'hinchingbrooke-reactions']));
  });
});

describe('follow-ups', () => {
  it('answers a follow-up that is unclear on its own in the context of the previous entry and its related entries', () => {
    expect(ask('how many members did it have?', 'reddish-vale-school').entryId).toBe('reddish-vale-school');
    expect(ask('what did unison say about it?', 'circle-hinchingbrooke').entryId).toBe('hinchingbrooke-reactions');
    expect(ask('who paid for it?', 'commission-on-ownership').entryId).toBe('commission-on-ownership');
  });

  it('without the context, the same follow-up is not answered with that entry', () => {
    expect(ask('how many members did it have?').entryId).not.toBe('reddish-vale-school');
    expect(ask('who paid for it?').status).not.toBe('answered');
  });

  it('ignores the context for a question that stands on its own', () => {
    const alone = ask('what is the mutuals support programme?');
    expect(alone.entryId).toBe('mutuals-support-programme');
    expect(ask('what is the mutuals support programme?', 'circle-hinchingbrooke').entryId).toBe('mutuals-support-programme');
    expect(ask('and the home office?', 'department-status-2012').entryId).toBe('home-office-status');
  });

  it('treats an unknown previous entry as no context', () => {
    expect(ask('who paid for it?', 'no-such-entry')).toEqual(ask('who paid for it?'));
  });
});

describe('reading questions as people write them', () => {
  it('answers a question about the documents from the source registry and the entry’s citations', () => {
    const answer = ask('which of your sources has Lansley launching the right to provide, and who put it out?');
    expect(answer).toMatchObject({ status: 'answered', kind: 'sources', entryId: 'lansley-voice-11-announcement' });
    const entry = answerer.knowledge.entries.find((candidate) => candidate.id === 'lansley-voice-11-announcement')!;
    for (const id of entry.sources) {
      const source = answerer.knowledge.sources.find((candidate) => candidate.id === id)!;
      expect(answer.answer).toContain(`"${source.title}"`);
      expect(answer.answer).toContain(source.date);
    }
  });

  it('answers a comparison with both entries, each with its own sources', () => {
    const answer = ask('Circle vs Central Surrey Health — how are they alike?');
    expect(answer).toMatchObject({ status: 'answered', kind: 'comparison' });
    expect(answer.parts?.map((part) => part.entryId)).toEqual(['circle-hinchingbrooke', 'central-surrey-health']);
  });

  it('reads misspelt named rights, officialese abbreviations and a question buried in a long post', () => {
    expect(ask('whats teh rihgt to reqeust')).toMatchObject({ status: 'answered', entryId: 'right-to-request' });
    expect(answerer.rankEntries('Please advise whether BIS has commenced RtP activity in respect of FE provision.')[0]?.id).toBe('bis-further-education');
    const post =
      'Morning all. Our community nursing team has been told spinning out is back on the table and the manager wants a brief by Friday. Who actually announced the right to provide for NHS staff, and at what event? Need it for slide 2.';
    expect(answerer.rankEntries(post)[0]?.id).toBe('lansley-voice-11-announcement');
  });

  it('gives goodbyes and warm thanks small talk, and declines requests for an action or an opinion', () => {
    for (const message of ['ok bye', 'thank you so much!', 'cheers mate 👍']) expect(ask(message).status, message).toBe('small_talk');
    for (const request of ['can you draft a letter to my chief executive about spinning out?', 'Is there a template business plan I can use?']) {
      expect(ask(request), request).toMatchObject({ status: 'no_match', reason: 'decline: it asks for an action or an opinion' });
    }
  });

  it('says first when the sources do not give the detail asked for', () => {
    const answer = ask('On what exact date did Lansley announce the Right to Provide?');
    expect(answer).toMatchObject({ status: 'answered', entryId: 'lansley-voice-11-announcement', gap: { kind: 'date' } });
    expect(answer.answer).toMatch(/^My sources don't give the exact date\. /);
  });
});

describe('a question the bot offered, chosen by number or button', () => {
  it('is answered by its entry with high confidence, alone or in a conversation, even when it says "it" or "this"', () => {
    const missed: string[] = [];
    for (const entry of answerer.knowledge.entries) {
      const question = entry.questions[0]!;
      // Offered under an answer as a related question, or asked from a clarification after one.
      for (const previous of [null, ...entry.related, ...answerer.knowledge.entries.filter((other) => other.related.includes(entry.id)).map((other) => other.id)]) {
        const answer = ask(question, previous);
        if (answer.status !== 'answered' || answer.entryId !== entry.id || answer.confidence !== 'high')
          missed.push(`${question} (after ${previous}): ${answer.status} ${answer.reason}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
