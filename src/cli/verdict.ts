/**
 * The threshold results a run is judged by, per policy: each run's own with one seed; with several seeds
 * the thresholds apply to each policy's mean (`aggregateThresholds`), as the issue asks.
 */
import type { ThresholdResult } from '../core/thresholds.js';
import type { Summary } from '../engine/summary.js';

export function policiesOf(summary: Summary): string[] {
  return [...new Set(summary.runs.map((r) => r.policy))];
}

export function thresholdResults(summary: Summary): Map<string, ThresholdResult[]> {
  const out = new Map<string, ThresholdResult[]>();
  for (const policy of policiesOf(summary)) {
    const aggregate = summary.aggregateThresholds?.[policy];
    if (summary.seeds.length > 1 && aggregate !== undefined) out.set(policy, aggregate);
    else out.set(policy, summary.runs.find((r) => r.policy === policy)?.thresholds ?? []);
  }
  return out;
}

export function failedThresholds(summary: Summary): Array<{ policy: string; result: ThresholdResult }> {
  const failed: Array<{ policy: string; result: ThresholdResult }> = [];
  for (const [policy, results] of thresholdResults(summary)) {
    for (const result of results) if (!result.pass) failed.push({ policy, result });
  }
  return failed;
}
