import { describe, expect, it } from 'vitest';
import { summariseLatencies } from './summarise-load.js';

describe('summariseLatencies', () => {
  it('gives nearest-rank percentiles and the maximum', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(summariseLatencies(samples)).toEqual({ p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('copes with one sample and with none', () => {
    expect(summariseLatencies([2.345])).toEqual({ p50: 2.35, p95: 2.35, p99: 2.35, max: 2.35 });
    expect(summariseLatencies([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
  });
});
