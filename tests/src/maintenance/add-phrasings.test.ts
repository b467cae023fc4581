import { describe, expect, it } from 'vitest';
import { appendPhrasings, PhrasingEditError } from '../../../src/index.js';

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
    expect(edited).toContain(['    - "Green tea: what is it?"', '    - "it\'s # not a comment"', '    - "- a dash"', '    - "[brackets]"', '    - plain question?', '    # - a phrasing'].join('\n'));
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
    expect(appendPhrasings('---\nquestions:\n  - a\n  - >-\n    folded\n    text\ntags: [t]\n---\nBody.', ['x'])).toBe('---\nquestions:\n  - a\n  - >-\n    folded\n    text\n  - x\ntags: [t]\n---\nBody.');
  });
});
