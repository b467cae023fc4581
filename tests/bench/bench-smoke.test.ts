import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchEngines } from '../../bench/engines/index.js';
import { repositoryRoot, runBenchmark, type BenchResults } from '../../bench/harness.js';
import { writeReport } from '../../bench/report.js';
import { runScript } from '../support/processes.js';

// The benchmark at one tiny size with a few questions: it must run and produce
// well-formed figures for every engine. Timings are never asserted.
const out = mkdtempSync(join(tmpdir(), 'rtp-bot-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const finite = (value: number): boolean => Number.isFinite(value) && value >= 0;
const rate = (value: number): boolean => value >= 0 && value <= 1;

describe('npm run bench (smoke)', () => {
  let results: BenchResults;

  it('runs every part at one tiny size', async () => {
    results = await runBenchmark({
      knowledgeDir: join(repositoryRoot, 'knowledge'),
      questionSets: {
        tuned: [join(repositoryRoot, 'tests', 'eval', 'questions.yaml'), join(out, 'no-such-file.yaml')],
        heldOut: [join(repositoryRoot, 'tests', 'fixtures', 'bench-held-out.yaml')],
      },
      sizes: [150],
      seed: 7,
      realRounds: 1,
      loadRuns: 1,
      scaleBudgetMs: 50,
      isolate: false,
      startupSizes: [],
      startupRuns: 1,
      oneShotRuns: 1,
      slackStartRuns: 1,
      questionLimit: 4,
      log: () => {},
    });
    expect(results.questionSet).toEqual({ files: ['tests/eval/questions.yaml'], missing: [expect.stringMatching(/no-such-file\.yaml$/)], inScope: 4, outOfScope: 4, vague: 0 });
    expect(results.heldOut.questionSet).toEqual({ files: ['tests/fixtures/bench-held-out.yaml'], missing: [], inScope: 3, outOfScope: 1, vague: 1 });
  }, 120_000);

  it('reports quality for every engine on both splits, with a decision rule and rates between 0 and 1', () => {
    for (const [split, quality, total] of [
      ['tuned', results.quality, 8],
      ['held-out', results.heldOut.quality, 5],
    ] as const) {
      for (const engine of benchEngines) {
        const rows = quality.filter((row) => row.engine === engine.name);
        expect(rows.length, `${split} ${engine.name}`).toBeGreaterThan(0);
        for (const row of rows) {
          expect([row.report.top1, row.report.mrr, row.report.recallAt3, row.report.declineRate, row.oneClick].every(rate)).toBe(true);
          expect(row.report.inScope + row.report.outOfScope + row.report.vague).toBe(total);
          expect(row.rule.kind).toBe(engine.hasConfidenceRule ? 'own' : 'threshold');
          expect(row.configuration.length).toBeGreaterThan(0);
        }
      }
    }
    // The held-out split is scored with the rules picked on the tuned split.
    expect(results.heldOut.quality.map((row) => row.rule)).toEqual(results.quality.map((row) => row.rule));
  });

  it('adds "answered or one click away": never below top-1, and for a peer the right entry in its top 3 when it does not answer', () => {
    for (const row of [...results.quality, ...results.heldOut.quality]) expect(row.oneClick).toBeGreaterThanOrEqual(row.report.top1);
    // A peer that never answers (threshold infinity) offers its top 3 for every question: its figure is then its Recall@3.
    const silent = results.quality.find((row) => row.rule.kind === 'threshold' && row.rule.threshold === Infinity);
    if (silent) expect(silent.oneClick).toBeCloseTo(silent.report.recallAt3);
    const own = results.quality.find((row) => row.rule.kind === 'own')!;
    expect(own.oneClick).toBeCloseTo(own.report.answeredOrOneClick);
  });

  it('reports speed on the real knowledge base and at the synthetic size for every engine', () => {
    for (const engine of benchEngines) {
      const speeds = results.realSpeed.filter((row) => row.engine === engine.name);
      expect(speeds.length).toBeGreaterThan(0);
      for (const speed of speeds) {
        expect(Number.isFinite(speed.heapMb)).toBe(true);
        expect([speed.loadIndexMs, speed.answer.median, speed.answer.p99, speed.answer.cpuMedian, speed.answer.cpuP99].every(finite)).toBe(true);
        expect(speed.answer.samples).toBe(8);
        expect(speed.answer.p99).toBeGreaterThanOrEqual(speed.answer.median);
      }
      const cell = results.scaling.find((row) => row.engine === engine.name && row.size === 150);
      expect(cell?.error).toBeUndefined();
      expect([cell!.buildMs, cell!.query.median, cell!.query.p99].every(finite)).toBe(true);
      expect(Number.isFinite(cell!.heapMb)).toBe(true);
      expect(cell!.query.samples).toBeGreaterThan(0);
    }
  });

  it('times the CLI starting and answering, without and with the cache', () => {
    expect(results.startup.map((row) => row.cache)).toEqual(['none', 'first start (builds the cache)', 'warm']);
    for (const row of results.startup) {
      expect(row.entries).toBeGreaterThan(10);
      expect(row.runs).toHaveLength(1);
      expect(row.medianMs).toBeGreaterThan(0);
    }
  });

  it('times a one-shot answer from the compiled CLI beside a bare node start, and npm start with Slack over HTTP until it is ready', () => {
    const { oneShot, slackStart } = results;
    expect(oneShot?.command).toBe('node dist/adapters/cli/ask.js "What is the Right to Provide?"');
    expect(oneShot?.warmMs).toHaveLength(1);
    expect(oneShot?.bareMs).toHaveLength(1);
    expect([oneShot!.firstMs, oneShot!.warmMedianMs, oneShot!.bareMedianMs].every((value) => value > 0)).toBe(true);
    expect(oneShot!.ratio).toBeCloseTo(oneShot!.warmMedianMs / oneShot!.bareMedianMs);
    expect(slackStart?.npmMs).toHaveLength(1);
    expect(slackStart?.nodeMs).toHaveLength(1);
    expect([slackStart!.npmFirstMs, slackStart!.npmMedianMs, slackStart!.nodeMedianMs].every((value) => value > 0)).toBe(true);
  });

  it('writes results.json, results.md and the chart', () => {
    writeReport(results, out);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    const markdown = readFileSync(join(out, 'results.md'), 'utf8');
    const svg = readFileSync(join(out, 'scaling.svg'), 'utf8');
    expect(markdown).toContain('](scaling.svg)');
    // The three speed targets, each a ratio within the run.
    expect(markdown).toMatch(/- One-shot CLI answer, start to exit, at most 2\.5× a bare `node -e ""`: (met|NOT met) \(/);
    expect(markdown).toMatch(/- Slack over HTTP, `npm start` to ready, at most 1 s: (met|NOT met) \(/);
    expect(markdown).toMatch(/- Real knowledge base, answer p99 at most FlexSearch's: (met|NOT met) on the wall clock .*; (met|NOT met) in CPU time/);
    expect(markdown).toContain('## 5. One-shot answer and Slack start-up (compiled dist/)');
    expect(markdown.match(/\| answered or one click away \|/g)).toHaveLength(4);
    expect(markdown).toContain('### Tuned split (4 in-scope, 4 out-of-scope questions from tests/eval/questions.yaml;');
    expect(markdown).toContain('### Held-out split (3 in-scope, 1 out-of-scope and 1 vague questions from tests/fixtures/bench-held-out.yaml; never tuned on');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    for (const engine of benchEngines) {
      expect(markdown).toContain(engine.name);
      expect(svg).toContain(`>${engine.name}</text>`);
    }
    expect(svg.match(/<polyline/g)).toHaveLength(benchEngines.length * 2);
  });
});

describe('npm run bench on the command line', () => {
  it('prints its usage for --help, and a message with the usage (never a stack trace) for an unknown option', async () => {
    const help = await runScript('bench/run.ts', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run bench/);
    expect(help.stdout).toContain('--out DIR');
    const wrong = await runScript('bench/run.ts', ['--bogus']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^rtp-bot bench: Unknown option '--bogus'/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });

  it('makes the --out folder when it is missing, and says plainly when --report-only finds no results there', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'rtp-bot-bench-out-')), 'new', 'folder');
    try {
      const result = await runScript('bench/run.ts', ['--report-only', '--out', dir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^rtp-bot bench: --report-only rewrites the report from .*results\.json, which is not there/);
      expect(existsSync(dir)).toBe(true);
    } finally {
      rmSync(join(dir, '..', '..'), { recursive: true, force: true });
    }
  });
});
