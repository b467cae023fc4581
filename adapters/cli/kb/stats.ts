import { countEntriesPerSource, loadKnowledge, type KnowledgeBase } from '../../../src/index.js';
import { knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';
import { loadQuestionLog, logOptionHelp, type LoadedQuestionLog } from './question-log-file.js';

const usage = `Usage: npm run kb -- stats [--knowledge DIR] [--log DIR|FILE|URL] [--json]

Prints how many entries, sources, question phrasings, tags and synonym groups the knowledge has, for
each source how many entries cite it, and how many questions and ratings the question log holds, from
every process that writes to it.
${logOptionHelp}`;

/** Counts of what a knowledge base holds. */
export interface KnowledgeStats {
  entries: number;
  sources: number;
  phrasings: number;
  tags: number;
  synonymGroups: number;
  /** Per source, in sources.yaml order: how many entries cite it. */
  coverage: { id: string; entries: number }[];
}

export function describeKnowledge(knowledge: KnowledgeBase): KnowledgeStats {
  return {
    entries: knowledge.entries.length,
    sources: knowledge.sources.length,
    phrasings: knowledge.entries.reduce((sum, entry) => sum + entry.questions.length, 0),
    tags: new Set(knowledge.entries.flatMap((entry) => entry.tags.map((tag) => tag.toLowerCase()))).size,
    synonymGroups: knowledge.synonyms.length,
    coverage: countEntriesPerSource(knowledge).map(({ id, entries }) => ({ id, entries })),
  };
}

/** What the question log holds: every line, whichever process (replica, shard, console) wrote it. */
export interface QuestionLogStats {
  path: string;
  questions: number;
  /** 👍 and 👎 ratings. */
  feedback: number;
  /** Lines that are not a record (skipped by `kb gaps` too). */
  corrupt: number;
}

/** Counts the records in a question log; all zero when there is no log yet. */
export function describeQuestionLog({ path, records, corrupt }: LoadedQuestionLog): QuestionLogStats {
  const questions = records.filter((record) => record.type === 'question').length;
  return { path, questions, feedback: records.length - questions, corrupt: corrupt.length };
}

export const statsCommand: KbCommand = {
  name: 'stats',
  summary: 'count entries, sources and phrasings, and how many entries cite each source',
  usage,
  async run(argv) {
    const { values } = parseCommandArgs(argv, { knowledge: { type: 'string' }, log: { type: 'string' }, json: { type: 'boolean' } });
    const env = readEnvironment();
    const stats = describeKnowledge(loadKnowledge(knowledgeDirOf(env, values.knowledge)));
    const log = describeQuestionLog(await loadQuestionLog(values.log));
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...stats, questionLog: log })}\n`);
      return kbExitCodes.ok;
    }
    const width = Math.max(...stats.coverage.map((source) => source.id.length), 0);
    const lines = [
      `entries:         ${stats.entries}`,
      `sources:         ${stats.sources}`,
      `phrasings:       ${stats.phrasings} (${(stats.phrasings / Math.max(stats.entries, 1)).toFixed(1)} per entry)`,
      `distinct tags:   ${stats.tags}`,
      `synonym groups:  ${stats.synonymGroups}`,
      '',
      'entries citing each source:',
      ...stats.coverage.map((source) => `  ${source.id.padEnd(width)}  ${String(source.entries).padStart(3)}${source.entries === 0 ? '  (cited by no entry)' : ''}`),
      '',
      `question log:    ${log.questions} question${log.questions === 1 ? '' : 's'}, ${log.feedback} rating${log.feedback === 1 ? '' : 's'}${log.corrupt > 0 ? `, ${log.corrupt} corrupt line${log.corrupt === 1 ? '' : 's'} skipped` : ''} (${log.path})`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return kbExitCodes.ok;
  },
};
