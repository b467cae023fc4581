import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnswerer, expectedIds, loadKnowledge, readQuestionSet, type EvalCase, type KnowledgeBase } from '../src/index.js';
import type { BenchEngine, BuiltEngine, EngineSettings } from './engines/engine.js';
import { benchEngines } from './engines/index.js';
import { measureBuild, msSince, quantile, timeQueries, timeWithinBudget, type LatencyFigures } from './measure.js';
import { measureOneShot, measureSlackStart, type OneShotResult, type SlackStartResult } from './process-starts.js';
import { decide, measureCalibration, measureQuality, pickRules, type CalibrationResult, type DecisionRule, type QualityResult } from './quality.js';
import { defaultSyntheticOptions, generateKnowledge, writeKnowledge } from './synthetic.js';

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** Options of {@link runBenchmark}. */
export interface BenchOptions {
  knowledgeDir: string;
  /**
   * The evaluation's question set files: the tuned split (scored, and its
   * questions timed) and the held-out split (scored only, with the thresholds
   * picked on the tuned split). Files that are not there are skipped.
   */
  questionSets: { tuned: string[]; heldOut: string[] };
  /** Synthetic knowledge base sizes for the scaling runs. */
  sizes: number[];
  /** Seed of the synthetic knowledge bases. */
  seed: number;
  /** Rounds of the whole question set timed per engine on the real knowledge base. */
  realRounds: number;
  /** Times loading and indexing the real knowledge base is repeated per engine (the median is reported). */
  loadRuns: number;
  /** Time allowed for timed questions per engine and size (the question set is cut short when it runs out). */
  scaleBudgetMs: number;
  /** Run each scaling measurement in its own process, so engines cannot skew each other's memory and time. */
  isolate: boolean;
  /** Sizes at which start-up is measured with and without the cache (the real knowledge base always is). */
  startupSizes: number[];
  /** CLI starts timed per case (the slowest cases at most twice). */
  startupRuns: number;
  /** Rounds of a one-shot answer from the compiled CLI beside a bare `node -e ""` (0: not measured). */
  oneShotRuns: number;
  /** Starts of `npm start` with Slack over HTTP, and as many of `node dist/adapters/start.js` (0: not measured). */
  slackStartRuns: number;
  /** Only these questions (for the smoke test); all when unset. */
  questionLimit?: number;
  log: (line: string) => void;
}

/** Speed of one engine on the real knowledge base. */
export interface RealSpeed {
  engine: string;
  settings: EngineSettings;
  /** Median over `loadRuns` runs of loading and validating the knowledge files and indexing them. */
  loadIndexMs: number;
  /** Memory the built index holds (heap plus typed-array buffers), after full garbage collections. */
  heapMb: number;
  /** Answering one question: the engine's own answer call, or a search plus the score threshold. */
  answer: LatencyFigures;
}

/** Cost of one engine at one synthetic size. */
export interface ScaleCell {
  engine: string;
  size: number;
  buildMs: number;
  heapMb: number;
  query: LatencyFigures;
  error?: string;
}

/** Time from starting the CLI process to its first answer. */
export interface StartupResult {
  knowledge: string;
  entries: number;
  cache: 'none' | 'first start (builds the cache)' | 'warm';
  /** Median wall time, in ms, from spawning `node --import tsx adapters/cli/ask.ts --json "…"` to its exit after answering. */
  medianMs: number;
  runs: number[];
}

/** The questions one split was scored on. */
export interface QuestionSetSummary {
  /** Its files, relative to the repository. */
  files: string[];
  /** Its files that were not there, so were skipped. */
  missing: string[];
  inScope: number;
  outOfScope: number;
  vague: number;
}

/** Everything one benchmark run measured. */
export interface BenchResults {
  machine: { node: string; cpus: number; cpuModel: string; memoryGb: number; platform: string; date: string; loadAverageAtStart: number[] };
  /** The tuned split, which `quality` is scored on. */
  questionSet: QuestionSetSummary;
  synthetic: { seed: number; newWordRate: number; sizes: number[]; meanEntryChars: { real: number; synthetic: number } };
  quality: QualityResult[];
  /** The held-out split, scored with the rules picked on the tuned split; no quality rows when it has no file. */
  heldOut: { questionSet: QuestionSetSummary; quality: QualityResult[] };
  /** How well rtp-bot's probabilities and confidence words hold: on the tuned split (cross-validated) and on the held-out split. */
  calibration?: CalibrationResult;
  realSpeed: RealSpeed[];
  scaling: ScaleCell[];
  startup: StartupResult[];
  /** A one-shot answer from the compiled CLI against a bare Node start; absent in results from before it was measured. */
  oneShot?: OneShotResult;
  /** `npm start` with Slack over HTTP until it is ready; absent in results from before it was measured. */
  slackStart?: SlackStartResult;
  durationS: number;
}

/** The first `limit` in-scope and first `limit` other (out-of-scope or vague) questions, or all of them when `limit` is 0 or unset. */
export function selectCases(cases: readonly EvalCase[], limit = 0): EvalCase[] {
  if (!(limit > 0)) return [...cases];
  return [...cases.filter((c) => expectedIds(c) !== null).slice(0, limit), ...cases.filter((c) => expectedIds(c) === null).slice(0, limit)];
}

/** Reads the files of a split that are there; the summary names the ones that are not. */
export function readSplit(paths: readonly string[], limit = 0): { cases: EvalCase[]; summary: QuestionSetSummary } {
  const files = paths.filter((path) => existsSync(path));
  const cases = selectCases(files.flatMap(readQuestionSet), limit);
  const shown = (path: string): string => relative(repositoryRoot, path);
  return {
    cases,
    summary: {
      files: files.map(shown),
      missing: paths.filter((path) => !files.includes(path)).map(shown),
      inScope: cases.filter((c) => expectedIds(c) !== null).length,
      outOfScope: cases.filter((c) => c.expect === 'decline').length,
      vague: cases.filter((c) => c.expect === 'vague').length,
    },
  };
}

const settingsList: EngineSettings[] = [{ fuzzy: false }, { fuzzy: true }];

/** Engines with their own typo tolerance always use it: they run once, whatever the settings. */
const settingsFor = (engine: BenchEngine): EngineSettings[] => (engine.hasConfidenceRule ? [{ fuzzy: true }] : settingsList);

const loadAverage = async (): Promise<number[]> => (await import('node:os')).loadavg().map((value) => Math.round(value * 100) / 100);

/** The answer function timed for an engine: its own, or its search plus the threshold chosen for it. */
function answerFunction(built: BuiltEngine, rule: DecisionRule): (question: string) => string | null {
  return (question) => decide(built, rule, question);
}

function measureRealSpeed(engine: BenchEngine, settings: EngineSettings, knowledge: KnowledgeBase, options: BenchOptions, questions: string[], rule: DecisionRule): RealSpeed {
  const loads: number[] = [];
  for (let run = 0; run < options.loadRuns; run++) {
    const start = process.hrtime.bigint();
    engine.build(loadKnowledge(options.knowledgeDir), settings);
    loads.push(msSince(start));
  }
  loads.sort((a, b) => a - b);
  const { value: built, heapMb } = measureBuild(() => engine.build(knowledge, settings));
  const answer = timeQueries(answerFunction(built, rule), questions, options.realRounds, 2);
  return { engine: engine.name, settings, loadIndexMs: quantile(loads, 0.5), heapMb, answer };
}

/** Builds one engine over one synthetic knowledge base and times questions against it, with typo tolerance on. */
export function measureScaleCell(engine: BenchEngine, synthetic: KnowledgeBase, questions: readonly string[], budgetMs: number): ScaleCell {
  const { value: built, buildMs, heapMb } = measureBuild(() => engine.build(synthetic, { fuzzy: true }));
  const run = built.answer ? (question: string) => built.answer!(question) : (question: string) => built.query(question);
  const query = timeWithinBudget(run, questions, budgetMs);
  return { engine: engine.name, size: synthetic.entries.length, buildMs, heapMb, query };
}

/** Runs a command and resolves with its wall time and output. */
function runProcess(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ms: msSince(start), code, stdout, stderr });
    });
  });
}

/** Measures one scaling cell in a fresh Node process (see bench/scale-worker.ts). */
async function measureScaleCellIsolated(engine: BenchEngine, size: number, options: BenchOptions): Promise<ScaleCell> {
  const args = [
    '--max-old-space-size=8192',
    '--import',
    'tsx',
    join(repositoryRoot, 'bench', 'scale-worker.ts'),
    engine.name,
    String(size),
    String(options.seed),
    String(options.scaleBudgetMs),
    options.knowledgeDir,
    JSON.stringify(options.questionSets.tuned),
    String(options.questionLimit ?? 0),
  ];
  const { code, stdout, stderr } = await runProcess(args, process.env, 20 * 60_000);
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    if (code !== 0) throw new Error(`exit code ${code}`);
    return JSON.parse(line) as ScaleCell;
  } catch (error) {
    const reason = `${error instanceof Error ? error.message : String(error)}: ${stderr.trim().split('\n').slice(-2).join(' ')}`.slice(0, 300);
    return { engine: engine.name, size, buildMs: NaN, heapMb: NaN, query: { median: NaN, p99: NaN, cpuMedian: NaN, cpuP99: NaN, samples: 0 }, error: reason };
  }
}

/** Times CLI starts: one process per run, answering one question. */
async function measureStartup(label: string, entries: number, knowledgeDir: string, cacheDir: string | null, runs: number, work: string): Promise<StartupResult[]> {
  const args = ['--import', 'tsx', join(repositoryRoot, 'adapters', 'cli', 'ask.ts'), '--json', 'What is the Right to Provide?'];
  // The CLI may record questions in DATA_DIR: keep the benchmark's out of the repository's data/.
  const env = { ...process.env, KNOWLEDGE_DIR: knowledgeDir, KNOWLEDGE_CACHE_DIR: cacheDir ?? 'off', DATA_DIR: join(work, 'data') };
  const time = async (count: number): Promise<number[]> => {
    const times: number[] = [];
    for (let run = 0; run < count; run++) {
      const result = await runProcess(args, env, 15 * 60_000);
      if (result.code !== 0 && result.code !== 1) throw new Error(`the CLI failed (exit ${result.code}): ${result.stderr.slice(0, 300)}`);
      times.push(Math.round(result.ms));
    }
    return times;
  };
  const result = (cache: StartupResult['cache'], times: number[]): StartupResult => ({
    knowledge: label,
    entries,
    cache,
    medianMs: quantile(
      [...times].sort((a, b) => a - b),
      0.5,
    ),
    runs: times,
  });
  if (!cacheDir) return [result('none', await time(runs))];
  rmSync(cacheDir, { recursive: true, force: true });
  const first = await time(1);
  return [result('first start (builds the cache)', first), result('warm', await time(runs))];
}

/** Runs the whole benchmark: quality, speed on the real knowledge base, scaling and start-up. */
export async function runBenchmark(options: BenchOptions): Promise<BenchResults> {
  const started = process.hrtime.bigint();
  const { log } = options;
  const machine = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAverageAtStart: await loadAverage(),
  };
  const knowledge = loadKnowledge(options.knowledgeDir);
  const tuned = readSplit(options.questionSets.tuned, options.questionLimit);
  const heldOut = readSplit(options.questionSets.heldOut, options.questionLimit);
  const { cases } = tuned;
  const questions = cases.map((testCase) => testCase.question);

  log(`1. Quality on the evaluation questions: tuned split (${tuned.summary.files.join(', ')}), held-out split (${heldOut.summary.files.join(', ') || 'no file'})`);
  const quality: QualityResult[] = [];
  const heldOutQuality: QualityResult[] = [];
  const realSpeed: RealSpeed[] = [];
  const ownDeclineRate = (() => {
    const own = benchEngines.find((engine) => engine.hasConfidenceRule);
    if (!own) return 1;
    const built = own.build(knowledge, { fuzzy: true });
    return measureQuality(own, built, cases, { fuzzy: true }, pickRules(own, built, cases))[0]!.report.declineRate;
  })();
  for (const engine of benchEngines) {
    for (const settings of settingsFor(engine)) {
      const built = engine.build(knowledge, settings);
      // Thresholds are picked on the tuned split only; the held-out split is scored with the same ones.
      const rules = pickRules(engine, built, cases, ownDeclineRate);
      const results = measureQuality(engine, built, cases, settings, rules);
      quality.push(...results);
      if (heldOut.cases.length > 0) heldOutQuality.push(...measureQuality(engine, built, heldOut.cases, settings, rules));
      log(`   ${engine.name}${settings.fuzzy && !engine.hasConfidenceRule ? ' +typos' : ''}: top-1 ${results.map((r) => (r.report.top1 * 100).toFixed(1)).join(' / ')}%`);
      // Speed is measured with the decision rule the quality table reports first (the engine's own, or its best threshold).
      realSpeed.push(measureRealSpeed(engine, settings, knowledge, options, questions, results[0]!.rule));
    }
  }
  const calibration = measureCalibration(createAnswerer(knowledge), heldOut.cases);
  log(`   calibration on the held-out split: ${calibration.heldOut.byConfidence.map((row) => `${row.confidence} ${row.right}/${row.answered} right`).join(', ')}`);
  log('2. Speed on the real knowledge base: done');

  log('3. Scaling');
  const scaling: ScaleCell[] = [];
  for (const size of options.sizes) {
    const synthetic = options.isolate ? null : generateKnowledge(knowledge, { count: size, seed: options.seed });
    for (const engine of benchEngines) {
      const cell = synthetic ? measureScaleCell(engine, synthetic, questions, options.scaleBudgetMs) : await measureScaleCellIsolated(engine, size, options);
      scaling.push(cell);
      log(
        `   ${size} entries, ${engine.name}: ${cell.error ? `failed (${cell.error})` : `build ${Math.round(cell.buildMs)} ms, heap ${Math.round(cell.heapMb)} MB, query median ${cell.query.median.toFixed(2)} ms, p99 ${cell.query.p99.toFixed(2)} ms (${cell.query.samples} timed)`}`,
      );
    }
  }

  log('4. Start-up of the CLI');
  const startup: StartupResult[] = [];
  let oneShot: OneShotResult | undefined;
  let slackStart: SlackStartResult | undefined;
  const work = mkdtempSync(join(tmpdir(), 'rtp-bot-bench-'));
  try {
    startup.push(...(await measureStartup('real', knowledge.entries.length, options.knowledgeDir, null, options.startupRuns, work)));
    startup.push(...(await measureStartup('real', knowledge.entries.length, options.knowledgeDir, join(work, 'cache-real'), options.startupRuns, work)));
    for (const size of options.startupSizes) {
      // Writing 100k files takes a while, and they depend only on the real knowledge and the seed: reuse them between runs.
      const realHash = createHash('sha256')
        .update(JSON.stringify([knowledge.entries, knowledge.synonyms]))
        .digest('hex')
        .slice(0, 12);
      const dir = join(tmpdir(), `rtp-bot-bench-knowledge-${size}-${options.seed}-${realHash}`);
      if (!existsSync(join(dir, '.complete'))) {
        rmSync(dir, { recursive: true, force: true });
        writeKnowledge(generateKnowledge(knowledge, { count: size, seed: options.seed }), dir, options.knowledgeDir);
        writeFileSync(join(dir, '.complete'), '');
      }
      const runs = size >= 50_000 ? Math.min(2, options.startupRuns) : options.startupRuns;
      startup.push(...(await measureStartup(`synthetic ${size}`, size, dir, null, size >= 50_000 ? 1 : runs, work)));
      startup.push(...(await measureStartup(`synthetic ${size}`, size, dir, join(work, `cache-${size}`), runs, work)));
      log(
        `   ${size} entries: ${startup
          .slice(-3)
          .map((s) => `${s.cache} ${s.medianMs} ms`)
          .join(', ')}`,
      );
    }
    log('5. One-shot answer and Slack start-up, from the compiled dist/');
    if (options.oneShotRuns > 0) {
      oneShot = await measureOneShot(repositoryRoot, options.knowledgeDir, options.oneShotRuns, work);
      log(
        `   one-shot answer: first start ${Math.round(oneShot.firstMs)} ms, warm median ${Math.round(oneShot.warmMedianMs)} ms, bare node ${Math.round(oneShot.bareMedianMs)} ms (${oneShot.ratio.toFixed(2)}×)`,
      );
    }
    if (options.slackStartRuns > 0) {
      slackStart = await measureSlackStart(repositoryRoot, options.knowledgeDir, options.slackStartRuns, work);
      log(
        `   Slack over HTTP, ready: npm start ${Math.round(slackStart.npmMedianMs)} ms (first ${Math.round(slackStart.npmFirstMs)} ms), node dist/adapters/start.js ${Math.round(slackStart.nodeMedianMs)} ms`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const sample = generateKnowledge(knowledge, { count: 500, seed: options.seed });
  const meanChars = (base: KnowledgeBase): number =>
    Math.round(base.entries.reduce((sum, entry) => sum + JSON.stringify([entry.title, entry.questions, entry.tags, entry.body]).length, 0) / base.entries.length);
  return {
    machine,
    questionSet: tuned.summary,
    synthetic: {
      seed: options.seed,
      newWordRate: defaultSyntheticOptions.newWordRate,
      sizes: options.sizes,
      meanEntryChars: { real: meanChars(knowledge), synthetic: meanChars(sample) },
    },
    quality,
    heldOut: { questionSet: heldOut.summary, quality: heldOutQuality },
    calibration,
    realSpeed,
    scaling,
    startup,
    ...(oneShot ? { oneShot } : {}),
    ...(slackStart ? { slackStart } : {}),
    durationS: Math.round(msSince(started) / 1000),
  };
}
