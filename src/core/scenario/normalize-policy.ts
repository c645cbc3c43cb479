/**
 * Client policies: `extends` chains resolved, then the seed's behaviour filled in for whatever no policy
 * in the chain set. Merging (child over parent) is field-wise for the settings groups `timeout`,
 * `retries` and `onFailure`; the tagged values `backoff`, `budget`, `breaker`, `throttle` are replaced
 * whole, since half of one exponential backoff merged into a linear one means nothing.
 */
import type { Backoff, Breaker, Budget, ClientPolicy, FailureKind } from './types.js';
import { type Issues, ms, msOrInfinity, notDefined } from './normalize-units.js';
import type { Path } from './problems.js';
import type { RawBackoff, RawPolicy } from './schema-policy.js';

const ALL_FAILURES: FailureKind[] = ['timeout', '5xx', 'refused'];

function defined<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, v] of Object.entries(value ?? {})) {
    if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

/** `child` applied over `parent`; the result has no `extends`. */
export function mergePolicies(parent: RawPolicy, child: RawPolicy): RawPolicy {
  const { extends: _, ...out } = { ...parent, ...defined(child) };
  if (child.timeout) out.timeout = { ...defined(parent.timeout), ...defined(child.timeout) };
  if (child.onFailure) out.onFailure = { ...defined(parent.onFailure), ...defined(child.onFailure) };
  if (child.retries) {
    const inherited = defined(parent.retries);
    // backoffFactor and backoff are alternatives: a child choosing one drops the parent's other.
    if (child.retries.backoff !== undefined || child.retries.backoffFactor !== undefined) {
      delete inherited.backoff;
      delete inherited.backoffFactor;
    }
    out.retries = { ...inherited, ...defined(child.retries) };
  }
  return out;
}

function backoff(raw: RawBackoff, path: Path, issues: Issues): Backoff {
  if (raw === 'none' || raw.kind === 'none') return { kind: 'none' };
  if (raw.kind === 'constant') return { kind: 'constant', delayMs: ms(raw.delay) };
  const baseMs = ms(raw.base);
  const maxMs = msOrInfinity(raw.max ?? 'none');
  if (maxMs < baseMs) issues.add([...path, 'max'], `expected at least base (${raw.base}), got "${raw.max}"`);
  if (raw.kind === 'linear') {
    return { kind: 'linear', baseMs, stepMs: raw.step ? ms(raw.step) : baseMs, maxMs };
  }
  return { kind: 'exponential', baseMs, factor: raw.factor ?? 2, maxMs, jitter: raw.jitter ?? 'none' };
}

function budget(raw: Exclude<RawPolicy['budget'], 'none' | undefined>, path: Path, issues: Issues): Budget {
  if (raw.kind === 'token-bucket') {
    return { kind: 'token-bucket', maxTokens: raw.maxTokens, tokenRatio: raw.tokenRatio };
  }
  const windowMs = raw.window ? issues.positive(raw.window, [...path, 'window']) : 10_000;
  return { kind: 'ratio', ratio: raw.ratio, windowMs, minPerSec: raw.minPerSec ?? 0 };
}

function breaker(
  raw: Exclude<RawPolicy['breaker'], 'none' | undefined>,
  path: Path,
  issues: Issues,
): Breaker {
  const halfOpenAfterMs = ms(raw.halfOpenAfter ?? '10s');
  const scope = raw.scope ?? 'worker';
  if (raw.kind === 'consecutive') {
    return { kind: 'consecutive', failures: raw.failures, halfOpenAfterMs, scope };
  }
  const windowMs = raw.window ? issues.positive(raw.window, [...path, 'window']) : 30_000;
  return {
    kind: 'sampling',
    threshold: raw.threshold,
    windowMs,
    minimumRps: raw.minimumRps ?? 0,
    halfOpenAfterMs,
    scope,
  };
}

/**
 * A merged raw policy with the defaults filled in. The defaults are the seed's client:
 * `requests.get(timeout=60)` every 5 s, no retries, no backoff, ERROR logs, never gives up.
 */
export function applyPolicyDefaults(raw: RawPolicy, path: Path, issues: Issues): ClientPolicy {
  const intervalMs = ms(raw.interval ?? '5s');
  const t = raw.timeout ?? {};
  const r = raw.retries ?? {};
  const f = raw.onFailure ?? {};
  const policy: ClientPolicy = {
    intervalMs,
    timeout: {
      connectMs: msOrInfinity(t.connect ?? 'none'),
      readMs: msOrInfinity(t.read ?? '60s'),
      totalMs: msOrInfinity(t.total ?? 'none'),
    },
    retries: { count: r.count ?? 0, on: [...new Set(r.on ?? ALL_FAILURES)] },
    backoff: backoff(raw.backoff ?? 'none', [...path, 'backoff'], issues),
    onFailure: {
      log: f.log ?? 'error',
      retryAfterMs: f.retryAfter ? ms(f.retryAfter) : intervalMs,
      giveUpAfter: typeof f.giveUpAfter === 'number' ? f.giveUpAfter : Number.POSITIVE_INFINITY,
      crashOn: [...new Set(f.crashOn ?? [])],
    },
  };
  if (r.backoffFactor !== undefined && r.backoff !== undefined) {
    issues.add([...path, 'retries'], 'give backoffFactor or backoff, not both');
  }
  if (r.backoffFactor !== undefined) policy.retries.backoffFactorMs = ms(r.backoffFactor);
  if (r.backoff !== undefined) {
    policy.retries.backoff = backoff(r.backoff, [...path, 'retries', 'backoff'], issues);
  }
  if (raw.budget && raw.budget !== 'none') policy.budget = budget(raw.budget, [...path, 'budget'], issues);
  if (raw.breaker && raw.breaker !== 'none') {
    policy.breaker = breaker(raw.breaker, [...path, 'breaker'], issues);
  }
  if (raw.throttle && raw.throttle !== 'none') {
    const windowMs = raw.throttle.window
      ? issues.positive(raw.throttle.window, [...path, 'throttle', 'window'])
      : 120_000;
    policy.throttle = { kind: 'adaptive', k: raw.throttle.k ?? 2, windowMs };
  }
  return policy;
}

/**
 * Resolves `extends` chains against the scenario's named policies. A chain that names an undefined
 * policy or loops gives null, and is reported once, at the policy where it goes wrong.
 */
export class PolicyResolver {
  private readonly merged = new Map<string, RawPolicy | null>();
  private readonly names: string[];

  constructor(
    private readonly raw: Record<string, RawPolicy>,
    private readonly issues: Issues,
  ) {
    this.names = Object.keys(raw);
  }

  /** An inline policy (a traffic source's `client`) at `path`, with its `extends` chain applied. */
  inline(raw: RawPolicy, path: Path): RawPolicy | null {
    if (raw.extends === undefined) return raw;
    if (!Object.hasOwn(this.raw, raw.extends)) {
      this.issues.add([...path, 'extends'], notDefined('policy', raw.extends, this.names));
      return null;
    }
    const parent = this.named(raw.extends);
    return parent === null ? null : mergePolicies(parent, raw);
  }

  /** Named policy `name` merged with its ancestors. `chain`: the names being resolved, for cycles. */
  named(name: string, chain: string[] = []): RawPolicy | null {
    const known = this.merged.get(name);
    if (known !== undefined) return known;
    const at = chain.indexOf(name);
    if (at >= 0) {
      const cycle = [...chain.slice(at), name];
      this.issues.add(['policies', name, 'extends'], `extends cycle: ${cycle.join(' -> ')}`);
      for (const member of cycle) this.merged.set(member, null);
      return null;
    }
    const own = this.raw[name] as RawPolicy;
    let result: RawPolicy | null = own;
    if (own.extends !== undefined) {
      if (!Object.hasOwn(this.raw, own.extends)) {
        this.issues.add(['policies', name, 'extends'], notDefined('policy', own.extends, this.names));
        result = null;
      } else {
        const parent = this.named(own.extends, [...chain, name]);
        result = parent === null ? null : mergePolicies(parent, own);
      }
    }
    if (!this.merged.has(name)) this.merged.set(name, result);
    return this.merged.get(name) ?? null;
  }
}
