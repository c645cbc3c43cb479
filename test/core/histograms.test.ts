import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/core/metrics/histogram.js';
import { LogHistogram } from '../../src/core/metrics/log-histogram.js';

const values = Array.from({ length: 10_000 }, (_, i) => 0.05 * 1.001 ** i); // 0.05 ms … ~1 s

function exactPercentile(p: number): number {
  return values[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] as number;
}

describe('LatencyHistogram (HDR layout, 0.1%)', () => {
  it('percentiles within 0.1%, exact mean and max', () => {
    const h = new LatencyHistogram();
    for (const v of values) h.record(v);
    for (const p of [50, 90, 99, 99.9]) {
      expect(Math.abs(h.percentile(p) - exactPercentile(p)) / exactPercentile(p), `p${p}`).toBeLessThan(0.001 + 1e-3 / exactPercentile(p));
    }
    expect(h.mean()).toBeCloseTo(values.reduce((s, v) => s + v, 0) / values.length, 9);
    expect(h.maxMs).toBe(values.at(-1));
  });

  it('values of hours stay exact to 0.1%', () => {
    const h = new LatencyHistogram();
    h.record(3_600_000);
    expect(Math.abs(h.percentile(50) - 3_600_000) / 3_600_000).toBeLessThan(0.001);
  });
});

describe('LogHistogram (3%, additive)', () => {
  it('percentiles are the upper edge of a bucket within 3% above the exact value', () => {
    const h = new LogHistogram();
    for (const v of values) h.record(v);
    for (const p of [50, 95, 99]) {
      const got = h.percentile(p);
      const exact = exactPercentile(p);
      expect(got, `p${p} not below`).toBeGreaterThanOrEqual(exact);
      expect((got - exact) / exact, `p${p} within 3%`).toBeLessThan(0.035);
    }
  });

  it('adding then subtracting a histogram gives back the first', () => {
    const a = new LogHistogram();
    const b = new LogHistogram();
    for (const v of values.slice(0, 500)) a.record(v);
    for (const v of values.slice(500)) b.record(v);
    const before = a.percentile(95);
    a.add(b);
    expect(a.total).toBe(values.length);
    a.add(b, -1);
    expect(a.total).toBe(500);
    expect(a.percentile(95)).toBe(before);
  });
});
