import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Latency figures in milliseconds. */
export interface LatencyFigures {
  /** Wall-clock time, what a user waits (includes being pre-empted by other processes). */
  median: number;
  p99: number;
  /** CPU time the process spent (all its threads), which other processes on the machine cannot inflate. */
  cpuMedian: number;
  cpuP99: number;
  /** How many timed calls the figures come from. */
  samples: number;
}

/** The q-th quantile (0 to 1) of sorted values, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Collects wall and CPU times of single calls. */
export function createSampler(): { time(run: () => unknown): void; readonly count: number; figures(): LatencyFigures } {
  const wall: number[] = [];
  const cpu: number[] = [];
  return {
    time(run) {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      run();
      wall.push(msSince(start));
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    },
    get count() {
      return wall.length;
    },
    figures() {
      const sortedWall = [...wall].sort((a, b) => a - b);
      const sortedCpu = [...cpu].sort((a, b) => a - b);
      return { median: quantile(sortedWall, 0.5), p99: quantile(sortedWall, 0.99), cpuMedian: quantile(sortedCpu, 0.5), cpuP99: quantile(sortedCpu, 0.99), samples: wall.length };
    },
  };
}

/**
 * Times `run` on each question, `rounds` times over the list, after
 * `warmupRounds` untimed rounds so the JIT has settled.
 */
export function timeQueries(run: (question: string) => unknown, questions: readonly string[], rounds: number, warmupRounds = 1): LatencyFigures {
  for (let round = 0; round < warmupRounds; round++) for (const question of questions) run(question);
  const sampler = createSampler();
  for (let round = 0; round < rounds; round++) for (const question of questions) sampler.time(() => run(question));
  return sampler.figures();
}

/**
 * Times rounds of the questions until the budget runs out (at most 20 rounds,
 * at least one question), after three untimed warm-up questions. When a
 * warm-up question alone takes half the budget, the warm-up questions are the
 * figures (untimed rounds of an engine that slow would take many minutes).
 */
export function timeWithinBudget(run: (question: string) => unknown, questions: readonly string[], budgetMs: number): LatencyFigures {
  const sampler = createSampler();
  const warmUp = createSampler();
  for (const question of questions.slice(0, 3)) {
    warmUp.time(() => run(question));
    // An engine this slow gets no more than one question: its warm-up, reported as the only sample.
    if (warmUp.figures().median > budgetMs / 2) return warmUp.figures();
  }
  const started = process.hrtime.bigint();
  for (let round = 0; round < 20 && (sampler.count === 0 || msSince(started) < budgetMs); round++) {
    for (const question of questions) {
      sampler.time(() => run(question));
      if (msSince(started) >= budgetMs) break;
    }
  }
  return sampler.figures();
}

/**
 * A full garbage collection. `global.gc` only exists under --expose-gc, so the
 * flag is switched on at run time and the function fetched from a fresh context.
 */
export const collectGarbage: () => void = (() => {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/**
 * Memory in use after a full collection, in MB: the JavaScript heap plus
 * memory outside it (typed arrays' buffers), where compact indexes keep their data.
 */
export function heapUsedMb(): number {
  collectGarbage();
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return (heapUsed + external) / 2 ** 20;
}

/** Runs `build`, and reports how long it took and how much memory its result holds (after full collections). */
export function measureBuild<T>(build: () => T): { value: T; buildMs: number; heapMb: number } {
  const before = heapUsedMb();
  const start = process.hrtime.bigint();
  const value = build();
  const buildMs = msSince(start);
  const heapMb = heapUsedMb() - before;
  return { value, buildMs, heapMb };
}
