import { countEntriesPerSource, loadKnowledge, type KnowledgeBase } from '../../../src/index.js';
import { knowledgeDirOf, readEnvironment } from '../../shared/settings.js';
import { kbExitCodes, parseCommandArgs, type KbCommand } from './command.js';

const usage = `Usage: npm run kb -- stats [--knowledge DIR] [--json]

Prints how many entries, sources, question phrasings, tags and synonym groups the knowledge has, and for
each source how many entries cite it.`;

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

export const statsCommand: KbCommand = {
  name: 'stats',
  summary: 'count entries, sources and phrasings, and how many entries cite each source',
  usage,
  run(argv) {
    const { values } = parseCommandArgs(argv, { knowledge: { type: 'string' }, json: { type: 'boolean' } });
    const env = readEnvironment();
    const stats = describeKnowledge(loadKnowledge(knowledgeDirOf(env, values.knowledge)));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(stats)}\n`);
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
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return kbExitCodes.ok;
  },
};
