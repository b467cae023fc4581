import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeIssue } from '../errors.js';
import { collectZodIssues, displayPath, knowledgeLayout, readKnowledge, readYamlFile, splitEntryFile, type KnowledgeLocator } from '../knowledge/load-knowledge.js';
import { copyExceptionsFileSchema } from '../knowledge/schema.js';
import type { Entry, KnowledgeBase, Source } from '../types.js';

/** Options for {@link verifyKnowledge}. */
export interface VerifyOptions {
  /**
   * Shortest quotation, in words, that must appear word for word in one of the
   * entry's cited sources. Shorter ones ("co-owners") are names for things.
   * @default 3
   */
  minQuoteWords: number;
  /**
   * Shortest run of words, outside quotation marks, that counts as copied when
   * a source has the same run.
   * @default 8
   */
  minCopiedRun: number;
}

/** The defaults of {@link VerifyOptions}. */
export const defaultVerifyOptions: Readonly<VerifyOptions> = Object.freeze({ minQuoteWords: 3, minCopiedRun: 8 });

/** What {@link verifyKnowledge} checked and found. */
export interface VerifyCounts {
  entries: number;
  sources: number;
  /** Quotations checked against the sources. */
  quotes: number;
  /** Figures (numbers written in digits) checked. */
  figures: number;
  /** Quotations not word for word in a cited source, or never closed. */
  quoteProblems: number;
  /** Figures in no cited source, no source date and no `derived_figures`. */
  unexplainedFigures: number;
  /** Runs of words a source has too, outside quotation marks, that no exception covers. */
  copiedRuns: number;
}

/** The result of {@link verifyKnowledge}. */
export interface KnowledgeVerification {
  /** The knowledge, when it loads. */
  knowledge: KnowledgeBase | null;
  /** Every problem, sorted by file and line; the loader's own when the knowledge does not load. */
  issues: KnowledgeIssue[];
  counts: VerifyCounts;
  /** True when no issue is an error. */
  ok: boolean;
}

/** One word of a text, normalised for comparison, and where it stands. */
interface Token {
  word: string;
  start: number;
  end: number;
}

// Letters, digits, £ and %, joined by apostrophes, and by a point or comma between digits ("49.9", "45,000").
const TOKEN = /[\p{L}\p{N}£%]+(?:(?:['\u2019]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}£%]+)*/gu;

/** The words of a text, compared without case, apostrophes or thousands commas; a hyphen splits words. */
function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((match) => ({
    word: match[0].toLowerCase().replace(/['\u2019,]/g, ''),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

const spaced = (words: readonly string[]): string => ` ${words.join(' ')} `;

/** The figures in some words: each number written in digits, without leading zeros ("01" is "1"). */
function figuresIn(tokens: readonly Token[]): { figure: string; token: Token }[] {
  return tokens.flatMap((token) => [...token.word.matchAll(/\d+(?:\.\d+)?/g)].map((match) => ({ figure: match[0].replace(/^0+(?=\d)/, ''), token })));
}

/** A stretch of a text, by offsets. */
interface TextRange {
  start: number;
  end: number;
}

/** Quotations in a text: what is between each pair of quotation marks (straight or curly) within a paragraph, and any mark left unclosed. */
function findQuotes(text: string): { quotes: TextRange[]; unclosed: number[] } {
  const quotes: TextRange[] = [];
  const unclosed: number[] = [];
  let paragraphStart = 0;
  for (const paragraph of text.split(/(\n[ \t]*\n)/)) {
    const marks = [...paragraph.matchAll(/["\u201C\u201D]/g)].map((match) => paragraphStart + match.index);
    for (let i = 0; i + 1 < marks.length; i += 2) quotes.push({ start: marks[i]! + 1, end: marks[i + 1]! });
    if (marks.length % 2 === 1) unclosed.push(marks[marks.length - 1]!);
    paragraphStart += paragraph.length;
  }
  return { quotes, unclosed };
}

/** A piece of an entry or file to check, and how to turn a place in it into a file line. */
interface Segment {
  file: string;
  text: string;
  lineAt(offset: number): number;
  /** Whether quotations and figures in it are checked (the title and the answer text, which users read). */
  factual: boolean;
}

const linesFrom = (text: string, firstLine: number) => (offset: number): number => firstLine + (text.slice(0, offset).match(/\n/g)?.length ?? 0);

/** A source document's words: the whole capture, or its part of it. */
interface SourceText {
  id: string;
  /** Its words, space-separated, with a space at each end. */
  words: string;
  /** Figures in the text, and in the source's date as readers see it. */
  figures: Set<string>;
  dateFigures: Set<string>;
}

/** A copied-run exception from the exceptions file. */
interface CopyException {
  words: string;
  line: number;
  used: boolean;
}

/** Every run of `size` words of every source, with the id of the first source that has it. */
interface SourceRuns {
  size: number;
  from: Map<string, string>;
}

/** A run of words in a knowledge text that a source has too: where it is, how many words, and which source. */
interface CopiedRun extends TextRange {
  length: number;
  from: string;
}

/**
 * Checks knowledge against the source documents it cites, in `sourcesDir`
 * (never copied into the repository): every quotation of
 * `minQuoteWords` words or more appears word for word in a cited source
 * (ignoring case, punctuation and curly quotes); every figure in a title or
 * answer appears in a cited source, in a cited source's date, or in the
 * entry's `derived_figures` with a reason; and no run of `minCopiedRun` words
 * outside quotation marks, in any knowledge file, repeats a source, unless
 * `copy-exceptions.yaml` lists it. Never throws on bad knowledge.
 */
export function verifyKnowledge(dir: string, sourcesDir: string, options: Partial<VerifyOptions> = {}): KnowledgeVerification {
  const settings = { ...defaultVerifyOptions, ...options };
  const counts: VerifyCounts = { entries: 0, sources: 0, quotes: 0, figures: 0, quoteProblems: 0, unexplainedFigures: 0, copiedRuns: 0 };
  const report = readKnowledge(dir);
  const knowledge = report.knowledge;
  if (!knowledge) return { knowledge, issues: report.issues, counts, ok: false };
  counts.entries = knowledge.entries.length;
  counts.sources = knowledge.sources.length;

  const issues: KnowledgeIssue[] = [];
  const texts = readSourceTexts(knowledge.sources, sourcesDir, report.locate, issues);
  const exceptions = readCopyExceptions(dir, issues);
  const runs = sourceRuns(texts, settings.minCopiedRun);
  const checkCopying = (segment: Segment, quotes: readonly TextRange[]): void => {
    for (const run of findCopiedRuns(segment.text, quotes, runs, exceptions)) {
      counts.copiedRuns++;
      issues.push({
        file: segment.file,
        line: segment.lineAt(run.start),
        level: 'error',
        message: `repeats ${run.length} words of ${run.from} outside quotation marks ("${snippet(segment.text.slice(run.start, run.end))}"): say it in our own words, or quote a person's words briefly; a name with a job title may be listed in ${knowledgeLayout.copyExceptions}`,
      });
    }
  };

  for (const entry of knowledge.entries) {
    const cited = entry.sources.flatMap((id) => texts.get(id) ?? []);
    const usedFigures = new Set<string>();
    for (const segment of entrySegments(entry, knowledge.dir, report.locate)) {
      const { quotes, unclosed } = findQuotes(segment.text);
      checkCopying(segment, quotes);
      if (!segment.factual) continue;
      const problem = (offset: number, message: string): void => {
        issues.push({ file: segment.file, line: segment.lineAt(offset), level: 'error', message });
      };
      for (const offset of unclosed) {
        counts.quoteProblems++;
        problem(offset, 'a quotation mark here is never closed in its paragraph: close it, so that verify knows where the quotation ends');
      }
      for (const quote of quotes) {
        const checked = checkQuote(segment.text.slice(quote.start, quote.end), entry, cited, texts, settings.minQuoteWords);
        if (checked === null) continue;
        counts.quotes++;
        if (checked === true) continue;
        counts.quoteProblems++;
        problem(quote.start, checked);
      }
      for (const { figure, token } of figuresIn(tokenize(segment.text))) {
        counts.figures++;
        usedFigures.add(figure);
        const checked = checkFigure(figure, entry, cited, texts);
        if (checked === null) continue;
        counts.unexplainedFigures++;
        problem(token.start, checked);
      }
    }
    issues.push(...checkDerivedFigures(entry, usedFigures, cited, report.locate));
  }

  for (const path of otherKnowledgeFiles(knowledge.dir)) {
    const text = readFileSync(path, 'utf8');
    checkCopying({ file: displayPath(path), text, lineAt: linesFrom(text, 1), factual: false }, findQuotes(text).quotes);
  }

  for (const exception of exceptions) {
    if (!exception.used) issues.push({ file: displayPath(join(dir, knowledgeLayout.copyExceptions)), line: exception.line, level: 'warning', message: 'this exception matches no copied run in the knowledge: remove it' });
  }

  issues.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { knowledge, issues, counts, ok: !issues.some((issue) => issue.level === 'error') };
}

/** What of an entry is checked: title and answer text for everything, the other fields for copied runs only. */
function entrySegments(entry: Entry, dir: string, locate: KnowledgeLocator): Segment[] {
  // The answer text as written, so that a problem's line is the line it is on.
  const body = splitEntryFile(readFileSync(join(dir, knowledgeLayout.entries, `${entry.id}.md`), 'utf8')) ?? { bodyText: entry.body, bodyLine: locate.entryLine(entry.id, 'body') };
  const field = (text: string, path: readonly PropertyKey[], factual = false): Segment => ({ file: entry.file, text, lineAt: () => locate.entryLine(entry.id, path), factual });
  return [
    field(entry.title, ['title'], true),
    { file: entry.file, text: body.bodyText, lineAt: linesFrom(body.bodyText, body.bodyLine), factual: true },
    ...entry.questions.map((question, index) => field(question, ['questions', index])),
    ...entry.tags.map((tag, index) => field(tag, ['tags', index])),
    ...(entry.asOfOverride ? [field(entry.asOf, ['as_of']), field(entry.asOfOverride.reason ?? '', ['as_of_reason'])] : []),
    ...Object.entries(entry.derivedFigures ?? {}).map(([figure, reason]) => field(reason, ['derived_figures', figure])),
  ];
}

/** Indexes the sources' runs of words, to look any run of a knowledge text up at once. */
function sourceRuns(texts: ReadonlyMap<string, SourceText>, size: number): SourceRuns {
  const from = new Map<string, string>();
  for (const source of texts.values()) {
    const words = source.words.trim().split(' ');
    for (let i = 0; i + size <= words.length; i++) {
      const run = words.slice(i, i + size).join(' ');
      if (!from.has(run)) from.set(run, source.id);
    }
  }
  return { size, from };
}

/** Runs of words a source has too, outside the quotations, merged where they overlap, that no exception covers. */
function findCopiedRuns(text: string, quotes: readonly TextRange[], runs: SourceRuns, exceptions: CopyException[]): CopiedRun[] {
  // Quoted words are a break: no run crosses a quotation.
  const groups: Token[][] = [[]];
  for (const token of tokenize(text)) {
    if (quotes.some((quote) => token.start >= quote.start && token.end <= quote.end)) {
      if (groups.at(-1)!.length > 0) groups.push([]);
    } else {
      groups.at(-1)!.push(token);
    }
  }
  const found: CopiedRun[] = [];
  for (const group of groups) {
    // [first, last) word indexes of the run being extended, and the source it came from.
    let current: { first: number; last: number; from: string } | null = null;
    const close = () => {
      if (current) found.push({ start: group[current.first]!.start, end: group[current.last - 1]!.end, length: current.last - current.first, from: current.from });
      current = null;
    };
    for (let i = 0; i + runs.size <= group.length; i++) {
      const run = group.slice(i, i + runs.size).map((token) => token.word).join(' ');
      const from = runs.from.get(run);
      if (from === undefined || isExcused(run, exceptions)) continue;
      if (current && i <= current.last) {
        current.last = i + runs.size;
      } else {
        close();
        current = { first: i, last: i + runs.size, from };
      }
    }
    close();
  }
  return found;
}

/** Warnings for `derived_figures` that are not needed: unused, or given by a cited source after all. */
function checkDerivedFigures(entry: Entry, used: ReadonlySet<string>, cited: readonly SourceText[], locate: KnowledgeLocator): KnowledgeIssue[] {
  return Object.keys(entry.derivedFigures ?? {}).flatMap((figure): KnowledgeIssue[] => {
    const at = { file: entry.file, line: locate.entryLine(entry.id, ['derived_figures', figure]), level: 'warning' as const };
    if (!used.has(figure)) return [{ ...at, message: `"derived_figures" lists "${figure}", which neither the title nor the answer text uses: remove it` }];
    if (cited.some((source) => source.figures.has(figure) || source.dateFigures.has(figure))) return [{ ...at, message: `"derived_figures" lists "${figure}", which a cited source already gives: remove it` }];
    return [];
  });
}

function snippet(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const sourceList = (entry: Entry): string => entry.sources.join(', ');

/**
 * True when the quotation is word for word in a cited source; otherwise what
 * is wrong; null when it is too short to check. A quotation with an ellipsis
 * ("…") is checked piece by piece, every piece in the same source.
 */
function checkQuote(quote: string, entry: Entry, cited: readonly SourceText[], texts: ReadonlyMap<string, SourceText>, minWords: number): true | string | null {
  const pieces = quote.split(/\u2026|\.\.\./).map((piece) => tokenize(piece).map((token) => token.word)).filter((words) => words.length > 0);
  if (pieces.flat().length < minWords) return null;
  const holds = (source: SourceText) => pieces.every((words) => source.words.includes(spaced(words)));
  if (cited.some(holds)) return true;
  const shown = `"${snippet(quote, 60)}"`;
  const elsewhere = [...texts.values()].filter((source) => !entry.sources.includes(source.id) && holds(source)).map((source) => source.id);
  if (elsewhere.length > 0) return `the quotation ${shown} is not in its cited sources (${sourceList(entry)}) but is in ${elsewhere.join(', ')}: cite that source, or quote the one cited`;
  return `the quotation ${shown} is not word for word in any cited source (${sourceList(entry)}): quote the source exactly, or drop the quotation marks and say it in our own words`;
}

/** Null when a cited source, or a cited source's date, gives the figure, or the entry explains it; otherwise what is wrong. */
function checkFigure(figure: string, entry: Entry, cited: readonly SourceText[], texts: ReadonlyMap<string, SourceText>): string | null {
  if (cited.some((source) => source.figures.has(figure) || source.dateFigures.has(figure)) || entry.derivedFigures?.[figure] !== undefined) return null;
  const elsewhere = [...texts.values()].filter((source) => !entry.sources.includes(source.id) && source.figures.has(figure)).map((source) => source.id);
  const fix = `or, if it is worked out from a source, give the reason under "derived_figures"`;
  if (elsewhere.length > 0) return `the figure "${figure}" is not in its cited sources (${sourceList(entry)}) or their dates, but is in ${elsewhere.join(', ')}: cite that source, ${fix}`;
  return `the figure "${figure}" is in no cited source (${sourceList(entry)}) and not in their dates: correct it, cite the source it comes from, ${fix}`;
}

function isExcused(run: string, exceptions: CopyException[]): boolean {
  const exception = exceptions.find((candidate) => candidate.words.includes(` ${run} `));
  if (exception) exception.used = true;
  return exception !== undefined;
}

/** Each registered source's words and figures (from its part of the capture, and from its date). */
function readSourceTexts(sources: readonly Source[], sourcesDir: string, locate: KnowledgeLocator, issues: KnowledgeIssue[]): Map<string, SourceText> {
  const texts = new Map<string, SourceText>();
  if (!existsSync(sourcesDir) || !statSync(sourcesDir).isDirectory()) {
    issues.push({ file: displayPath(sourcesDir), line: 1, level: 'error', message: 'is not a folder of source documents' });
    return texts;
  }
  for (const source of sources) {
    const problem = (message: string) => issues.push({ ...locate.source(source.id), level: 'error', message: `source "${source.id}": ${message}` });
    const path = join(sourcesDir, source.file);
    if (!existsSync(path)) {
      problem(`its file "${source.file}" is not in ${displayPath(sourcesDir)}`);
      continue;
    }
    let tokens = tokenize(readFileSync(path, 'utf8'));
    if (source.part) {
      const words = tokens.map((token) => token.word);
      const find = (marker: string) => indexOfRun(words, tokenize(marker).map((token) => token.word));
      const { from: fromMarker, until: untilMarker } = source.part;
      const from = find(fromMarker);
      const until = untilMarker === undefined ? tokens.length : find(untilMarker);
      if (from < 0) problem(`"part.from" ("${fromMarker}") is not in ${source.file}`);
      else if (until < 0) problem(`"part.until" ("${untilMarker}") is not in ${source.file}`);
      else if (until <= from) problem(`"part.until" must come after "part.from" in ${source.file}`);
      if (from < 0 || until <= from) continue;
      tokens = tokens.slice(from, until);
    }
    const figures = (list: Token[]) => new Set(figuresIn(list).map(({ figure }) => figure));
    texts.set(source.id, { id: source.id, words: spaced(tokens.map((token) => token.word)), figures: figures(tokens), dateFigures: figures(tokenize(source.date)) });
  }
  return texts;
}

function indexOfRun(words: readonly string[], run: readonly string[]): number {
  if (run.length === 0) return -1;
  for (let i = 0; i + run.length <= words.length; i++) {
    if (run.every((word, offset) => words[i + offset] === word)) return i;
  }
  return -1;
}

/** The copied-run exceptions file, if there is one. */
function readCopyExceptions(dir: string, issues: KnowledgeIssue[]): CopyException[] {
  const path = join(dir, knowledgeLayout.copyExceptions);
  if (!existsSync(path)) return [];
  const located = readYamlFile(path, issues);
  if (!located || located.value == null) return [];
  const parsed = copyExceptionsFileSchema.safeParse(located.value);
  if (!parsed.success) {
    collectZodIssues(displayPath(path), located, parsed.error, issues);
    return [];
  }
  return parsed.data.map((item, index) => ({ words: spaced(tokenize(item.text).map((token) => token.word)), line: located.lineOf([index]), used: false }));
}

/** Knowledge files other than entries (sources.yaml, synonyms.yaml, README.md, …), checked for copied runs. */
function otherKnowledgeFiles(dir: string): string[] {
  const entriesDir = join(dir, knowledgeLayout.entries);
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((item) => {
      const path = join(folder, item.name);
      if (item.isDirectory()) return path === entriesDir ? [] : walk(path);
      return /\.(md|ya?ml|json)$/.test(item.name) ? [path] : [];
    });
  return walk(dir).sort();
}
