/** What a case's child process reports to the harness: one JSON line on its stdout. */

/** The case that simulates nothing: node's own start-up time and memory, the baseline of every row. */
export const BASELINE_CASE = 'baseline';

export interface CaseReport {
  case: string;
  virtualMs: number;
  /** Client attempts: every request the simulated backend was sent. */
  requests: number;
  /** Requests the endpoint's last stage finished serving. */
  served: number;
  /** Kernel timers fired. */
  events: number;
  /** Wall time of `simulate` alone, inside the child. */
  simulationMs: number;
  /** process.resourceUsage().maxRSS (kilobytes on Linux and macOS): the peak over the whole process. */
  maxRssKb: number;
  heapUsedBytes: number;
  /** process.cpuUsage() at exit, user + system, whole process: less sensitive to a busy machine than wall time. */
  cpuMs: number;
  /**
   * Committed size of V8's young and old generations at exit. The young generation grows with the
   * allocation rate over a run (semi-spaces of 1 → 16 MB on node 20), which moves RSS without any
   * growth in the simulator's own state: these tell the two apart.
   */
  newSpaceMb: number;
  oldSpaceMb: number;
}
