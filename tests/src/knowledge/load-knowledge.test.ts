import { relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeError, formatKnowledgeIssue, loadKnowledge, readKnowledge } from '../../../src/index.js';
import { copyFixtureKnowledge, fixtureKnowledgeDir } from '../../support/fixture-knowledge.js';

const copies: { remove(): void }[] = [];
const brokenCopy = () => {
  const copy = copyFixtureKnowledge();
  copies.push(copy);
  return copy;
};
afterEach(() => {
  for (const copy of copies.splice(0)) copy.remove();
});

const messagesOf = (dir: string): string[] =>
  readKnowledge(dir).issues.map((issue) => formatKnowledgeIssue({ ...issue, file: relative(dir, issue.file.startsWith('/') ? issue.file : `${process.cwd()}/${issue.file}`) }));

describe('loadKnowledge', () => {
  it('loads a valid folder with entries, sources and synonyms', () => {
    const knowledge = loadKnowledge(fixtureKnowledgeDir);
    expect(knowledge.entries.map((entry) => entry.id).sort()).toEqual(['audit-findings', 'co-op-hospitals', 'right-to-provide']);
    expect(knowledge.sources.map((source) => source.id)).toEqual(['alpha-2010', 'beta-2011']);
    expect(knowledge.synonyms).toContainEqual(['right to provide', 'rtp']);
    const entry = knowledge.entries.find((item) => item.id === 'right-to-provide');
    expect(entry?.asOf).toBe('March 2010');
    // Line breaks inside a paragraph are joined, so the answer reads as one paragraph.
    expect(entry?.body).toBe('The Right to Provide lets staff take over a service as a mutual. The fixture says 12 teams had used it.');
  });

  it('keeps paragraphs apart where the text has a blank line, and joins the lines within each', () => {
    const copy = brokenCopy();
    copy.write('entries/audit-findings.md', copyOf('entries/audit-findings.md', copy.dir).replace(/\n---\n[^]*$/, '\n---\nFirst line\nand its second.\n\n  \n- an item\n\n- another\r\n\r\nLast.\n'));
    expect(loadKnowledge(copy.dir).entries.find((entry) => entry.id === 'audit-findings')?.body).toBe('First line and its second.\n\n- an item\n\n- another\n\nLast.');
  });

  it('reports a missing field and an empty field with their lines', () => {
    const copy = brokenCopy();
    copy.write('entries/audit-findings.md', ['---', 'id: audit-findings', 'title: ""', 'questions: [a?, b?, c?]', 'sources: [beta-2011]', 'related: []', '---', 'Body.'].join('\n'));
    expect(messagesOf(copy.dir)).toEqual([
      'entries/audit-findings.md:2: "tags" is missing',
      'entries/audit-findings.md:3: "title" must not be empty',
    ]);
  });

  it('shows each source\'s date as readers see it: an exact date as given, an estimate as one', () => {
    const knowledge = loadKnowledge(fixtureKnowledgeDir);
    expect(knowledge.sources.map((source) => source.date)).toEqual(['1 March 2010', 'undated; about 2011']);
  });

  it('works out an entry\'s "As of" from the dates of its sources when it gives none', () => {
    const copy = brokenCopy();
    for (const id of ['audit-findings', 'co-op-hospitals']) copy.write(`entries/${id}.md`, copyOf(`entries/${id}.md`, copy.dir).replace(/^as_of: .*\n/m, ''));
    const entries = new Map(loadKnowledge(copy.dir).entries.map((entry) => [entry.id, entry]));
    expect(entries.get('audit-findings')?.asOf).toBe('about 2011 (undated source)');
    expect(entries.get('co-op-hospitals')?.asOf).toBe('1 March 2010 to about 2011');
    expect(entries.get('co-op-hospitals')?.asOfOverride).toBeUndefined();
  });

  it('keeps an entry\'s own "as_of" with its reason, and records what the sources would have given', () => {
    const copy = brokenCopy();
    copy.write('entries/right-to-provide.md', copyOf('entries/right-to-provide.md', copy.dir).replace('as_of: March 2010', 'as_of: March 2010\nas_of_reason: the fixture counts teams in March only'));
    const entry = loadKnowledge(copy.dir).entries.find((item) => item.id === 'right-to-provide');
    expect(entry?.asOf).toBe('March 2010');
    expect(entry?.asOfOverride).toEqual({ derived: '1 March 2010', reason: 'the fixture counts teams in March only' });
  });

  it('refuses a reason for an "as_of" the entry does not have, and reads "derived_figures"', () => {
    const copy = brokenCopy();
    const original = copyOf('entries/audit-findings.md', copy.dir);
    copy.write('entries/audit-findings.md', original.replace(/^as_of: .*\n/m, 'as_of_reason: no date to explain\n'));
    expect(messagesOf(copy.dir)).toEqual(['entries/audit-findings.md:10: "as_of_reason" explains an "as_of" the entry does not have: add the "as_of" it explains, or remove the reason']);
    copy.write('entries/audit-findings.md', original.replace(/^as_of: .*\n/m, 'derived_figures: { 2012: "the year after the bulletin" }\n'));
    expect(loadKnowledge(copy.dir).entries.find((item) => item.id === 'audit-findings')?.derivedFigures).toEqual({ 2012: 'the year after the bulletin' });
  });

  it('reports unreadable source dates, an estimate without its basis, and a part marker long enough to copy', () => {
    const copy = brokenCopy();
    const source = (id: string, date: string, extra = '') => `- id: ${id}\n  title: T\n  author: A\n  publisher: P\n  date: ${date}\n  file: f.txt\n${extra}`;
    copy.write(
      'sources.yaml',
      [
        source('alpha-2010', '"spring-ish 2010"'),
        source('beta-2011', '{ estimate: "about 2011" }'),
        source('gamma', '{ estimate: "about 2011", basis: "a guess" }'),
        source('delta', '31 February 2011'),
        source('epsilon', '"2012"', '  part: { from: "one two three four five six seven eight" }\n'),
      ].join(''),
    );
    expect(messagesOf(copy.dir).filter((message) => message.startsWith('sources.yaml'))).toEqual([
      'sources.yaml:5: "0.date" must be an exact date like "13 November 2011", "November 2011" or "2011", or an estimate with its basis, like { estimate: "early 2012", basis: "nearly two years after the May 2010 election" } (got "spring-ish 2010")',
      'sources.yaml:11: "1.date" gives an estimate without its "basis": say what the estimate rests on',
      'sources.yaml:17: "2.date" has an estimate it cannot read ("about 2011"): use a date ("December 2009", "2011"), a part of a year ("early 2012", "summer 2011"), a range ("2011 to early 2012") or a latest date ("no later than early 2012"), without "about"',
      'sources.yaml:23: "3.date" must be an exact date like "13 November 2011", "November 2011" or "2011", or an estimate with its basis, like { estimate: "early 2012", basis: "nearly two years after the May 2010 election" } (got "31 February 2011")',
      'sources.yaml:31: "4.part.from" must be fewer than 8 words: a marker finds a place in the file, it does not copy it',
    ]);
  });

  it('reports every problem at once: duplicate id, unknown source, unknown related, duplicate question, bad YAML', () => {
    const copy = brokenCopy();
    copy.write('entries/co-op-hospitals.md', [
      '---',
      'id: co-op-hospitals',
      'title: Co-operative hospitals abroad',
      'questions:',
      '  - Do co-operatives run hospitals in other countries?',
      '  - what is the right to provide',
      '  - co-op hospitals abroad',
      'tags: [japan]',
      'sources: [alpha-2010, indy]',
      'as_of: 2010',
      'related: [right-to-provide, circle]',
      '---',
      'Text.',
    ].join('\n'));
    copy.write('entries/duplicate.md', copyOf('entries/right-to-provide.md', copy.dir).replace('  - right to provide\n', '  - third phrasing here\n').replace('What is the Right', 'What, then, is the Right').replace('Can staff take', 'Could staff take'));
    copy.write('entries/broken-yaml.md', '---\nid: broken-yaml\ntitle: [unclosed\n---\nText.');
    // A phrasing in two entries is reported on both, each naming the other: the one being edited may be either.
    expect(messagesOf(copy.dir)).toEqual([
      'entries/broken-yaml.md:3: unreadable YAML in the front matter: the "[" on this line is never closed: end the list with "]", or quote the value if the "[" is part of the text (YAML: Flow sequence in block collection must be sufficiently indented and end with a ])',
      `entries/co-op-hospitals.md:6: "questions" must be unique across entries: "what is the right to provide" is also a phrasing of "right-to-provide" (${relativeTo(copy.dir, 'entries/right-to-provide.md')}:5): keep it in one entry`,
      'entries/co-op-hospitals.md:9: "sources" must name a known source id (got "indy"; known: alpha-2010, beta-2011)',
      // broken-yaml.md counts as known by its file name, so links to it are not broken too.
      'entries/co-op-hospitals.md:11: "related" must name an existing entry id (got "circle"; known: audit-findings, broken-yaml, co-op-hospitals, right-to-provide)',
      'entries/duplicate.md:2: "id" must match the file name: rename the file to right-to-provide.md or the id to match (got "right-to-provide")',
      'entries/right-to-provide.md:2: "id" must be unique: ' + relativeTo(copy.dir, 'entries/duplicate.md') + ' has the same id (got "right-to-provide")',
      `entries/right-to-provide.md:5: "questions" must be unique across entries: "What is the Right to Provide?" is also a phrasing of "co-op-hospitals" (${relativeTo(copy.dir, 'entries/co-op-hospitals.md')}:6): keep it in one entry`,
    ]);
  });

  it('explains the common YAML mistakes in plain words, on the line to fix', () => {
    const copy = brokenCopy();
    const entry = (id: string, lines: string[]) => copy.write(`entries/${id}.md`, ['---', `id: ${id}`, ...lines, '---', 'Text.'].join('\n'));
    entry('colon-title', ['title: Circle: the company', 'questions: [a?, b?, c?]']);
    entry('colon-phrasing', ['title: T', 'questions:', '  - What is it: a mutual?', '  - b?', '  - c?', 'tags: [x]', 'sources: [alpha-2010]', 'as_of: "2010"', 'related: []']);
    // The parser only notices the open bracket on a later line; the message points where it opened.
    entry('open-bracket', ['title: T', 'tags: [x, y', 'sources: [alpha-2010]', 'as_of: "2010"']);
    entry('open-quote', ['title: "T', 'sources: [alpha-2010]']);
    entry('tab-indent', ['title: T', 'questions:', '\t- a?', '\t- b?']);
    const messages = messagesOf(copy.dir).filter((message) => !message.startsWith('entries/audit') && !message.startsWith('entries/co-op') && !message.startsWith('entries/right'));
    expect(messages).toEqual([
      'entries/colon-phrasing.md:5: "questions.0" must be text: YAML read "What is it: a mutual?" as a field because of the ": " in it; put the text in quotes: "What is it: a mutual?"',
      'entries/colon-title.md:3: unreadable YAML in the front matter: the value on this line holds ": ", which YAML reads as the start of another field: put the value in quotes, e.g. title: "Circle: the company" (YAML: Nested mappings are not allowed in compact mappings)',
      'entries/open-bracket.md:4: unreadable YAML in the front matter: the "[" on this line is never closed: end the list with "]", or quote the value if the "[" is part of the text (YAML: Flow sequence in block collection must be sufficiently indented and end with a ])',
      'entries/open-quote.md:3: unreadable YAML in the front matter: the " quote that starts the value on this line is never closed: end the value with " (YAML: Missing closing "quote)',
      'entries/tab-indent.md:5: unreadable YAML in the front matter: a tab is used to indent this line: indent with spaces only (YAML: Tabs are not allowed as indentation)',
      'entries/tab-indent.md:6: unreadable YAML in the front matter: a tab is used to indent this line: indent with spaces only (YAML: Tabs are not allowed as indentation)',
    ]);
  });

  it('reports a file with no front matter, an unknown field and an empty body', () => {
    const copy = brokenCopy();
    copy.write('entries/no-front-matter.md', 'Just text, no front matter.\n');
    const original = copyOf('entries/audit-findings.md', copy.dir);
    const withoutBody = original.slice(0, original.lastIndexOf('---\n') + 4);
    copy.write('entries/audit-findings.md', withoutBody.replace('related: [right-to-provide]', 'related: [right-to-provide]\nsource: [beta-2011]'));
    expect(messagesOf(copy.dir)).toEqual([
      'entries/audit-findings.md:12: "source" is not a known field (known: id, title, questions, tags, sources, as_of, as_of_reason, related, derived_figures, aliases, lead, owner, reviewed, review_every)',
      'entries/audit-findings.md:14: the answer text (after the second "---") must not be empty',
      'entries/no-front-matter.md:1: must start with a front matter block: a "---" line, the fields in YAML, and another "---" line',
    ]);
  });

  it('reports a broken sources.yaml and an overlapping synonym group', () => {
    const copy = brokenCopy();
    copy.write('sources.yaml', '- id: alpha-2010\n  title: Alpha\n  author: A\n  publisher: P\n  date: ""\n  file: a.txt\n');
    copy.write('synonyms.yaml', '- [right to provide, rtp]\n- [rtp, r.t.p.]\n');
    const messages = messagesOf(copy.dir);
    expect(messages).toContain('sources.yaml:5: "0.date" must be an exact date like "13 November 2011", "November 2011" or "2011", or an estimate with its basis, like { estimate: "early 2012", basis: "nearly two years after the May 2010 election" } (got "")');
    expect(messages).toContain('synonyms.yaml:2: "rtp" is already in the group on line 1: a word may belong to one group only');
  });

  it('throws a KnowledgeError whose message lists every problem as file:line, without a stack in the message', () => {
    const copy = brokenCopy();
    copy.write('entries/co-op-hospitals.md', copyOf('entries/co-op-hospitals.md', copy.dir).replace('sources: [alpha-2010, beta-2011]', 'sources: [gamma]').replace('related: [right-to-provide]', 'related: [nowhere]'));
    let caught: unknown;
    try {
      loadKnowledge(copy.dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KnowledgeError);
    const error = caught as KnowledgeError;
    expect(error.code).toBe('KNOWLEDGE_INVALID');
    expect(error.issues).toHaveLength(2);
    expect(error.message).toMatch(/the knowledge files have 2 problems/);
    expect(error.message).toMatch(/co-op-hospitals\.md:9: "sources" must name a known source id \(got "gamma"/);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('loads aliases, the optional last field of an entry', () => {
    const copy = brokenCopy();
    copy.write('entries/audit-findings.md', copyOf('entries/audit-findings.md', copy.dir).replace('related: [right-to-provide]', 'related: [right-to-provide]\naliases: [the audit office boss, head of the NAO]'));
    const entry = loadKnowledge(copy.dir).entries.find((item) => item.id === 'audit-findings');
    expect(entry?.aliases).toEqual(['the audit office boss', 'head of the NAO']);
    expect(loadKnowledge(fixtureKnowledgeDir).entries.find((item) => item.id === 'audit-findings')?.aliases).toBeUndefined();
  });

  it('reports an alias given to two entries, and a malformed aliases field, with their lines', () => {
    const copy = brokenCopy();
    copy.write('entries/audit-findings.md', copyOf('entries/audit-findings.md', copy.dir).replace('related: [right-to-provide]', 'related: [right-to-provide]\naliases: [the auditors]'));
    copy.write('entries/right-to-provide.md', copyOf('entries/right-to-provide.md', copy.dir).replace(/\n---\n/, '\naliases: [The Auditors!]\n---\n'));
    copy.write('entries/co-op-hospitals.md', copyOf('entries/co-op-hospitals.md', copy.dir).replace(/\n---\n/, '\naliases: one name\n---\n'));
    expect(messagesOf(copy.dir)).toEqual([
      expect.stringMatching(/^entries\/co-op-hospitals\.md:\d+: "aliases" must be a list of names/),
      expect.stringMatching(/^entries\/right-to-provide\.md:\d+: "aliases" lists "The Auditors!" already in "audit-findings": an alias names one entry$/),
    ]);
  });

  it('loads small-talk.yaml, and reports each problem in it as file:line', () => {
    const copy = brokenCopy();
    copy.write('small-talk.yaml', ['starters: [right-to-provide, audit-findings]', 'replies:', '  - says: [hi, hello]', '    reply: Hello!'].join('\n'));
    expect(loadKnowledge(copy.dir).smallTalk).toEqual({ starters: ['right-to-provide', 'audit-findings'], replies: [{ says: ['hi', 'hello'], reply: 'Hello!' }] });
    copy.write('small-talk.yaml', ['starters: [right-to-provide, nowhere]', 'replies:', '  - says: [hi, Hello!]', '    reply: Hello!', '  - says: [HI]', '    reply: Hey.'].join('\n'));
    expect(messagesOf(copy.dir)).toEqual([
      'small-talk.yaml:1: "starters" must name an existing entry id (got "nowhere")',
      'small-talk.yaml:5: "HI" is already listed on line 3: a message may have one reply only',
    ]);
    copy.write('small-talk.yaml', ['starters: [right-to-provide]', 'replies:', '  - says: [hi]', '    reply: Hello!', '    mood: cheerful'].join('\n'));
    expect(messagesOf(copy.dir)).toEqual(['small-talk.yaml:5: "mood" is not a known field (known: says, reply)']);
    copy.write('small-talk.yaml', 'replies: []');
    expect(messagesOf(copy.dir)).toEqual(['small-talk.yaml:1: "starters" is missing', 'small-talk.yaml:1: "replies" must list at least one reply']);
    copy.write('small-talk.yaml', ['greeting: " Hello, ask me anything. "', 'starters: [right-to-provide]', 'replies:', '  - says: [hi]', '    reply: Hello!'].join('\n'));
    expect(loadKnowledge(copy.dir).smallTalk?.greeting).toBe('Hello, ask me anything.');
    copy.write('small-talk.yaml', ['greeting: ""', 'starters: [right-to-provide]', 'replies:', '  - says: [hi]', '    reply: Hello!', 'farewell: Bye'].join('\n'));
    expect(messagesOf(copy.dir)).toEqual(['small-talk.yaml:1: "greeting" must not be empty', 'small-talk.yaml:6: "farewell" is not a known field (known: greeting, starters, replies, ignore)']);
  });

  it('reports a missing folder instead of throwing a file system error', () => {
    const report = readKnowledge('/nonexistent/knowledge');
    expect(report.knowledge).toBeNull();
    expect(report.issues[0]?.message).toMatch(/does not exist/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function copyOf(relativePath: string, dir: string): string {
  return readFileSync(join(dir, relativePath), 'utf8');
}

function relativeTo(dir: string, relativePath: string): string {
  return relative(process.cwd(), join(dir, relativePath)).startsWith('..') ? join(dir, relativePath) : relative(process.cwd(), join(dir, relativePath));
}
