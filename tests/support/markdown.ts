import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import MarkdownIt, { type Token } from 'markdown-it';

// A parser, not regexes over the text: links inside code spans and code blocks are not links,
// reference-style links resolve to their definitions, and headings are read as rendered text.
const markdown = new MarkdownIt();

/** A link found in a Markdown file. */
export interface MarkdownLink {
  /** The target as written, e.g. `docs/slack.md#settings`. */
  href: string;
  /** 1-based line of the link in its file. */
  line: number;
}

/** A link that does not resolve, reported as `file:line: message`. */
export interface LinkProblem {
  file: string;
  line: number;
  message: string;
}

/** What {@link checkMarkdownLinks} found. */
export interface LinkReport {
  problems: LinkProblem[];
  /** How many relative links were checked (links to other sites are not). */
  checked: number;
}

/** The links and images of a Markdown text, with their lines. */
export function listMarkdownLinks(text: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const block of markdown.parse(text, {})) {
    if (block.type !== 'inline' || !block.map || !block.children) continue;
    let line = block.map[0] + 1;
    for (const token of block.children) {
      if (token.type === 'softbreak' || token.type === 'hardbreak') line += 1;
      const href = token.type === 'link_open' ? token.attrGet('href') : token.type === 'image' ? token.attrGet('src') : null;
      if (href !== null) links.push({ href: String(href), line });
    }
  }
  return links;
}

/** The text of a heading as GitHub reads it for its id: text and code, without the markup. */
function headingText(inline: Token): string {
  return (inline.children ?? []).map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : '')).join('');
}

/** A heading of a Markdown text: its level (1 for `#`) and the anchor GitHub gives it. */
export interface MarkdownHeading {
  level: number;
  anchor: string;
}

/**
 * The headings of a Markdown text, with the anchors GitHub gives them: lower
 * case, punctuation dropped, spaces to hyphens, and `-1`, `-2`… for repeats.
 */
export function listHeadings(text: string): MarkdownHeading[] {
  const slugger = new GithubSlugger();
  const tokens = markdown.parse(text, {});
  return tokens.flatMap((token, index) => {
    const inline = tokens[index + 1];
    if (token.type !== 'heading_open' || inline?.type !== 'inline') return [];
    return [{ level: Number(token.tag.slice(1)), anchor: slugger.slug(headingText(inline)) }];
  });
}

/** A fenced code block of a Markdown text. */
export interface MarkdownCodeBlock {
  /** The language given after the opening fence (`sh`, `text`), or `''`. */
  info: string;
  content: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/** The fenced code blocks of a Markdown text, in order. */
export function listCodeBlocks(text: string): MarkdownCodeBlock[] {
  return markdown
    .parse(text, {})
    .filter((token) => token.type === 'fence')
    .map((token) => ({ info: token.info.trim(), content: token.content, line: (token.map?.[0] ?? 0) + 1 }));
}

// A scheme (https:, mailto:) or a protocol-relative URL: another site, not fetched.
const external = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Checks that every relative link and `#anchor` in the given Markdown files
 * resolves: the file or folder exists, and an anchor into a Markdown file
 * matches one of its headings. Paths are relative to `root` in the report.
 * Anchors into other kinds of file (e.g. `#L10` in source code) are not checked.
 */
export function checkMarkdownLinks(root: string, files: string[]): LinkReport {
  const problems: LinkProblem[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  const anchorsIn = (path: string) => {
    if (!anchorsOf.has(path)) anchorsOf.set(path, new Set(listHeadings(readFileSync(path, 'utf8')).map(({ anchor }) => anchor)));
    return anchorsOf.get(path) as Set<string>;
  };
  let checked = 0;
  for (const file of files) {
    const source = resolve(root, file);
    for (const { href, line } of listMarkdownLinks(readFileSync(source, 'utf8'))) {
      if (external.test(href)) continue;
      checked += 1;
      const report = (message: string) => problems.push({ file, line, message });
      const [pathPart = '', anchor] = href.split('#', 2);
      const path = decodeURIComponent(pathPart);
      const target = path === '' ? source : path.startsWith('/') ? join(root, path) : resolve(dirname(source), path);
      const shown = relative(root, target) || '.';
      if (!existsSync(target)) {
        report(`links to "${href}", but ${shown} does not exist`);
        continue;
      }
      if (anchor === undefined || !target.endsWith('.md')) continue;
      if (statSync(target).isDirectory()) continue;
      if (!anchorsIn(target).has(decodeURIComponent(anchor))) {
        report(`links to "${href}", but ${shown} has no heading with the anchor "#${anchor}"`);
      }
    }
  }
  return { problems, checked };
}

/** A problem as one line, `file:line: message`. */
export const formatLinkProblem = (problem: LinkProblem): string => `${problem.file}:${problem.line}: ${problem.message}`;
