/**
 * One fault on its own — JSON posted to serve's control API — checked and normalized exactly like a fault
 * in a scenario file: the same schema, the same references (a stage that exists), the same one-line
 * `path: message` problems, with paths relative to the fault (`for: required`, `stage: stage "pg" is not
 * defined (defined: api, postgrest)`).
 */
import { normalizeFault } from './normalize-fault.js';
import { Issues } from './normalize-units.js';
import { formatIssues, issueMessage, zodIssues } from './problems.js';
import { faultSchema } from './schema.js';
import type { Fault, Scenario } from './types.js';

export type FaultResult = { ok: true; fault: Fault } | { ok: false; problems: string[] };

/** `world` is the scenario whose stages and traffic sources the fault may name. */
export function faultFromValue(raw: unknown, world: Pick<Scenario, 'backend' | 'workload'>): FaultResult {
  if (raw === null || raw === undefined) return { ok: false, problems: ['expected a fault, got nothing'] };
  const parsed = faultSchema.safeParse(raw, { reportInput: true, error: issueMessage });
  if (!parsed.success) return { ok: false, problems: formatIssues(zodIssues(parsed.error.issues)) };
  const issues = new Issues();
  const fault = normalizeFault(parsed.data, [], world, issues);
  return issues.list.length > 0 ? { ok: false, problems: formatIssues(issues.list) } : { ok: true, fault };
}
