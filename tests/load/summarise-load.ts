/** Latency figures of one load leg, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (the value below which `p`% of samples fall), rounded to 0.01 ms. */
export function summariseLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 100) / 100;
  return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
}

/** Memory of this process, in MiB. */
export interface MemorySnapshot {
  rssMiB: number;
  heapUsedMiB: number;
}

export function snapshotMemory(): MemorySnapshot {
  const { rss, heapUsed } = process.memoryUsage();
  const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;
  return { rssMiB: mib(rss), heapUsedMiB: mib(heapUsed) };
}
