/**
 * One scaling measurement in its own process, so that one engine's garbage,
 * JIT state or heap limit cannot skew another's figures. Run by bench/harness.ts:
 *   node --import tsx bench/scale-worker.ts <engine> <size> <seed> <budget ms> <knowledge dir> <tuned question set files, as JSON> <question limit>
 * Prints the measurement as one JSON line.
 */
import { loadKnowledge } from '../src/index.js';
import { benchEngines } from './engines/index.js';
import { measureScaleCell, readSplit } from './harness.js';
import { generateKnowledge } from './synthetic.js';

const [engineName, size, seed, budgetMs, knowledgeDir, questionSets, questionLimit] = process.argv.slice(2);
const engine = benchEngines.find((candidate) => candidate.name === engineName);
if (!engine || !knowledgeDir || !questionSets) {
  process.stderr.write(
    `usage: scale-worker.ts <engine: ${benchEngines.map((e) => e.name).join('|')}> <size> <seed> <budget ms> <knowledge dir> <tuned question set files, as JSON> <question limit>\n`,
  );
  process.exit(2);
}
const questions = readSplit(JSON.parse(questionSets) as string[], Number(questionLimit)).cases.map((c) => c.question);
const synthetic = generateKnowledge(loadKnowledge(knowledgeDir), { count: Number(size), seed: Number(seed) });
process.stdout.write(`${JSON.stringify(measureScaleCell(engine, synthetic, questions, Number(budgetMs)))}\n`);
