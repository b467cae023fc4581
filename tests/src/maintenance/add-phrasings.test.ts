import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { addPhrasings, appendPhrasings, loadKnowledge, PhrasingEditError, readCopyIndex, vetPhrasings } from '../../../src/index.js';
import { copyFixture, makeTempDir } from '../../support/fixture-knowledge.js';

const entry = [
  '---',
  'id: green-tea',
  '# The title users see.',
  'title: "What green tea is"',
  'questions:',
  '    - What is green tea?   # the canonical one',
  "    - 'How is green tea made?'",
  '    # - a phrasing someone left out on purpose',
  'tags: [green tea, sencha]',
  'sources: [tea-guide]',
  'as_of: "2010"',
  'related: []',
  '---',
  'Green tea is made from leaves that are heated soon after picking.',
  '',
].join('\n');

describe('appendPhrasings', () => {
  it('adds lines after the last item, indented like it, and changes nothing else', () => {
    const edited = appendPhrasings(entry, ['is sencha green tea', '  two   spaces  ']);
    const lines = entry.split('\n');
    expect(edited.split('\n')).toEqual([...lines.slice(0, 7), '    - is sencha green tea', '    - two spaces', ...lines.slice(7)]);
  });

  it('quotes a phrasing only when YAML would read it differently', () => {
    const edited = appendPhrasings(entry, ['Green tea: what is it?', "it's # not a comment", '- a dash', '[brackets]', 'plain question?']);
    expect(edited).toContain(
      ['    - "Green tea: what is it?"', '    - "it\'s # not a comment"', '    - "- a dash"', '    - "[brackets]"', '    - plain question?', '    # - a phrasing'].join('\n'),
    );
  });

  it('adds to a [list] before its "]", keeping a comment after it, and to an empty one', () => {
    const flow = '---\nid: x\nquestions: [a?, "b: c"]  # trailing\ntags: [t]\n---\nBody.\n';
    expect(appendPhrasings(flow, ['new, with a comma', 'simple'])).toBe('---\nid: x\nquestions: [a?, "b: c", "new, with a comma", simple]  # trailing\ntags: [t]\n---\nBody.\n');
    expect(appendPhrasings('---\nid: x\nquestions: []\n---\nBody.\n', ['first'])).toBe('---\nid: x\nquestions: [first]\n---\nBody.\n');
  });

  it('keeps Windows line endings', () => {
    const crlf = entry.replace(/\n/g, '\r\n');
    expect(appendPhrasings(crlf, ['is sencha green tea'])).toBe(crlf.replace("'How is green tea made?'\r\n", "'How is green tea made?'\r\n    - is sencha green tea\r\n"));
  });

  it('refuses a file it cannot edit safely, naming why', () => {
    expect(() => appendPhrasings('Just text.', ['x'])).toThrow(new PhrasingEditError('has no front matter block to add phrasings to'));
    expect(() => appendPhrasings('---\nid: x\n---\nBody.', ['x'])).toThrow('has no "questions" list to add phrasings to');
    expect(() => appendPhrasings('---\nid: x\ntitle: [open\n---\nBody.', ['x'])).toThrow('has front matter that is not readable YAML');
    expect(() => appendPhrasings('---\nquestions:\n  - a\n  -\n    b\n---\nBody.', ['x'])).toThrow('laid out in a way this tool does not edit');
  });

  it('adds after a last item written as a block of text', () => {
    expect(appendPhrasings('---\nquestions:\n  - a\n  - >-\n    folded\n    text\ntags: [t]\n---\nBody.', ['x'])).toBe(
      '---\nquestions:\n  - a\n  - >-\n    folded\n    text\n  - x\ntags: [t]\n---\nBody.',
    );
  });
});

// Invented knowledge and an invented source (tests/fixtures/knowledge-verify-strict, sources-verify/orchard.txt).
const strictFixture = fileURLToPath(new URL('../../fixtures/knowledge-verify-strict', import.meta.url));
const inventedSources = fileURLToPath(new URL('../../fixtures/sources-verify', import.meta.url));

describe('vetPhrasings and addPhrasings, the gate for every phrasing added in bulk', () => {
  const temps: { remove(): void }[] = [];
  afterEach(() => {
    for (const temp of temps.splice(0)) temp.remove();
  });

  it('refuses a phrasing its answer cannot answer, one naming what the answer never mentions, one copying a source, and one for no entry', () => {
    const knowledge = loadKnowledge(strictFixture);
    const copies = readCopyIndex(knowledge, inventedSources);
    const refused = vetPhrasings(
      knowledge,
      [
        { entryId: 'own-words', phrasing: 'Who chairs the Eastford Orchard Trust?' },
        { entryId: 'own-words', phrasing: 'Where is the market held?' },
        { entryId: 'own-words', phrasing: 'Did the Westford council help?' },
        { entryId: 'own-words', phrasing: 'did volunteers form a trust to look after the old apple orchard near the station' },
        { entryId: 'no-such-entry', phrasing: 'orchard' },
      ],
      { copies },
    );
    expect(refused.map(({ phrasing, reasons }) => `${phrasing}: ${reasons.join(' / ')}`)).toEqual([
      'Where is the market held?: asks where, but the answer text gives no place and does not say the sources lack one: add the fact from a cited source, say plainly that the sources do not give it, or remove the phrasing',
      'Did the Westford council help?: names "Westford", which the answer text never mentions: mention it in the answer if a cited source ties it to this entry, or remove the phrasing',
      'did volunteers form a trust to look after the old apple orchard near the station: nearly repeats 12 words of orchard-news: say it in other words',
      'orchard: is for "no-such-entry", which is no entry of this knowledge',
    ]);
    // Without the sources, copying is not checked; the other checks still are.
    expect(vetPhrasings(knowledge, [{ entryId: 'own-words', phrasing: 'did volunteers form a trust to look after the old apple orchard near the station' }])).toEqual([]);
  });

  it('writes nothing when one phrasing is refused, and adds them all when none is', () => {
    const temp = makeTempDir('rtp-add-phrasings-');
    temps.push(temp);
    const dir = copyFixture('knowledge-verify-strict', join(temp.dir, 'knowledge'));
    const knowledge = loadKnowledge(dir);
    const file = join(dir, 'entries', 'own-words.md');
    const before = readFileSync(file, 'utf8');
    const refused = addPhrasings(dir, knowledge, [
      { entryId: 'own-words', phrasing: 'Who chairs the orchard trust now?' },
      { entryId: 'own-words', phrasing: 'Where is the market held?' },
    ]);
    expect(refused.refused.map((item) => item.phrasing)).toEqual(['Where is the market held?']);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const added = addPhrasings(dir, knowledge, [{ entryId: 'own-words', phrasing: 'Who chairs the orchard trust now?' }]);
    expect(added.refused).toEqual([]);
    expect([...added.originals.values()]).toEqual([before]);
    expect(
      loadKnowledge(dir)
        .entries.find((entry) => entry.id === 'own-words')
        ?.questions.at(-1),
    ).toBe('Who chairs the orchard trust now?');
  });
});
