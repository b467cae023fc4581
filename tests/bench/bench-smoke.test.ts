import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchEngines } from '../../bench/engines/index.js';
import { repositoryRoot, runBenchmark, type BenchResults } from '../../bench/harness.js';
import { writeReport } from '../../bench/report.js';

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
      questionSetPath: join(repositoryRoot, 'tests', 'eval', 'questions.yaml'),
      sizes: [150],
      seed: 7,
      realRounds: 1,
      loadRuns: 1,
      scaleBudgetMs: 50,
      isolate: false,
      startupSizes: [],
      startupRuns: 1,
      questionLimit: 4,
      log: () => {},
    });
    expect(results.questionSet).toEqual({ inScope: 4, outOfScope: 4 });
  }, 120_000);

  it('reports quality for every engine, with a decision rule and rates between 0 and 1', () => {
    for (const engine of benchEngines) {
      const rows = results.quality.filter((row) => row.engine === engine.name);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect([row.report.top1, row.report.mrr, row.report.recallAt3, row.report.declineRate].every(rate)).toBe(true);
        expect(row.report.inScope + row.report.outOfScope).toBe(8);
        expect(row.rule.kind).toBe(engine.hasConfidenceRule ? 'own' : 'threshold');
        expect(row.configuration.length).toBeGreaterThan(0);
      }
    }
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

  it('writes results.json, results.md and the chart', () => {
    writeReport(results, out);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    const markdown = readFileSync(join(out, 'results.md'), 'utf8');
    const svg = readFileSync(join(out, 'scaling.svg'), 'utf8');
    expect(markdown).toContain('](scaling.svg)');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    for (const engine of benchEngines) {
      expect(markdown).toContain(engine.name);
      expect(svg).toContain(`>${engine.name}</text>`);
    }
    expect(svg.match(/<polyline/g)).toHaveLength(benchEngines.length * 2);
  });
});
