import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  defaultEvalDir,
  evalSplitsIn,
  checkKnowledge,
  findUnknownEntries,
  formatKnowledgeIssue,
  KnowledgeError,
  readQuestionSet,
  type KnowledgeIssue,
} from '../../../src/index.js';
import { defaultKnowledgeDir, knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { paletteFor } from '../colour.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';

const usage = `Usage: npm run kb -- check [--knowledge DIR] [--questions FILE]

Validates the knowledge files (every schema rule), then lints them: entries with no sources, answers
too long for one Slack or Discord message, "related" pointing at the entry itself, a phrasing that is
really another entry's question, a phrasing asking how much, how many, when, who or where that the answer
does not answer, a phrasing or alias naming someone or something the answer never mentions, entries none
of their own phrasings reach, sources no entry cites.
With the repository's knowledge it also checks that the evaluation question sets (tests/eval) name real entries.
Prints each problem as file:line: level: message. Exits 1 when there are errors, 0 with warnings only.`;

/** Problems in the evaluation question set: unreadable items, and expected entries that do not exist. */
function checkQuestionSet(path: string, entryIds: ReadonlySet<string>): KnowledgeIssue[] {
  try {
    return findUnknownEntries(readQuestionSet(path), entryIds);
  } catch (error) {
    if (error instanceof KnowledgeError) return error.issues;
    throw error;
  }
}

export const checkCommand: KbCommand = {
  name: 'check',
  summary: 'validate and lint the knowledge files (file:line: level: message)',
  usage,
  run(argv) {
    const { values } = parseCommandArgs(argv, { knowledge: { type: 'string' }, questions: { type: 'string' } });
    const env = readEnvironment();
    const dir = knowledgeDirOf(env, values.knowledge);
    const result = checkKnowledge(dir);
    const questionSets = values.questions
      ? [values.questions]
      : resolve(dir) === defaultKnowledgeDir
        ? evalSplitsIn(defaultEvalDir)
            .flatMap((split) => split.files)
            .filter((path) => existsSync(path))
        : [];
    const issues = [...result.issues];
    const { knowledge: checked } = result;
    if (checked) for (const path of questionSets) issues.push(...checkQuestionSet(path, new Set(checked.entries.map((entry) => entry.id))));

    const palette = paletteFor(process.stdout);
    for (const issue of issues) process.stdout.write(`${palette[issue.level === 'error' ? 'red' : 'yellow'](formatKnowledgeIssue(issue, { withLevel: true }))}\n`);
    const errors = issues.filter((issue) => issue.level === 'error').length;
    const warnings = issues.length - errors;
    const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    if (errors > 0) {
      process.stdout.write(`\n${palette.red('knowledge check failed')}: ${counts}${result.knowledge ? '' : ' (lint checks run once these are fixed)'}\n`);
      return kbExitCodes.problems;
    }
    const knowledge = result.knowledge!;
    process.stdout.write(`${issues.length > 0 ? '\n' : ''}${palette.green('knowledge OK')}: ${knowledge.entries.length} entries, ${knowledge.sources.length} sources; ${counts}\n`);
    return kbExitCodes.ok;
  },
};
