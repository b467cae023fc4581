import { join } from 'node:path';
import { createAnswerer, type Answerer } from '../engine/create-answerer.js';
import type { KnowledgeIssue } from '../errors.js';
import { createTextProcessor } from '../text/create-text-processor.js';
import type { Entry, KnowledgeBase } from '../types.js';
import { displayPath, knowledgeLayout, readKnowledge, type KnowledgeLocator } from '../knowledge/load-knowledge.js';
import { createPhrasingChecker } from './answerable-phrasings.js';
import { isoDay, reviewEntries } from './review-entries.js';

/** Options for {@link lintKnowledge}. */
export interface LintOptions {
  /**
   * Longest answer, in characters, that every platform shows in one piece: the
   * answer text with its "As of …:" lead. A Slack section holds 3000
   * characters and a Discord embed description 4096, so the shorter one counts.
   * @default 3000
   */
  maxAnswerLength: number;
  /** The answerer to test reachability with. Default: one built from the knowledge. */
  answerer?: Answerer;
  /** Where values came from (from {@link readKnowledge}). Default: line 1 of each file. */
  locate?: KnowledgeLocator;
  /**
   * The day overdue reviews are judged by.
   * @default today
   */
  today?: Date;
}

/** The defaults of {@link LintOptions}. */
export const defaultLintOptions: Readonly<LintOptions> = Object.freeze({ maxAnswerLength: 3000 });

const byPlace = (a: KnowledgeIssue, b: KnowledgeIssue): number => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1);

const sameTerms = (a: readonly string[], b: readonly string[]): boolean => a.length > 0 && a.length === b.length && a.every((term) => b.includes(term));

/**
 * Checks valid knowledge for problems the schema cannot see: missing
 * citations, an "As of" overridden without a reason, answers too long for one
 * message, self-references, phrasings that belong to another entry, phrasings
 * and aliases the answer text cannot answer (see {@link createPhrasingChecker}),
 * entries no phrasing of their own reaches, sources nobody cites, and entries
 * due for review. Errors mean users would get a wrong or broken answer; warnings
 * deserve a look. Never throws.
 */
export function lintKnowledge(knowledge: KnowledgeBase, options: Partial<LintOptions> = {}): KnowledgeIssue[] {
  const { maxAnswerLength, answerer = createAnswerer(knowledge), locate, today = new Date() } = { ...defaultLintOptions, ...options };
  const issues: KnowledgeIssue[] = [];
  const at = (entry: Entry, path: readonly PropertyKey[] | 'body'): { file: string; line: number } => ({
    file: entry.file,
    line: locate?.entryLine(entry.id, path) ?? 1,
  });
  const text = createTextProcessor(knowledge.synonyms);
  const phrasingChecker = createPhrasingChecker(knowledge);

  // The terms of every phrasing, to find phrasings that are another entry's question in other words.
  const phrasings = knowledge.entries.flatMap((entry) => entry.questions.map((question, index) => ({ entry, question, index, terms: text.termsOf(question) })));

  for (const entry of knowledge.entries) {
    if (entry.sources.length === 0) {
      issues.push({ ...at(entry, ['sources']), level: 'error', message: `"sources" is empty: every entry must cite at least one source id from ${knowledgeLayout.sources}` });
    }

    if (entry.asOfOverride && entry.asOfOverride.reason === null) {
      issues.push({
        ...at(entry, ['as_of']),
        level: 'error',
        message: `"as_of" says "${entry.asOf}" where the dates of its sources give "${entry.asOfOverride.derived}": remove it to use theirs, or say in "as_of_reason" why this entry's facts date more narrowly`,
      });
    }

    const answerLength = `As of ${entry.asOf}: ${entry.body}`.length;
    if (answerLength > maxAnswerLength) {
      issues.push({
        ...at(entry, 'body'),
        level: 'error',
        message: `the answer is ${answerLength} characters with its "As of" lead; one Slack section or Discord embed shows at most ${maxAnswerLength}: shorten it or split it into two entries`,
      });
    }

    entry.related.forEach((id, index) => {
      if (id === entry.id) issues.push({ ...at(entry, ['related', index]), level: 'error', message: `"related" points at the entry itself ("${id}"): remove it` });
    });

    let reachable = false;
    for (const { question, index, terms } of phrasings.filter((item) => item.entry === entry)) {
      // Reported on both entries, each naming the other: the one being edited may be either.
      const twin = phrasings.find((other) => other.entry !== entry && sameTerms(other.terms, terms));
      if (twin) {
        issues.push({
          ...at(entry, ['questions', index]),
          level: 'error',
          message: `"${question}" is really "${twin.question}", a question of "${twin.entry.id}" (${twin.entry.file}:${locate?.entryLine(twin.entry.id, ['questions', twin.index]) ?? 1}): the search sees the same words, so reword one or keep it in one entry`,
        });
      }
      const top = answerer.rankEntries(question, 1)[0];
      if (top?.id === entry.id) reachable = true;
      else if (top && !twin)
        issues.push({
          ...at(entry, ['questions', index]),
          level: 'warning',
          message: `"${question}" finds "${top.id}" first, not this entry: reword it, or add words that set this entry apart`,
        });
    }
    for (const field of ['questions', 'aliases'] as const) {
      (field === 'questions' ? entry.questions : (entry.aliases ?? [])).forEach((phrasing, index) => {
        for (const problem of phrasingChecker.problemsOf(entry, phrasing, field))
          issues.push({ ...at(entry, [field, index]), level: 'error', message: `"${phrasing}" ${problem}` });
      });
    }
    if (!reachable) {
      issues.push({
        ...at(entry, ['questions']),
        level: 'error',
        message: `unreachable entry: none of its own questions finds "${entry.id}" as the top match, so users will not either`,
      });
    }
  }

  const cited = new Set(knowledge.entries.flatMap((entry) => entry.sources));
  for (const source of knowledge.sources) {
    if (!cited.has(source.id)) {
      const where = locate?.source(source.id) ?? { file: displayPath(join(knowledge.dir, knowledgeLayout.sources)), line: 1 };
      issues.push({ ...where, level: 'warning', message: `source "${source.id}" is cited by no entry: cite it or remove it` });
    }
  }

  issues.push(...reviewIssues(knowledge, today, locate));
  return issues.sort(byPlace);
}

/** A warning for each entry due for review, and for a review date in the future. */
function reviewIssues(knowledge: KnowledgeBase, today: Date, locate: KnowledgeLocator | undefined): KnowledgeIssue[] {
  const todayText = isoDay(today);
  return reviewEntries(knowledge, { today, locate }).flatMap((review): KnowledgeIssue[] => {
    const where = { file: review.file, line: review.line, level: 'warning' as const };
    const owner = review.owner ? `; owner: ${review.owner}` : '; no "owner" named';
    if (review.reviewed === null) {
      return [{ ...where, message: `never reviewed${owner}: check it against its sources, then add "reviewed: ${todayText}" (the date you checked it)` }];
    }
    if (review.reviewed > todayText) {
      return [{ ...where, message: `"reviewed" is in the future (${review.reviewed}): set it to the date the entry was checked` }];
    }
    if (!review.overdue) return [];
    return [
      {
        ...where,
        message: `due for review since ${review.due} (reviewed ${review.reviewed}, every ${review.everyDays} days${owner}): check it against its sources and set "reviewed" to the date you did`,
      },
    ];
  });
}

/** What {@link checkKnowledge} found. */
export interface KnowledgeCheck {
  /** The knowledge, when it loads (even with lint problems). */
  knowledge: KnowledgeBase | null;
  /** Schema problems, or when there are none, lint problems; sorted by file and line. */
  issues: KnowledgeIssue[];
  /** True when no issue is an error. */
  ok: boolean;
}

/**
 * Validates a knowledge folder completely: the loader's schema checks, then,
 * when those pass, {@link lintKnowledge}. Never throws on bad knowledge.
 */
export function checkKnowledge(dir: string, options: Partial<Omit<LintOptions, 'locate'>> = {}): KnowledgeCheck {
  const report = readKnowledge(dir);
  const issues = report.knowledge ? [...report.issues, ...lintKnowledge(report.knowledge, { ...options, locate: report.locate })].sort(byPlace) : report.issues;
  return { knowledge: report.knowledge, issues, ok: !issues.some((issue) => issue.level === 'error') };
}
