/**
 * A fault posted to the control API, in the scenario language: `{"kind":"stall","stage":"postgrest",
 * "for":"30s"}`. It starts when it is posted, so `for` is required and `at` is refused (a timeline
 * position means nothing here). The body may be JSON or YAML — a fault copied from a scenario file,
 * `{kind: stall, stage: postgrest, for: 30s}`, works as it is — whatever its content type says, since
 * `curl -d` sends JSON labelled as a form. Problems are the scenario loader's, one `path: message` each.
 */
import { parse as parseYaml } from 'yaml';
import { faultFromValue } from '../../core/scenario/load-fault.js';
import type { Fault, Scenario } from '../../core/scenario/types.js';

export type PostedFault = { ok: true; fault: Fault } | { ok: false; problems: string[] };

export const FAULT_EXAMPLE = '{"kind":"stall","stage":"postgrest","for":"30s"}';

function parseBody(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (jsonError) {
    try {
      return { ok: true, value: parseYaml(text, { logLevel: 'error' }) };
    } catch {
      const message = jsonError instanceof Error ? jsonError.message : String(jsonError);
      return { ok: false, problem: `invalid JSON: ${message}` };
    }
  }
}

export function parsePostedFault(body: unknown, scenario: Scenario): PostedFault {
  let value = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const text = String(body).trim();
    if (text === '')
      return { ok: false, problems: [`expected a fault such as ${FAULT_EXAMPLE}, got an empty body`] };
    const parsed = parseBody(text);
    if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
    value = parsed.value;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return faultFromValue(value, scenario);
  const raw = value as Record<string, unknown>;
  const problems: string[] = [];
  if ('at' in raw) problems.push('at: not allowed here: a posted fault starts now (leave at out)');
  if (raw.kind === 'load')
    problems.push(
      "kind: load multiplies the scenario's traffic sources, and serve runs none (its clients are real)",
    );
  const checked = faultFromValue({ ...raw, at: '0s' }, scenario);
  if (!checked.ok) problems.push(...checked.problems);
  return problems.length > 0 || !checked.ok ? { ok: false, problems } : checked;
}
