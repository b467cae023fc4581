import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatKnowledgeIssue, verifyKnowledge, type VerifyCounts } from '../../../src/index.js';
import { knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';

/** The repository root: the folder holding package.json. */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the source documents are by default: `shared/sources` beside the repository, never inside it. */
export const defaultSourcesDir = resolve(repoRoot, '../shared/sources');

/** The sources folder to use: a command-line override, else `SOURCES_DIR`, else {@link defaultSourcesDir}. */
export function sourcesDirOf(env: NodeJS.ProcessEnv, override?: string): string {
  return resolve(override ?? (env.SOURCES_DIR || defaultSourcesDir));
}

const usage = `Usage: npm run kb -- verify [--knowledge DIR] [--sources DIR]

Checks the knowledge against the source documents (default ../shared/sources beside the repository, or
SOURCES_DIR): every quotation of 3 words or more is word for word in a cited source; every figure in a
title or answer is in a cited source, in its date, or under the entry's "derived_figures" with a reason;
no title or answer states the estimated date of an undated source as if it were exact; every alias that
gives a role ("head of the NAO") gives one a cited source states for someone the entry names; no run of
8 words outside quotation marks repeats a source, nor any run of 10 with only one or two words swapped,
added or dropped, except those in copy-exceptions.yaml.
Prints each problem as file:line: level: message. Exits 1 when there are errors. When the sources
folder is absent it says so and exits 0: the source texts are never kept in this repository.`;

const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

function formatCounts(counts: VerifyCounts, errors: number, warnings: number): string {
  return (
    `${plural(counts.entries, 'entry', 'entries')} against ${plural(counts.sources, 'source')}: ` +
    `${plural(counts.quoteProblems, 'quote problem')} (${counts.quotes} checked), ` +
    `${plural(counts.unexplainedFigures, 'unexplained figure')} (${counts.figures} checked), ` +
    `${plural(counts.copiedRuns, 'copied run')}, ${plural(counts.nearCopies, 'near-copy', 'near-copies')}, ` +
    `${plural(counts.firmEstimates, 'estimated date stated as exact', 'estimated dates stated as exact')}, ` +
    `${plural(counts.unsupportedRoles, 'alias role no source states', 'alias roles no source states')} (${counts.roleAliases} checked); ` +
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
  );
}

export const verifyCommand: KbCommand = {
  name: 'verify',
  summary: 'check quotations, figures and copied text against the source documents',
  usage,
  run(argv) {
    const { values } = parseCommandArgs(argv, { knowledge: { type: 'string' }, sources: { type: 'string' } });
    const env = readEnvironment();
    const sourcesDir = sourcesDirOf(env, values.sources);
    if (!existsSync(sourcesDir) || !statSync(sourcesDir).isDirectory()) {
      process.stdout.write(`knowledge verify skipped: there is no sources folder at ${sourcesDir} (set SOURCES_DIR or --sources to check against the source documents)\n`);
      return kbExitCodes.ok;
    }
    const result = verifyKnowledge(knowledgeDirOf(env, values.knowledge), sourcesDir);
    for (const issue of result.issues) process.stdout.write(`${formatKnowledgeIssue(issue, { withLevel: true })}\n`);
    const errors = result.issues.filter((issue) => issue.level === 'error').length;
    const warnings = result.issues.length - errors;
    const gap = result.issues.length > 0 ? '\n' : '';
    if (!result.knowledge) {
      process.stdout.write(`${gap}knowledge verify failed: the knowledge files do not load (${plural(errors, 'error')}); run npm run kb -- check\n`);
      return kbExitCodes.problems;
    }
    process.stdout.write(`${gap}knowledge verify ${result.ok ? 'OK' : 'failed'}: ${formatCounts(result.counts, errors, warnings)}\n`);
    return result.ok ? kbExitCodes.ok : kbExitCodes.problems;
  },
};
