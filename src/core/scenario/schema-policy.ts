/**
 * A client policy as written in a scenario (DESIGN §3). Every field is optional: what a policy leaves
 * out comes from the policy it `extends`, and then from the seed's behaviour (see `normalize-policy`).
 */
import { z } from 'zod';
import {
  duration,
  durationOrNone,
  expecting,
  integer,
  number,
  oneOf,
  reference,
  strict,
} from './schema-primitives.js';

const failureKinds = () =>
  z
    .array(z.enum(['timeout', '5xx', 'refused']), { error: expecting('a list of timeout, 5xx, refused') })
    .describe('Failure kinds: timeout, 5xx, refused.');

/** `none` where an object is also allowed: its message has to mention the object form too. */
const noneOr = (what: string) => z.literal('none', { error: expecting(`none or ${what}`) });

const BACKOFF_WHAT = 'a backoff like {kind: exponential, base: 5s, max: 2m, jitter: full}';

export const backoff = () =>
  oneOf(
    [
      noneOr(BACKOFF_WHAT),
      z.discriminatedUnion('kind', [
        strict({ kind: z.literal('none') }).describe('No backoff.'),
        strict({
          kind: z.literal('constant'),
          delay: duration().describe('The wait before every retry.'),
        }).describe('The same wait every time.'),
        strict({
          kind: z.literal('linear'),
          base: duration().describe('The first wait.'),
          step: duration().describe('Added per further failure. Default: base.').optional(),
          max: durationOrNone().describe('Cap on the wait. Default: none.').optional(),
        }).describe('base + step·n, capped at max.'),
        strict({
          kind: z.literal('exponential'),
          base: duration().describe('The first wait.'),
          factor: number(1).describe('Growth per failure. Default 2.').optional(),
          max: durationOrNone().describe('Cap on the wait. Default: none.').optional(),
          jitter: z
            .enum(['none', 'full', 'equal', 'decorrelated'])
            .describe('AWS Architecture Blog "Exponential Backoff and Jitter". Default none.')
            .optional(),
        }).describe('min(max, base·factor^n), with optional jitter.'),
      ]),
    ],
    `none or ${BACKOFF_WHAT}`,
  ).describe('Backoff: none, or {kind: constant|linear|exponential, ...}.');

const budget = oneOf(
  [
    noneOr('a budget {kind: token-bucket|ratio, ...}'),
    z.discriminatedUnion('kind', [
      strict({
        kind: z.literal('token-bucket'),
        maxTokens: number(0, Number.POSITIVE_INFINITY, true).describe('Bucket size (gRPC maxTokens).'),
        tokenRatio: number(0, Number.POSITIVE_INFINITY, true).describe('Tokens regained per success.'),
      }).describe('gRPC retry throttling: failure -1 token, success +tokenRatio; no retry at <= max/2.'),
      strict({
        kind: z.literal('ratio'),
        ratio: number(0).describe('Retries allowed per request, e.g. 0.1.'),
        window: duration().describe('Sliding window of the count. Default 10s.').optional(),
        minPerSec: number(0).describe('Retries per second always allowed. Default 0.').optional(),
      }).describe('Retries at most a ratio of requests (Finagle/Envoy retry budget).'),
    ]),
  ],
  'none or a budget {kind: token-bucket|ratio, ...}',
).describe('Retry budget: none, {kind: token-bucket, ...} or {kind: ratio, ...}.');

const scope = z
  .enum(['worker', 'fleet'])
  .describe('One breaker per worker or shared by the fleet. Default worker.');
const halfOpenAfter = duration().describe('Open time before a trial request. Default 10s.');

const breaker = oneOf(
  [
    noneOr('a breaker {kind: consecutive|sampling, ...}'),
    z.discriminatedUnion('kind', [
      strict({
        kind: z.literal('consecutive'),
        failures: integer(1).describe('Consecutive failures that open the breaker.'),
        halfOpenAfter: halfOpenAfter.optional(),
        scope: scope.optional(),
      }).describe('Opens after N consecutive failures.'),
      strict({
        kind: z.literal('sampling'),
        threshold: number(0, 1, true).describe('Failure ratio in the window that opens the breaker.'),
        window: duration().describe('Sampling window. Default 30s.').optional(),
        minimumRps: number(0)
          .describe('Below this request rate the breaker stays closed. Default 0.')
          .optional(),
        halfOpenAfter: halfOpenAfter.optional(),
        scope: scope.optional(),
      }).describe('Opens when the failure ratio over a window passes a threshold.'),
    ]),
  ],
  'none or a breaker {kind: consecutive|sampling, ...}',
).describe('Circuit breaker: none, {kind: consecutive, ...} or {kind: sampling, ...}.');

const throttle = oneOf(
  [
    noneOr('a throttle {kind: adaptive, k, window}'),
    strict({
      kind: z.literal('adaptive').describe('The only kind.').optional(),
      k: number(1).describe('Accepts multiplier; lower rejects sooner. Default 2.').optional(),
      window: duration().describe('Counting window. Default 2m.').optional(),
    }),
  ],
  'none or a throttle {kind: adaptive, k, window}',
).describe(
  'Client-side adaptive throttling (SRE book ch. 21): p = max(0, (requests - k·accepts)/(requests+1)).',
);

export const policy = () =>
  strict({
    extends: reference('a policy')
      .describe('Start from this policy, then apply the fields given here.')
      .optional(),
    interval: duration().describe('Sleep after a successful poll. Default 5s.').optional(),
    timeout: strict({
      connect: durationOrNone().describe('Connect timeout. Default none.').optional(),
      read: durationOrNone().describe('Longest wait for the next byte (requests). Default 60s.').optional(),
      total: durationOrNone().describe('Deadline for the whole request. Default none.').optional(),
    })
      .describe('Per-request timeouts; a child policy overrides them field by field.')
      .optional(),
    retries: strict({
      count: integer(0).describe('Retries inside one poll or request. Default 0.').optional(),
      on: failureKinds().describe('Failures that are retried. Default [timeout, 5xx, refused].').optional(),
      backoffFactor: duration()
        .describe('urllib3 backoff_factor: sleep factor·2^(n-1) before retry n, the first at once.')
        .optional(),
      backoff: backoff().optional(),
    })
      .describe('Retries inside one poll: {count, on, backoffFactor} or {count, on, backoff}.')
      .optional(),
    backoff: backoff()
      .describe('Wait between failed polls. Default none (wait onFailure.retryAfter).')
      .optional(),
    onFailure: strict({
      log: z
        .enum(['error', 'warning', 'info'])
        .describe('Log level of a failed poll. Default error.')
        .optional(),
      retryAfter: duration()
        .describe('With backoff none: the wait after a failed poll. Default: interval.')
        .optional(),
      giveUpAfter: oneOf(
        [integer(1), z.enum(['never', 'none'])],
        'a number of consecutive failed polls >= 1, or never',
      )
        .describe('Give the task up after this many consecutive failed polls. Default never.')
        .optional(),
      crashOn: failureKinds().describe('Failures that crash the worker process. Default [].').optional(),
    })
      .describe('What a failed poll does.')
      .optional(),
    budget: budget.optional(),
    breaker: breaker.optional(),
    throttle: throttle.optional(),
  }).describe(
    'A client policy; all fields optional, the base is the seed behaviour (5s interval, 60s read timeout).',
  );

export type RawPolicy = z.output<ReturnType<typeof policy>>;
export type RawBackoff = z.output<ReturnType<typeof backoff>>;
