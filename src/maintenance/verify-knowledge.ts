import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeIssue } from '../errors.js';
import {
  collectZodIssues,
  displayPath,
  knowledgeLayout,
  readKnowledge,
  readSourceDatings,
  readYamlFile,
  splitEntryFile,
  type KnowledgeLocator,
} from '../knowledge/load-knowledge.js';
import { findDateMentions, findFirmEstimates, type CitedDating } from '../knowledge/source-dates.js';
import { copyExceptionsFileSchema } from '../knowledge/schema.js';
import type { Entry, KnowledgeBase, Source } from '../types.js';
import { createAliasRoleChecker } from './alias-roles.js';
import { findQuotes, indexSources, spaced, tokenize, type CopiedRun, type CopyException, type CopyIndex, type TextRange, type Token } from './copied-text.js';

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
  /**
   * Length of a run of words, outside quotation marks, that counts as copied
   * when a source has nearly the same run: the same words with at most
   * `nearCopyEdits` of them swapped, added or dropped.
   * @default 10
   */
  nearCopyRun: number;
  /**
   * Most words swapped, added or dropped (word-level edit distance) for a run
   * of `nearCopyRun` words to count as copied.
   * @default 2
   */
  nearCopyEdits: number;
}

/** The defaults of {@link VerifyOptions}. */
export const defaultVerifyOptions: Readonly<VerifyOptions> = Object.freeze({ minQuoteWords: 3, minCopiedRun: 8, nearCopyRun: 10, nearCopyEdits: 2 });

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
  /** Runs of words a source has too, word for word, outside quotation marks, that no exception covers. */
  copiedRuns: number;
  /** Runs of words a source has with only a word or two swapped, added or dropped, outside quotation marks, that no exception covers. */
  nearCopies: number;
  /** Dates in titles and answers that state a cited source's estimated date as if it were exact. */
  firmEstimates: number;
  /** Aliases that give a role checked against the cited sources. */
  roleAliases: number;
  /** Aliases giving a role no cited source states for anyone the entry names. */
  unsupportedRoles: number;
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

/** The figures in some words: each number written in digits, without leading zeros ("01" is "1"). */
function figuresIn(tokens: readonly Token[]): { figure: string; token: Token }[] {
  return tokens.flatMap((token) => [...token.word.matchAll(/\d+(?:\.\d+)?/g)].map((match) => ({ figure: match[0].replace(/^0+(?=\d)/, ''), token })));
}

/** A piece of an entry or file to check, and how to turn a place in it into a file line. */
interface Segment {
  file: string;
  text: string;
  lineAt(offset: number): number;
  /** Whether quotations and figures in it are checked (the title and the answer text, which users read). */
  factual: boolean;
}

const linesFrom =
  (text: string, firstLine: number) =>
  (offset: number): number =>
    firstLine + (text.slice(0, offset).match(/\n/g)?.length ?? 0);

/** A source document's words: the whole capture, or its part of it. */
interface SourceText {
  id: string;
  /** Its text, as the capture has it (its part of the capture). */
  text: string;
  /** Its words, space-separated, with a space at each end. */
  words: string;
  /** Figures in the text, and in the source's date as readers see it. */
  figures: Set<string>;
  dateFigures: Set<string>;
}

/** A copied-run exception from the exceptions file, and its line. */
interface LocatedException extends CopyException {
  line: number;
}

/**
 * Checks knowledge against the source documents it cites, in `sourcesDir`
 * (never copied into the repository): every quotation of
 * `minQuoteWords` words or more appears word for word in a cited source
 * (ignoring case, punctuation and curly quotes); every figure in a title or
 * answer appears in a cited source, in a cited source's date, or in the
 * entry's `derived_figures` with a reason; no title or answer states the
 * estimated date of an undated cited source as if it were exact; every alias
 * that gives a role gives one a cited source states; and no run of words
 * outside quotation marks, in any knowledge file, repeats a source word for
 * word (`minCopiedRun` words) or nearly so (`nearCopyRun` words with at most
 * `nearCopyEdits` swapped, added or dropped), unless `copy-exceptions.yaml`
 * lists it. Never throws on bad knowledge.
 */
export function verifyKnowledge(dir: string, sourcesDir: string, options: Partial<VerifyOptions> = {}): KnowledgeVerification {
  const settings = { ...defaultVerifyOptions, ...options };
  const counts: VerifyCounts = {
    entries: 0,
    sources: 0,
    quotes: 0,
    figures: 0,
    quoteProblems: 0,
    unexplainedFigures: 0,
    copiedRuns: 0,
    nearCopies: 0,
    firmEstimates: 0,
    roleAliases: 0,
    unsupportedRoles: 0,
  };
  const report = readKnowledge(dir);
  const knowledge = report.knowledge;
  if (!knowledge) return { knowledge, issues: report.issues, counts, ok: false };
  counts.entries = knowledge.entries.length;
  counts.sources = knowledge.sources.length;

  const issues: KnowledgeIssue[] = [];
  const texts = readSourceTexts(knowledge.sources, sourcesDir, report.locate, issues);
  const exceptions = readCopyExceptions(dir, issues);
  const copies = indexSourceTexts(texts, settings);
  const datings = readSourceDatings(dir);
  const citedDatings = new Map(
    knowledge.sources.flatMap((source): [string, CitedDating][] => {
      const dating = datings.get(source.id);
      const text = texts.get(source.id)?.text ?? '';
      return dating ? [[source.id, { id: source.id, dating, textDates: new Set(findDateMentions(text).map((mention) => mention.read.text.toLowerCase())) }]] : [];
    }),
  );
  const roles = createAliasRoleChecker([...texts.values()], knowledge.synonyms);
  const checkCopying = (segment: Segment, quotes: readonly TextRange[]): void => {
    for (const run of copies.findCopiedRuns(segment.text, quotes, exceptions)) {
      if (run.exact) counts.copiedRuns++;
      else counts.nearCopies++;
      issues.push({ file: segment.file, line: segment.lineAt(run.start), level: 'error', message: describeCopiedRun(run, segment.text) });
    }
  };

  for (const entry of knowledge.entries) {
    const cited = entry.sources.flatMap((id) => texts.get(id) ?? []);
    const dated = entry.sources.flatMap((id) => citedDatings.get(id) ?? []);
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
      for (const firm of findFirmEstimates(segment.text, dated)) {
        counts.firmEstimates++;
        problem(
          firm.start,
          `states "${firm.written}", the estimated date of the undated source ${firm.sourceId}, as if it were exact: write it as an estimate ("${firm.estimate}"), or leave the date out`,
        );
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
    (entry.aliases ?? []).forEach((alias, index) => {
      const checked = roles.checkAlias(entry, alias);
      if (!checked) return;
      counts.roleAliases++;
      if (checked.problem === null) return;
      counts.unsupportedRoles++;
      issues.push({ file: entry.file, line: report.locate.entryLine(entry.id, ['aliases', index]), level: 'error', message: `the alias "${alias}" ${checked.problem}` });
    });
  }

  for (const path of otherKnowledgeFiles(knowledge.dir)) {
    const text = readFileSync(path, 'utf8');
    checkCopying({ file: displayPath(path), text, lineAt: linesFrom(text, 1), factual: false }, findQuotes(text).quotes);
  }

  for (const exception of exceptions) {
    if (!exception.used)
      issues.push({
        file: displayPath(join(dir, knowledgeLayout.copyExceptions)),
        line: exception.line,
        level: 'warning',
        message: 'this exception matches no copied run in the knowledge: remove it',
      });
  }

  issues.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { knowledge, issues, counts, ok: !issues.some((issue) => issue.level === 'error') };
}

const indexSourceTexts = (texts: ReadonlyMap<string, SourceText>, settings: VerifyOptions): CopyIndex =>
  indexSources(
    [...texts.values()].map((source) => ({ id: source.id, words: source.words.trim().split(' ') })),
    { exactRun: settings.minCopiedRun, nearRun: settings.nearCopyRun, nearEdits: settings.nearCopyEdits },
  );

/**
 * The source documents a knowledge base registers, read from `sourcesDir` and
 * indexed to find copied runs in new text (a phrasing about to be added) the
 * way {@link verifyKnowledge} does; `null` when the folder is not there.
 */
export function readCopyIndex(knowledge: KnowledgeBase, sourcesDir: string, options: Partial<VerifyOptions> = {}): CopyIndex | null {
  if (!existsSync(sourcesDir) || !statSync(sourcesDir).isDirectory()) return null;
  const noLines: KnowledgeLocator = { entryLine: () => 1, source: () => ({ file: sourcesDir, line: 1 }) };
  return indexSourceTexts(readSourceTexts(knowledge.sources, sourcesDir, noLines, []), { ...defaultVerifyOptions, ...options });
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

/** Warnings for `derived_figures` that are not needed: unused, or given by a cited source after all. */
function checkDerivedFigures(entry: Entry, used: ReadonlySet<string>, cited: readonly SourceText[], locate: KnowledgeLocator): KnowledgeIssue[] {
  return Object.keys(entry.derivedFigures ?? {}).flatMap((figure): KnowledgeIssue[] => {
    const at = { file: entry.file, line: locate.entryLine(entry.id, ['derived_figures', figure]), level: 'warning' as const };
    if (!used.has(figure)) return [{ ...at, message: `"derived_figures" lists "${figure}", which neither the title nor the answer text uses: remove it` }];
    if (cited.some((source) => source.figures.has(figure) || source.dateFigures.has(figure)))
      return [{ ...at, message: `"derived_figures" lists "${figure}", which a cited source already gives: remove it` }];
    return [];
  });
}

/** What is wrong with a copied run and how to fix it. */
function describeCopiedRun(run: CopiedRun, text: string): string {
  const words = `"${snippet(text.slice(run.start, run.end))}"`;
  const fix = `say it in our own words, or quote a person's words briefly; a name with a job title may be listed in ${knowledgeLayout.copyExceptions}`;
  if (run.exact) return `repeats ${run.length} words of ${run.from} outside quotation marks (${words}): ${fix}`;
  return `nearly repeats ${run.length} words of ${run.from} outside quotation marks, with only a word or two swapped, added or dropped (${words}): changing a word or two does not make it ours; ${fix}`;
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
  const pieces = quote
    .split(/\u2026|\.\.\./)
    .map((piece) => tokenize(piece).map((token) => token.word))
    .filter((words) => words.length > 0);
  if (pieces.flat().length < minWords) return null;
  const holds = (source: SourceText) => pieces.every((words) => source.words.includes(spaced(words)));
  if (cited.some(holds)) return true;
  const shown = `"${snippet(quote, 60)}"`;
  const elsewhere = [...texts.values()].filter((source) => !entry.sources.includes(source.id) && holds(source)).map((source) => source.id);
  if (elsewhere.length > 0)
    return `the quotation ${shown} is not in its cited sources (${sourceList(entry)}) but is in ${elsewhere.join(', ')}: cite that source, or quote the one cited`;
  return `the quotation ${shown} is not word for word in any cited source (${sourceList(entry)}): quote the source exactly, or drop the quotation marks and say it in our own words`;
}

/** Null when a cited source, or a cited source's date, gives the figure, or the entry explains it; otherwise what is wrong. */
function checkFigure(figure: string, entry: Entry, cited: readonly SourceText[], texts: ReadonlyMap<string, SourceText>): string | null {
  if (cited.some((source) => source.figures.has(figure) || source.dateFigures.has(figure)) || entry.derivedFigures?.[figure] !== undefined) return null;
  const elsewhere = [...texts.values()].filter((source) => !entry.sources.includes(source.id) && source.figures.has(figure)).map((source) => source.id);
  const fix = `or, if it is worked out from a source, give the reason under "derived_figures"`;
  if (elsewhere.length > 0)
    return `the figure "${figure}" is not in its cited sources (${sourceList(entry)}) or their dates, but is in ${elsewhere.join(', ')}: cite that source, ${fix}`;
  return `the figure "${figure}" is in no cited source (${sourceList(entry)}) and not in their dates: correct it, cite the source it comes from, ${fix}`;
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
    const capture = readFileSync(path, 'utf8');
    let tokens = tokenize(capture);
    if (source.part) {
      const words = tokens.map((token) => token.word);
      const find = (marker: string) =>
        indexOfRun(
          words,
          tokenize(marker).map((token) => token.word),
        );
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
    const text = tokens.length === 0 ? '' : capture.slice(tokens[0]!.start, tokens.at(-1)!.end);
    texts.set(source.id, { id: source.id, text, words: spaced(tokens.map((token) => token.word)), figures: figures(tokens), dateFigures: figures(tokenize(source.date)) });
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
function readCopyExceptions(dir: string, issues: KnowledgeIssue[]): LocatedException[] {
  const path = join(dir, knowledgeLayout.copyExceptions);
  if (!existsSync(path)) return [];
  const located = readYamlFile(path, issues);
  if (!located || located.value == null) return [];
  const parsed = copyExceptionsFileSchema.safeParse(located.value);
  if (!parsed.success) {
    collectZodIssues(displayPath(path), located, parsed.error, issues);
    return [];
  }
  return parsed.data.map((item, index) => ({ words: tokenize(item.text).map((token) => token.word), line: located.lineOf([index]), used: false }));
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
