/** `extends`: settings groups merge field by field, tagged values are replaced whole. */
import { describe, expect, test } from 'vitest';
import { minimal, normalized, problems } from './helpers.js';

const INF = Number.POSITIVE_INFINITY;

function policies(raw: Record<string, unknown>) {
  return normalized(minimal({ policies: raw })).policies;
}

describe('extends', () => {
  test('timeout merges field-wise with the parent', () => {
    const p = policies({
      parent: { timeout: { connect: '3s', read: '30s' } },
      child: { extends: 'parent', timeout: { total: '10s' } },
    });
    expect(p.child?.timeout).toStrictEqual({ connectMs: 3000, readMs: 30_000, totalMs: 10_000 });
  });

  test('backoff is replaced whole, not merged', () => {
    const p = policies({
      parent: { backoff: { kind: 'exponential', base: '5s', factor: 3, max: '2m', jitter: 'full' } },
      child: { extends: 'parent', backoff: { kind: 'exponential', base: '1s' } },
    });
    expect(p.child?.backoff).toStrictEqual({
      kind: 'exponential',
      baseMs: 1000,
      factor: 2,
      maxMs: INF,
      jitter: 'none',
    });
  });

  test('onFailure merges field-wise; retryAfter follows the child interval', () => {
    const p = policies({
      parent: { onFailure: { log: 'error', giveUpAfter: 10, crashOn: ['refused'] } },
      child: { extends: 'parent', interval: '2s', onFailure: { log: 'warning' } },
    });
    expect(p.child?.onFailure).toStrictEqual({
      log: 'warning',
      retryAfterMs: 2000,
      giveUpAfter: 10,
      crashOn: ['refused'],
    });
  });

  test('retries merge field-wise, backoff and backoffFactor being alternatives', () => {
    const p = policies({
      parent: { retries: { count: 3, on: ['timeout'], backoffFactor: '500ms' } },
      sameSleep: { extends: 'parent', retries: { count: 5 } },
      otherSleep: { extends: 'parent', retries: { backoff: { kind: 'constant', delay: '1s' } } },
    });
    expect(p.sameSleep?.retries).toStrictEqual({ count: 5, on: ['timeout'], backoffFactorMs: 500 });
    expect(p.otherSleep?.retries).toStrictEqual({
      count: 3,
      on: ['timeout'],
      backoff: { kind: 'constant', delayMs: 1000 },
    });
  });

  test('chains apply root first, in any file order; none removes an inherited breaker', () => {
    const p = policies({
      leaf: { extends: 'middle', interval: '1s', breaker: 'none' },
      middle: { extends: 'root', timeout: { read: '10s' } },
      root: { interval: '30s', timeout: { total: '1m' }, breaker: { kind: 'consecutive', failures: 3 } },
    });
    expect(Object.keys(p), 'file order').toEqual(['leaf', 'middle', 'root']);
    expect(p.leaf?.intervalMs).toBe(1000);
    expect(p.leaf?.timeout).toStrictEqual({ connectMs: INF, readMs: 10_000, totalMs: 60_000 });
    expect(p.leaf && 'breaker' in p.leaf, 'breaker removed').toBe(false);
    expect(p.middle?.breaker?.kind).toBe('consecutive');
    expect(p.middle?.intervalMs).toBe(30_000);
  });

  test('an inline client policy may extend a named one', () => {
    const s = normalized(
      minimal({
        workload: {
          traffic: {
            ui: {
              endpoint: 'events',
              arrival: { kind: 'poisson', rate: '1/s' },
              client: { extends: 'careful', timeout: { total: '5s' } },
            },
          },
        },
        policies: { careful: { timeout: { read: '10s' }, retries: { count: 2 } } },
      }),
    );
    const client = s.workload.traffic.ui?.client;
    expect(client?.timeout).toStrictEqual({ connectMs: INF, readMs: 10_000, totalMs: 5000 });
    expect(client?.retries.count).toBe(2);
  });

  test('a problem in a parent is reported once, at the parent', () => {
    expect(
      problems(
        minimal({
          policies: {
            parent: { backoff: { kind: 'linear', base: '10s', max: '1s' } },
            a: { extends: 'parent' },
            b: { extends: 'parent' },
          },
        }),
      ),
    ).toEqual(['policies.parent.backoff.max: expected at least base (10s), got "1s"']);
  });

  test('a cycle is reported once; policies extending into it are not reported again', () => {
    expect(
      problems(
        minimal({
          policies: { x: { extends: 'a' }, a: { extends: 'b' }, b: { extends: 'a' } },
        }),
      ),
    ).toEqual(['policies.a.extends: extends cycle: a -> b -> a']);
  });
});
