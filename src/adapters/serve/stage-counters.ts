/**
 * Stage counters since the server started or was last reset. The model's own counters only grow (the
 * simulator's summary needs them whole), so a reset records where they stood and later readings subtract
 * it; queue-wait histogram buckets likewise, so they stay cumulative and monotone after a reset.
 */
import type { StageRuntime } from '../../core/model/stage.js';
import { LATENCY_BUCKETS_S } from './prometheus.js';

export interface StageCounts {
  arrivals: number;
  served: number;
  rejected: number;
  abandoned: number;
  refused: number;
  injectedErrors: number;
  cancelled: number;
  wastedMs: number;
  waitCount: number;
  waitSumMs: number;
  /** Queue waits at or below each bound of `LATENCY_BUCKETS_S`. */
  waitCumulative: number[];
}

function read(stage: StageRuntime): StageCounts {
  const s = stage.stats;
  return {
    arrivals: s.arrivals,
    served: s.served,
    rejected: s.rejected,
    abandoned: s.abandoned,
    refused: s.refused,
    injectedErrors: s.injectedErrors,
    cancelled: s.cancelled,
    wastedMs: s.wastedMs,
    waitCount: s.wait.count,
    waitSumMs: s.wait.sumMs,
    waitCumulative: LATENCY_BUCKETS_S.map((le) => s.wait.countAtOrBelow(le * 1000)),
  };
}

export class StageCounters {
  private baseline = new Map<string, StageCounts>();

  constructor(private readonly stages: ReadonlyMap<string, StageRuntime>) {}

  reset(): void {
    for (const [name, stage] of this.stages) this.baseline.set(name, read(stage));
  }

  since(name: string): StageCounts {
    const now = read(this.stages.get(name) as StageRuntime);
    const base = this.baseline.get(name);
    if (base === undefined) return now;
    return {
      arrivals: now.arrivals - base.arrivals,
      served: now.served - base.served,
      rejected: now.rejected - base.rejected,
      abandoned: now.abandoned - base.abandoned,
      refused: now.refused - base.refused,
      injectedErrors: now.injectedErrors - base.injectedErrors,
      cancelled: now.cancelled - base.cancelled,
      wastedMs: now.wastedMs - base.wastedMs,
      waitCount: now.waitCount - base.waitCount,
      waitSumMs: now.waitSumMs - base.waitSumMs,
      waitCumulative: now.waitCumulative.map((c, i) => c - (base.waitCumulative[i] ?? 0)),
    };
  }
}
