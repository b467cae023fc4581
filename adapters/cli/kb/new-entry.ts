import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createAnswerer, knowledgeLayout, readKnowledge } from '../../../src/index.js';
import { knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';
import { UsageError } from '../../shared/exit-codes.js';

const usage = `Usage: npm run kb -- new "Question?" [--id ID] [--knowledge DIR]

Creates knowledge/entries/<id>.md with every front matter field in place and the question as its first
phrasing, and prints where it is. It never overwrites a file. The new file is a draft: until its tags,
sources, owner, two more phrasings and the answer text are filled in, "npm run kb -- check" lists what is
missing and a running bot keeps serving the knowledge it has.`;

/** A kebab-case id from a question: "What is the Right to Provide?" becomes "what-is-the-right-to-provide". */
export function idFromQuestion(question: string, maxLength = 60): string {
  const words = question
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let id = '';
  for (const word of words) {
    const next = id ? `${id}-${word}` : word;
    if (next.length > maxLength && id) break;
    id = next.slice(0, maxLength);
  }
  return id;
}

/** The text of a draft entry. JSON strings are valid YAML, so any question is quoted safely. */
export function draftEntry(id: string, question: string, sourceIds: readonly string[]): string {
  const title = question.trim().replace(/\?+$/, '');
  return [
    '---',
    `id: ${id}`,
    `title: ${JSON.stringify(title)}`,
    '# At least three ways people ask this; the first is the one users are shown.',
    'questions:',
    `  - ${JSON.stringify(question.trim())}`,
    '  # - another way people ask it',
    '  # - a short keyword form, e.g. "right to provide eligibility"',
    '# Words people might use that the text does not, e.g. [rtp, spin out].',
    'tags: []',
    `# Ids from ${knowledgeLayout.sources}${sourceIds.length > 0 ? `: ${sourceIds.join(', ')}` : ''}.`,
    'sources: []',
    '# "As of" is worked out from the dates of the sources. Only when this entry\'s facts date more narrowly,',
    '# add as_of: "the date" with as_of_reason: "why".',
    '# Ids of entries a reader may want next.',
    'related: []',
    '# The team or role that keeps this entry up to date (never a person), e.g. "Policy team".',
    'owner: ""',
    '# Once you have checked the entry against its sources, the date you did (answers show "Checked <date>");',
    '# update it at every review. Left out, the entry counts as never reviewed.',
    '# reviewed: YYYY-MM-DD',
    '---',
    '',
  ].join('\n');
}

export const newCommand: KbCommand = {
  name: 'new',
  summary: 'scaffold a new entry file for a question, and print its path',
  usage,
  run(argv) {
    const { values, positionals } = parseCommandArgs(argv, { id: { type: 'string' }, knowledge: { type: 'string' } }, true);
    const question = positionals.join(' ').trim();
    if (!question) throw new UsageError('Give the question the new entry answers, in quotes.');
    const id = values.id ?? idFromQuestion(question);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new UsageError(`"${id}" is not a usable id: use lowercase words joined by hyphens, with --id`);
    const env = readEnvironment();
    const dir = knowledgeDirOf(env, values.knowledge);
    const report = readKnowledge(dir);
    const path = join(dir, knowledgeLayout.entries, `${id}.md`);
    const shown = relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
    try {
      // "wx" fails when the file exists, so a concurrent edit is never overwritten either.
      writeFileSync(path, draftEntry(id, question, report.knowledge?.sources.map((source) => source.id) ?? []), { flag: 'wx' });
    } catch (error) {
      const code = (error as { code?: string }).code;
      process.stderr.write(
        code === 'EEXIST'
          ? `${shown} already exists: edit it, or pick another id with --id\n`
          : `could not create ${shown} (${error instanceof Error ? error.message : String(error)})\n`,
      );
      return kbExitCodes.problems;
    }
    process.stdout.write(`Created ${shown}\n`);
    if (report.knowledge) {
      const answer = createAnswerer(report.knowledge).ask(question);
      process.stdout.write(
        answer.status === 'answered'
          ? `Today the bot answers this with "${answer.entryId}" (${answer.confidence} confidence): check that entry does not already cover it.\n`
          : 'Today the bot declines this question.\n',
      );
    }
    process.stdout.write('Fill in the phrasings, tags, sources, owner and the answer text below the second "---", then run: npm run kb -- check\n');
    return kbExitCodes.ok;
  },
};
