import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMarkdownLinks, formatLinkProblem, listHeadings, listMarkdownLinks } from '../support/markdown.js';
import { repoPath, repoRoot } from '../support/processes.js';

const guides = readdirSync(repoPath('docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const documents = ['README.md', ...guides, 'knowledge/README.md', 'DESIGN.md', 'SECURITY.md'];
const read = (file: string) => readFileSync(repoPath(file), 'utf8');

describe('the documents', () => {
  it('have every relative link and anchor resolving', () => {
    const { problems, checked } = checkMarkdownLinks(repoRoot, documents);
    expect(problems.map(formatLinkProblem)).toEqual([]);
    // The guides link to each other and to their own sections: a parser that found no links would pass vacuously.
    expect(checked).toBeGreaterThan(100);
  });

  it('are one click from the README: it links to every guide in docs/', () => {
    const linked = new Set(listMarkdownLinks(read('README.md')).map(({ href }) => href.split('#')[0]));
    expect(guides.length).toBeGreaterThanOrEqual(7);
    expect(guides.filter((guide) => !linked.has(guide))).toEqual([]);
  });

  it.each(guides)('%s: every section is one more click, from the list of contents at its top', (guide) => {
    const text = read(guide);
    const anchors = listHeadings(text)
      .filter(({ level }) => level === 2)
      .map(({ anchor }) => anchor);
    const linked = new Set(listMarkdownLinks(text).map(({ href }) => href));
    expect(anchors.length).toBeGreaterThan(1);
    expect(
      anchors.filter((anchor) => !linked.has(`#${anchor}`)),
      'sections not linked from the contents list',
    ).toEqual([]);
  });
});

describe('checkMarkdownLinks', () => {
  const fixture = repoPath('tests/fixtures/markdown-links');

  it('reports a missing file and a missing anchor, each at its line, and nothing else', () => {
    const { problems, checked } = checkMarkdownLinks(fixture, ['guide.md']);
    expect(problems.map(formatLinkProblem)).toEqual([
      'guide.md:8: links to "sub/missing.md", but sub/missing.md does not exist',
      'guide.md:11: links to "sub/other.md#no-such-heading", but sub/other.md has no heading with the anchor "#no-such-heading"',
    ]);
    // The good links (a file, headings with punctuation, code and a repeat, this page, a folder, a picture, a reference) count too.
    expect(checked).toBe(10);
  });

  it('skips links inside code and links to other sites', () => {
    const hrefs = listMarkdownLinks(readFileSync(`${fixture}/guide.md`, 'utf8')).map(({ href }) => href);
    expect(hrefs).not.toContain('nowhere.md');
    expect(hrefs).toContain('https://example.org/missing.md#nowhere');
    expect(hrefs).toContain('sub/other.md#notes');
  });

  it('makes anchors as GitHub does', () => {
    const text = '# Slack: rate limit\n\n## The `Answer` contract\n\n```sh\n# not a heading\n```\n\n### Notes\n\n## Notes\n\n## Examples (not run here)\n';
    expect(listHeadings(text)).toEqual([
      { level: 1, anchor: 'slack-rate-limit' },
      { level: 2, anchor: 'the-answer-contract' },
      { level: 3, anchor: 'notes' },
      { level: 2, anchor: 'notes-1' },
      { level: 2, anchor: 'examples-not-run-here' },
    ]);
  });
});
