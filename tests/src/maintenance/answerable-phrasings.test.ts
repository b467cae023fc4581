import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkKnowledge, formatKnowledgeIssue, loadKnowledge } from '../../../src/index.js';
import { createPhrasingChecker } from '../../../src/maintenance/answerable-phrasings.js';

// Invented knowledge (tests/fixtures/knowledge-answerable): one entry whose phrasings ask what its answer gives,
// one whose phrasings ask for facts its answer does not give, and one that says plainly what its source lacks.
const fixture = fileURLToPath(new URL('../../fixtures/knowledge-answerable', import.meta.url));
const fix = 'add the fact from a cited source, say plainly that the sources do not give it, or remove the phrasing';

describe('phrasings and aliases the answer text cannot answer', () => {
  it('are reported by kb check as file:line: level: message, each kind of fact and each unmentioned name once', () => {
    const result = checkKnowledge(fixture);
    const lines = result.issues.map((issue) => formatKnowledgeIssue({ ...issue, file: relative(fixture, resolve(issue.file)) }, { withLevel: true }));
    expect(lines).toEqual([
      `entries/bakery-contract.md:5: error: "How much does the council pay the bakery?" asks how much, but the answer text gives no amount and does not say the sources lack one: ${fix}`,
      `entries/bakery-contract.md:6: error: "When does the school contract end?" asks when, but the answer text gives no date and does not say the sources lack one: ${fix}`,
      `entries/bakery-contract.md:7: error: "Who signed the contract for the council?" asks who (or which one), but the answer text gives no name and does not say the sources lack one: ${fix}`,
      `entries/bakery-contract.md:8: error: "Where are the loaves delivered?" asks where, but the answer text gives no place and does not say the sources lack one: ${fix}`,
      'entries/bakery-owners.md:9: error: "Which shop did they open in Westford?" names "Westford", which the answer text never mentions: mention it in the answer if a cited source ties it to this entry, or remove the phrasing',
      'entries/bakery-owners.md:15: error: "the Eastford Council bakery" names "Eastford Council", which the answer text never mentions: mention it in the answer if a cited source ties it to this entry, or remove the alias',
    ]);
    expect(result.ok).toBe(false);
  });

  it('accepts the same phrasings once the answer gives the facts, and a name typed in lower case once the answer names it', () => {
    const knowledge = loadKnowledge(fixture);
    const checker = createPhrasingChecker(knowledge);
    const answered = {
      title: 'The contract',
      body: 'Since March 2015 the parish council has paid £20,000 a year for bread that the clerk, Sam Clerk, has delivered to the school in Millbrook.',
    };
    for (const phrasing of [
      'How much does the council pay the bakery?',
      'When does the school contract end?',
      'Who signed the contract for the council?',
      'Where are the loaves delivered?',
    ]) {
      expect(checker.problemsOf(answered, phrasing, 'questions'), phrasing).toEqual([]);
    }
    // "Millbrook" is a name wherever the knowledge writes it, so a lower-case phrasing naming it is checked too.
    expect(checker.problemsOf({ title: 'The contract', body: 'The council pays for bread.' }, 'millbrook bakery contract', 'questions')).toEqual([
      'names "millbrook", which the answer text never mentions: mention it in the answer if a cited source ties it to this entry, or remove the phrasing',
    ]);
    expect(checker.problemsOf(answered, 'millbrook bakery contract', 'questions')).toEqual([]);
  });

  it('takes a name through the synonyms, and does not check what an alias asks', () => {
    const knowledge = loadKnowledge(fixture);
    const checker = createPhrasingChecker(knowledge);
    expect(checker.problemsOf({ title: 'A co-operative', body: 'The Millbrook Co-operative bakes bread.' }, 'What does the Millbrook Co-op do?', 'questions')).toEqual([]);
    expect(checker.problemsOf({ title: 'A co-operative', body: 'It bakes bread.' }, 'how much bread', 'aliases')).toEqual([]);
  });
});
