import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  defaultEvalDir,
  evalSplitsIn,
  looksHeldOut,
  addPhrasings,
  checkKnowledge,
  displayPath,
  createAnswerer,
  formatKnowledgeIssue,
  KnowledgeError,
  readKnowledge,
  readCopyIndex,
  readQuestionSet,
  suggestPhrasings,
  type CopyIndex,
  type EvalCase,
  type HeldBackPhrasing,
  type KnowledgeBase,
  type PhrasingEvidence,
  type PhrasingSuggestion,
  type SuggestionReport,
} from '../../../src/index.js';
import { defaultKnowledgeDir, knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { compareAnswerers, evaluateAnswerer, formatReport, verdictOf } from '../eval.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';
import { UsageError } from '../../shared/exit-codes.js';
import { parseSince } from './gaps.js';
import { loadQuestionLog, logOptionHelp } from './question-log-file.js';
import { sourcesDirOf } from './verify.js';

const usage = `Usage: npm run kb -- suggest [--min N] [--since 30d] [--json] [--log DIR|FILE|URL] [--knowledge DIR]
   or: npm run kb -- suggest --accept ID [ID…] [--questions FILE…]

Reads the question log and proposes new phrasings for entries: questions people asked that they then
confirmed an entry answers, by choosing it from the suggestions or clarification the bot offered, or by
rating 👍 an answer it gave at medium or low confidence. Questions the search reads as the same words are
grouped. Each proposal shows how often it was asked, by how many people (when asker hashing is on), when,
and on which platforms. It needs --min confirmations (default 2; one per person when askers are hashed);
questions with no word the knowledge uses are never proposed. Answers rated 👎 are listed separately as
misunderstood: read them, they are never accepted automatically.

--accept first checks each chosen phrasing against its entry, and refuses them all, changing nothing, when
one fails: what it asks (how much, how many, when, who, where) the answer must give, every person, body
or place it names the answer must mention, and it may not copy a source document (when they are beside
the repository). It then adds the proposals to their entries' "questions:" lists, leaving everything
else in the files as it was, runs the checks (undoing the edit if they fail) and the evaluation
questions before and after (with the repository's knowledge, the tuned split in tests/eval; never the
held-out one). Exits 1 when a phrasing was refused, the edit was undone or an evaluation answer broke.
${logOptionHelp}`;

const day = (time: string): string => time.slice(0, 10);
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function describeEvidence(evidence: PhrasingEvidence): string {
  const how = [evidence.chosen > 0 ? `chosen from suggestions ${evidence.chosen}x` : '', evidence.thumbsUp > 0 ? `👍 on an unsure answer ${evidence.thumbsUp}x` : '']
    .filter(Boolean)
    .join(', ');
  const people = evidence.askers === null ? '' : ` by ${plural(evidence.askers, 'person').replace('persons', 'people')}`;
  const when = day(evidence.first) === day(evidence.last) ? `on ${day(evidence.first)}` : `${day(evidence.first)} to ${day(evidence.last)}`;
  return `${plural(evidence.confirmations, 'confirmation')} (${how}); asked ${plural(evidence.asked, 'time')}${people}, ${when}, on ${evidence.platforms.join(', ')}`;
}

const heldBackReason = (item: HeldBackPhrasing, min: number): string => {
  switch (item.reason) {
    case 'below-threshold':
      return `${plural(item.evidence.confirmations, 'confirmation')}, below the ${min} needed`;
    case 'no-in-scope-words':
      return 'none of its words appears in the knowledge';
    case 'phrasing-of-another-entry':
      return `the search already reads it as a phrasing of ${item.otherEntryId}`;
    case 'unknown-entry':
      return 'that entry no longer exists';
    case 'outvoted':
      return `more people chose ${item.otherEntryId}`;
    case 'disputed':
      return `as many people chose ${item.otherEntryId}`;
  }
};

/** The report for a person: proposals with their evidence, what was held back and why, and the misunderstood answers. */
export function formatSuggestions(report: SuggestionReport): string {
  const lines = [`Proposed phrasings (${report.suggestions.length}; each with at least ${report.minConfirmations} confirmations):`];
  if (report.suggestions.length === 0) lines.push('  none');
  for (const suggestion of report.suggestions) {
    lines.push(`  ${suggestion.id}  ${suggestion.entryId}  + "${suggestion.phrasing}"`, `      ${describeEvidence(suggestion.evidence)}`);
    if (suggestion.evidence.wordings.length > 1)
      lines.push(
        `      also asked as: ${suggestion.evidence.wordings
          .slice(1, 4)
          .map((wording) => `"${wording}"`)
          .join(', ')}`,
      );
    if (suggestion.alsoChosen.length > 0) lines.push(`      also chosen: ${suggestion.alsoChosen.map((other) => `${other.entryId} (${other.confirmations})`).join(', ')}`);
  }
  if (report.suggestions.length > 0)
    lines.push(
      '',
      `Add them with: npm run kb -- suggest --accept ${report.suggestions.map((suggestion) => suggestion.id).join(' ')}`,
      '(or only the ids you agree with; check each reads as a question for that entry)',
    );
  lines.push('', `Held back (${report.heldBack.length}):`);
  if (report.heldBack.length === 0) lines.push('  none');
  for (const item of report.heldBack) lines.push(`  ${item.id}  ${item.entryId}  "${item.phrasing}": ${heldBackReason(item, report.minConfirmations)}`);
  lines.push('', `Misunderstood answers, rated 👎 (${report.misunderstood.length}), for a person to look at; never accepted automatically:`);
  if (report.misunderstood.length === 0) lines.push('  none');
  for (const item of report.misunderstood) {
    const when = day(item.first) === day(item.last) ? day(item.last) : `${day(item.first)} to ${day(item.last)}`;
    lines.push(
      `  ${String(item.count).padStart(4)}x  ${item.entryId ?? '(no entry)'}  ${item.question === null ? '(question no longer in the log)' : `"${item.question}"`}  ${when}, on ${item.platforms.join(', ')}`,
    );
  }
  return lines.join('\n');
}

/** Evaluation questions to run before and after: a label for them and their cases. */
interface QuestionsToRun {
  label: string;
  cases: EvalCase[];
}

/**
 * The evaluation questions to run: the files given, or with the repository's
 * knowledge its tuned split. Never the held-out split: the changed answers are
 * listed with their questions, and held-out questions are never shown.
 */
function questionsFor(dir: string, given: string[] | undefined): QuestionsToRun | null {
  if (given) {
    const heldOut = given.find(looksHeldOut);
    if (heldOut) throw new UsageError(`--questions ${heldOut}: held-out questions are never shown, and accepting lists the questions whose answer changed; give tuned questions`);
    return { label: given.map(displayPath).join(', '), cases: given.flatMap((file) => readQuestionSet(file)) };
  }
  if (resolve(dir) !== defaultKnowledgeDir) return null;
  const files = evalSplitsIn(defaultEvalDir)
    .filter((split) => !split.heldOut)
    .flatMap((split) => split.files)
    .filter((file) => existsSync(file));
  return files.length === 0 ? null : { label: 'the tuned evaluation questions', cases: files.flatMap((file) => readQuestionSet(file)) };
}

/** Adds the chosen proposals to their entry files, checks, and evaluates before and after. */
function acceptSuggestions(dir: string, knowledge: KnowledgeBase, chosen: PhrasingSuggestion[], questions: QuestionsToRun | null, copies: CopyIndex | null): number {
  const out = (...lines: string[]) => process.stdout.write(`${(lines.length > 0 ? lines : ['']).join('\n')}\n`);
  const checkBefore = checkKnowledge(dir);
  const errorsBefore = checkBefore.issues.filter((issue) => issue.level === 'error');
  if (errorsBefore.length > 0) {
    for (const issue of errorsBefore) out(formatKnowledgeIssue(issue, { withLevel: true }));
    out('', 'npm run kb -- check finds errors already: fix them first, then accept. Nothing was changed.');
    return kbExitCodes.problems;
  }
  const before = questions ? evaluateAnswerer(createAnswerer(knowledge), questions.cases) : null;

  let added: ReturnType<typeof addPhrasings>;
  try {
    added = addPhrasings(dir, knowledge, chosen, { copies });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}.\n`);
    return kbExitCodes.problems;
  }
  if (added.refused.length > 0) {
    for (const refused of added.refused) {
      const id = chosen.find((suggestion) => suggestion.entryId === refused.entryId && suggestion.phrasing === refused.phrasing)?.id ?? '';
      for (const reason of refused.reasons) out(`${id}  ${refused.entryId}  "${refused.phrasing}" ${reason}`);
    }
    const passing = chosen.filter((suggestion) => !added.refused.some((refused) => refused.entryId === suggestion.entryId && refused.phrasing === suggestion.phrasing));
    out('', `Refused: ${plural(added.refused.length, 'phrasing')} its entry cannot answer as it stands, so nothing was changed.`);
    if (passing.length > 0) out(`To add the others: npm run kb -- suggest --accept ${passing.map((suggestion) => suggestion.id).join(' ')}`);
    return kbExitCodes.problems;
  }
  const { originals } = added;

  const check = checkKnowledge(dir);
  const after = readKnowledge(dir);
  // Only what the edit brought: problems found before it are not news (lines move, so messages are compared).
  const known = new Set(checkBefore.issues.map((issue) => `${issue.file}\n${issue.message}`));
  const shown = check.issues.filter((issue) => !known.has(`${issue.file}\n${issue.message}`));
  if (!check.ok || !after.knowledge) {
    for (const [file, original] of originals) writeFileSync(file, original);
    for (const issue of shown) out(formatKnowledgeIssue(issue, { withLevel: true }));
    out('', 'The checks failed with these phrasings, so nothing was changed: the files are as they were.');
    return kbExitCodes.problems;
  }
  for (const suggestion of chosen) {
    const entry = after.knowledge.entries.find((item) => item.id === suggestion.entryId);
    const index = entry?.questions.lastIndexOf(suggestion.phrasing) ?? -1;
    out(`Added "${suggestion.phrasing}" to ${entry?.file ?? suggestion.entryId}:${after.locate.entryLine(suggestion.entryId, ['questions', index])}`);
  }
  out('', `Checks passed: no errors${shown.length > 0 ? `; ${plural(shown.length, 'new warning')}:` : ', no new warnings.'}`);
  for (const issue of shown) out(`  ${formatKnowledgeIssue(issue, { withLevel: true })}`);

  if (!questions || !before) {
    out('', 'No evaluation questions to run (give them with --questions).');
    return kbExitCodes.ok;
  }
  const afterReport = evaluateAnswerer(createAnswerer(after.knowledge), questions.cases);
  const changes = compareAnswerers(createAnswerer(knowledge), createAnswerer(after.knowledge), questions.cases);
  out('', `Evaluation (${questions.label}): ${plural(changes.length, 'answer')} changed.`);
  for (const change of changes)
    out(`  ${displayPath(change.file)}:${change.line}: "${change.question}" [${verdictOf(change)}]  ${change.before} -> ${change.after}  (expected ${change.expected})`);
  out('', 'before:', formatReport(before, { misses: false }), '', 'after:', formatReport(afterReport, { misses: false }));
  if (changes.some((change) => verdictOf(change) === 'BROKEN')) {
    out('', 'An evaluation answer broke: look at the change with git diff, and undo it with git checkout -- <file> if it is wrong.');
    return kbExitCodes.problems;
  }
  return kbExitCodes.ok;
}

export const suggestCommand: KbCommand = {
  name: 'suggest',
  summary: 'new phrasings people confirmed, from the question log; --accept adds them',
  usage,
  async run(argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        log: { type: 'string' },
        knowledge: { type: 'string' },
        questions: { type: 'string', multiple: true },
        since: { type: 'string' },
        min: { type: 'string' },
        json: { type: 'boolean' },
        accept: { type: 'boolean' },
      },
      true,
    );
    const min = values.min === undefined ? 2 : Number(values.min);
    if (!Number.isInteger(min) || min < 1) throw new UsageError(`--min must be a whole number above 0 (got "${values.min}")`);
    if (values.accept && positionals.length === 0) throw new UsageError('--accept needs the ids of the proposals to add, as "kb suggest" lists them');
    if (!values.accept && positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}": to add proposals, put --accept before their ids`);
    const since = values.since === undefined ? undefined : parseSince(values.since);
    const env = readEnvironment();
    const dir = knowledgeDirOf(env, values.knowledge);
    const read = readKnowledge(dir);
    if (!read.knowledge) throw new KnowledgeError(read.issues.filter((issue) => issue.level === 'error'));
    const { records } = await loadQuestionLog(values.log);
    const report = suggestPhrasings(records, read.knowledge, { minConfirmations: min, ...(since ? { since } : {}) });

    if (!values.accept) {
      process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatSuggestions(report)}\n`);
      return kbExitCodes.ok;
    }
    const chosen: PhrasingSuggestion[] = [];
    for (const id of new Set(positionals)) {
      const suggestion = report.suggestions.find((item) => item.id === id);
      const held = report.heldBack.find((item) => item.id === id);
      if (suggestion) chosen.push(suggestion);
      else if (held) {
        process.stderr.write(`${id} ("${held.phrasing}" for ${held.entryId}) is held back: ${heldBackReason(held, min)}. Nothing was changed.\n`);
        return kbExitCodes.problems;
      } else {
        throw new UsageError(`no proposal has the id "${id}" (proposed now: ${report.suggestions.map((item) => item.id).join(', ') || 'none'})`);
      }
    }
    const copies = readCopyIndex(read.knowledge, sourcesDirOf(env));
    if (!copies) process.stderr.write(`(No source documents at ${sourcesDirOf(env)}: new phrasings are not checked for copied text.)\n`);
    return acceptSuggestions(dir, read.knowledge, chosen, questionsFor(dir, values.questions), copies);
  },
};
