/**
 * `npm run bench`: quality and speed of rtp-bot against MiniSearch, Lunr,
 * FlexSearch and Orama, how cost grows with the knowledge base, and start-up.
 * Prints the report and writes bench/results.json, bench/results.md and bench/scaling.svg.
 *
 *   npm run bench                 the full run (1k, 10k and 100k entries; several minutes)
 *   npm run bench -- --quick      1k and 10k only, shorter budgets (for trying changes)
 *   npm run bench -- --out DIR    write the results elsewhere
 *   npm run bench -- --report-only   rewrite results.md and the chart from results.json (after changing the report)
 *
 * The report opens with the targets, among them issue 23's speed ratios measured within the one run: a one-shot
 * answer from the compiled CLI against a bare `node -e ""`, `npm start` with Slack over HTTP until ready, and the
 * answer p99 against FlexSearch's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { defaultEvalDir, evalSplitsIn, makeDirectory } from '../src/index.js';
import { repositoryRoot, runBenchmark, type BenchOptions, type BenchResults } from './harness.js';
import { formatReport, writeReport } from './report.js';
import { defaultSyntheticOptions } from './synthetic.js';

const usage = `Usage: npm run bench [-- options]

  (no options)      the full run (1k, 10k and 100k entries; several minutes)
  --quick           1k and 10k only, shorter budgets (for trying changes)
  --out DIR         write results.json, results.md and scaling.svg to DIR (made if missing) instead of bench/
  --report-only     rewrite results.md and the chart from the results.json in --out (after changing the report)
  -h, --help        this text`;

let values: { quick?: boolean; out?: string; 'report-only'?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({ options: { quick: { type: 'boolean' }, out: { type: 'string' }, 'report-only': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
} catch (error) {
  process.stderr.write(`rtp-bot bench: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const quick = values.quick === true;
const options: BenchOptions = {
  knowledgeDir: join(repositoryRoot, 'knowledge'),
  questionSets: {
    tuned: evalSplitsIn(defaultEvalDir)
      .filter((split) => !split.heldOut)
      .flatMap((split) => split.files),
    heldOut: evalSplitsIn(defaultEvalDir)
      .filter((split) => split.heldOut)
      .flatMap((split) => split.files),
  },
  sizes: quick ? [1000, 10_000] : [1000, 10_000, 100_000],
  seed: defaultSyntheticOptions.seed,
  realRounds: quick ? 5 : 20,
  loadRuns: 5,
  scaleBudgetMs: quick ? 3000 : 10_000,
  isolate: true,
  startupSizes: quick ? [10_000] : [100_000],
  startupRuns: quick ? 3 : 5,
  oneShotRuns: quick ? 5 : 10,
  slackStartRuns: quick ? 3 : 5,
  log: (line) => process.stderr.write(`${line}\n`),
};

try {
  const out = values.out ?? fileURLToPath(new URL('.', import.meta.url));
  makeDirectory(out);
  const saved = join(out, 'results.json');
  if (values['report-only'] && !existsSync(saved))
    throw new Error(`--report-only rewrites the report from ${saved}, which is not there: run the benchmark first, or give --out the folder that holds it`);
  const results = values['report-only'] ? (JSON.parse(readFileSync(saved, 'utf8')) as BenchResults) : await runBenchmark(options);
  writeReport(results, out);
  process.stdout.write(`${formatReport(results)}\nWrote ${join(out, 'results.json')}, results.md and scaling.svg.\n`);
} catch (error) {
  process.stderr.write(`rtp-bot bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
