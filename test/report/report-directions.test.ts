import { describe, expect, it } from 'vitest';
import { compareMetric, metricDirection, regressionPercent } from '../../src/report/directions.js';

describe('metric directions', () => {
  it('says which way is better for the metrics of DESIGN §5', () => {
    expect(metricDirection('jobs.throughputPerMin'), 'throughput').toBe('higher');
    expect(metricDirection('goodput.perSec'), 'goodput').toBe('higher');
    expect(metricDirection('traffic.ui.ok'), 'traffic ok').toBe('higher');
    expect(metricDirection('poll.latency.p99'), 'poll p99').toBe('lower');
    expect(metricDirection('traffic.ui.latency.p50'), 'traffic p50').toBe('lower');
    expect(metricDirection('stage.postgrest.wait.p95'), 'stage wait').toBe('lower');
    expect(metricDirection('stage.postgrest.wastedMs'), 'wasted work').toBe('lower');
    expect(metricDirection('cascade.peakWorkersTimingOut'), 'cascade').toBe('lower');
    expect(metricDirection('recovery.ms'), 'recovery').toBe('lower');
    expect(metricDirection('recovery.metastable'), 'metastable').toBe('lower');
    expect(metricDirection('workers.minAlive'), 'alive').toBe('higher');
  });

  it('has no direction for context: attempts, arrivals, utilization, in-flight', () => {
    for (const m of [
      'poll.attempts',
      'traffic.ui.attempts',
      'stage.api.arrivals',
      'stage.api.utilization',
      'stage.api.inflight.max',
      'jobs.submitted',
    ]) {
      expect(metricDirection(m), m).toBeUndefined();
    }
  });

  it('compares values: null (never recovered) loses to any number, booleans count as 0/1', () => {
    expect(compareMetric('recovery.ms', 1000, 2000)).toBeGreaterThan(0);
    expect(compareMetric('recovery.ms', null, 90_000)).toBeLessThan(0);
    expect(compareMetric('goodput.perSec', 10, 12)).toBeLessThan(0);
    expect(compareMetric('recovery.metastable', false, true)).toBeGreaterThan(0);
    expect(compareMetric('poll.attempts', 1, 2), 'no direction').toBe(0);
  });

  it('measures a regression against a baseline in the metric’s bad direction', () => {
    expect(regressionPercent('poll.latency.p99', 200, 250)).toBeCloseTo(25, 9);
    expect(regressionPercent('poll.latency.p99', 200, 150)).toBeCloseTo(-25, 9);
    expect(regressionPercent('jobs.throughputPerMin', 10, 8)).toBeCloseTo(20, 9);
    expect(regressionPercent('poll.timeouts', 0, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(regressionPercent('poll.timeouts', 0, 0)).toBe(0);
    expect(regressionPercent('poll.attempts', 10, 20)).toBeUndefined();
  });
});
