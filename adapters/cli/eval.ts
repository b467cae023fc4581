import { parseArgs } from 'node:util';
import { createAnswerer, evaluateCases, readQuestionSet, type Answerer, type EvalReport } from '../../src/index.js';
import { defaultKnowledgeDir, defaultQuestionSetPath, describeError, readEnvironment } from '../shared/settings.js';

const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

/** Runs the question set through an answerer. */
export function evaluateAnswerer(answerer: Answerer, questionSetPath: string): EvalReport {
  return evaluateCases(readQuestionSet(questionSetPath), (question) => {
    const answer = answerer.ask(question);
    return { ranked: answerer.rank(question, 10).map((hit) => hit.id), answeredWith: answer.status === 'answered' ? answer.entryId : null };
  });
}

/** Prints a report: the four figures, then every miss. */
export function formatReport(report: EvalReport): string {
  const lines = [
    `questions: ${report.inScope} in scope, ${report.outOfScope} out of scope`,
    `top-1 accuracy: ${percent(report.top1)}`,
    `MRR:            ${report.mrr.toFixed(3)}`,
    `Recall@3:       ${percent(report.recallAt3)}`,
    `decline rate:   ${percent(report.declineRate)} of out-of-scope questions`,
  ];
  if (report.misses.length > 0) {
    lines.push('', `misses (${report.misses.length}):`);
    for (const miss of report.misses) lines.push(`  line ${miss.line}: "${miss.question}"\n      expected ${miss.expected}, got ${miss.got}`);
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: { questions: { type: 'string' }, knowledge: { type: 'string' }, json: { type: 'boolean' } } });
    const env = readEnvironment();
    const answerer = createAnswerer(values.knowledge ?? (env.KNOWLEDGE_DIR || defaultKnowledgeDir));
    const report = evaluateAnswerer(answerer, values.questions ?? defaultQuestionSetPath);
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n`);
    return 3;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
