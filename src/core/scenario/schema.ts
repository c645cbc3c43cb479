/**
 * The one zod schema of a scenario file (DESIGN §4) as a person writes it: units as strings, defaults
 * left out. It validates shapes, types and ranges; `normalize` converts units, fills defaults, resolves
 * `extends` and checks what refers to what. `scenarioJsonSchema()` turns it into editor completion.
 */
import { z } from 'zod';
import { dist } from './schema-dist.js';
import { policy } from './schema-policy.js';
import {
  boolean,
  duration,
  durationOrNone,
  expecting,
  httpStatus,
  integer,
  namedRecord,
  number,
  oneOf,
  rate,
  reference,
  strict,
} from './schema-primitives.js';

const stage = strict({
  concurrency: integer(1).describe('Slots: threads or pool connections. Default 1.').optional(),
  queue: strict({
    limit: oneOf([integer(0), z.literal('unbounded')], 'an integer >= 0, or unbounded')
      .describe('Waiting requests beyond which arrivals are rejected. Default unbounded.')
      .optional(),
    timeout: durationOrNone().describe('Longest wait for a slot. Default none.').optional(),
    status: httpStatus()
      .describe('Status answered on rejection. Default 503, or 504 when only a timeout is given.')
      .optional(),
  })
    .describe('The queue in front of the slots.')
    .optional(),
  service: dist().describe('Service time: a duration or a distribution. Default 0ms.').optional(),
  sharing: oneOf(
    [
      z.literal('fifo', { error: expecting('fifo or {processorSharing: {cores: N}}') }),
      strict({
        processorSharing: strict({ cores: integer(1).describe('Cores shared by the work in service.') }),
      }),
    ],
    'fifo or {processorSharing: {cores: N}}',
  )
    .describe('fifo, or {processorSharing: {cores: N}}: service slows when in-service work exceeds cores.')
    .optional(),
  downstreamTimeout: durationOrNone()
    .describe('How long this stage waits for the next before answering 504. Default none.')
    .optional(),
  cancelOnClientAbort: boolean()
    .describe('Does work stop when the client gives up? Default false.')
    .optional(),
  cache: strict({ ttl: duration().describe('How long a response per key stays fresh.') })
    .describe('Responses per key served from cache, skipping later stages.')
    .optional(),
}).describe('A server with concurrency slots and a queue.');

const endpoint = strict({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).describe('HTTP method. Default GET.').optional(),
  path: z
    .string({ error: expecting('an HTTP path like /jobs/:jobId') })
    .regex(/^\//, { error: expecting('an HTTP path starting with /') })
    .describe('HTTP path (live engine). Default /<endpoint name>.')
    .optional(),
  stages: z
    .array(reference('a stage'), { error: expecting('a list of stage names') })
    .min(1, { error: expecting('at least one stage') })
    .describe('Stage names in call order: each holds its slot while the next works.'),
}).describe('An HTTP endpoint served by a chain of stages.');

const window = {
  at: duration().describe('Start, from the beginning of the run.'),
  for: duration().describe('Length of the window.'),
  every: duration().describe('Flapping: repeat the window with this period.').optional(),
  times: integer(1).describe('With every: how many windows. Default: until the run ends.').optional(),
};
const stageTarget = reference('a stage').describe('The stage it hits.');

const fault = z
  .discriminatedUnion('kind', [
    strict({
      kind: z.literal('latency'),
      stage: stageTarget,
      latency: dist().describe('Added latency.'),
      ...window,
    }),
    strict({ kind: z.literal('stall'), stage: stageTarget, ...window }),
    strict({
      kind: z.literal('capacity'),
      stage: stageTarget,
      concurrency: integer(0).describe('Concurrency during the window.'),
      ...window,
    }),
    strict({
      kind: z.literal('errors'),
      stage: stageTarget,
      status: httpStatus().describe('Status answered. Default 500.').optional(),
      rate: number(0, 1).describe('Probability a request gets the error. Default 1.').optional(),
      ...window,
    }),
    strict({ kind: z.literal('down'), stage: stageTarget, ...window }),
    strict({
      kind: z.literal('load'),
      factor: number(0).describe('Rate multiplier.'),
      source: reference('a traffic source').describe('One traffic source.').optional(),
      sources: z
        .array(reference('a traffic source'), { error: expecting('a list of traffic source names') })
        .describe('Traffic sources. Default: all of them.')
        .optional(),
      ...window,
    }),
    strict({
      kind: z.literal('slowBody'),
      stage: stageTarget,
      bytesPerSec: number(0, Number.POSITIVE_INFINITY, true).describe('Body trickle rate (live engine).'),
      ...window,
    }),
  ])
  .describe('A fault window: {kind, at, for, every?, times?, stage | sources, ...}.');

const arrival = z
  .discriminatedUnion('kind', [
    strict({
      kind: z.literal('batch'),
      count: integer(0).describe('How many arrive at once.'),
      at: duration().describe('When. Default 0.').optional(),
    }),
    strict({
      kind: z.literal('constant'),
      rate: rate().describe('Evenly spaced arrivals.'),
      count: integer(1).describe('Stop after this many. Default: until the run ends.').optional(),
    }),
    strict({
      kind: z.literal('poisson'),
      rate: rate().describe('Mean rate of a Poisson process.'),
      count: integer(1).describe('Stop after this many. Default: until the run ends.').optional(),
    }),
    strict({
      kind: z.literal('stages'),
      stages: z
        .array(
          strict({ duration: duration(), target: rate().describe('Rate reached at the end of this stage.') }),
          {
            error: expecting('a list of {duration, target}'),
          },
        )
        .min(1, { error: expecting('at least one {duration, target}') })
        .describe('Ramps: the rate moves linearly to each target over its duration (k6 stages).'),
      start: rate().describe('Rate at the start. Default 0/s.').optional(),
    }),
  ])
  .describe('Arrivals: {kind: batch|constant|poisson|stages, ...}.');

const fleet = strict({
  workers: integer(1).describe('Celery worker processes.'),
  endpoint: reference('an endpoint').describe('Endpoint polled for progress.'),
  create: reference('an endpoint').describe('Endpoint called once per task before polling.').optional(),
  jobs: strict({
    arrival,
    runtime: dist().describe("The job's backend runtime, drawn per job."),
  }).describe('The job queue the workers take tasks from.'),
  crash: strict({
    restartAfter: duration().describe('Process restart time. Default 10s.').optional(),
    redeliver: boolean().describe('acks_late: the task returns to the queue. Default false.').optional(),
  })
    .describe('What a worker crash does.')
    .optional(),
  autoretry: strict({
    maxRetries: integer(0).describe('Celery max_retries. Default 3.').optional(),
    backoffFactor: duration()
      .describe('Celery retry_backoff: countdown factor·2^retries. Default 1s.')
      .optional(),
    backoffMax: duration().describe('Celery retry_backoff_max. Default 10m.').optional(),
    jitter: boolean().describe('Celery retry_jitter. Default true.').optional(),
  })
    .describe('Celery autoretry_for: re-enqueue a failed task after a countdown.')
    .optional(),
}).describe('Closed loop: Celery workers taking jobs and polling them to completion.');

const trafficSource = strict({
  endpoint: reference('an endpoint').describe('Endpoint requested.'),
  arrival,
  client: policy().describe('A pinned client policy, the same in every run.').optional(),
  keys: integer(1).describe('Distinct keys (job ids) requests carry, for caches. Default 1000.').optional(),
}).describe('Open loop: requests arrive at a rate regardless of responses.');

const thresholdConditions = oneOf(
  [z.string(), z.array(z.string({ error: expecting('a condition like "< 50"') }))],
  'a condition like "< 50", or a list of them',
);

const metricName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, { error: expecting('a metric name like jobs.throughputPerMin') });

export const scenarioSchema = strict({
  $schema: z.string().describe('JSON Schema reference, for editors.').optional(),
  name: z
    .string({ error: expecting('a name') })
    .min(1, { error: expecting('a non-empty name') })
    .describe('Scenario name.'),
  description: z
    .string({ error: expecting('text') })
    .describe('What the scenario shows.')
    .optional(),
  seed: integer(0).describe('Seed of all random streams. Default 1.').optional(),
  duration: duration().describe('Simulated run length.'),
  bucket: duration()
    .describe('Time-series bucket width. Default: the smallest round width giving <= 2000.')
    .optional(),
  backend: strict({
    endpoints: namedRecord(endpoint, 'endpoints').describe('Endpoints by name.'),
    stages: namedRecord(stage, 'stages').describe('Stages by name.'),
  }).describe('The fake backend: endpoints served by chains of stages.'),
  workload: strict({
    fleet: fleet.optional(),
    traffic: namedRecord(trafficSource, 'traffic sources').describe('Open-loop sources by name.').optional(),
  }).describe('Who calls the backend: a Celery fleet and/or open-loop traffic sources.'),
  faults: z
    .array(fault, { error: expecting('a list of faults') })
    .describe('The fault timeline.')
    .optional(),
  policies: namedRecord(policy(), 'policies')
    .describe('Client policies compared side by side, in file order. Default: one policy named default.')
    .optional(),
  thresholds: namedRecord(thresholdConditions, 'conditions', metricName)
    .describe('Pass/fail conditions per metric, e.g. jobs.throughputPerMin: ["> 8"].')
    .optional(),
}).meta({ title: 'pollstorm scenario', description: 'A pollstorm load-simulation scenario.' });

/** What a TypeScript scenario file passes to `defineScenario`. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario file that passed the schema: shapes checked, units still strings, defaults not filled. */
export type RawScenario = z.output<typeof scenarioSchema>;
export type RawStage = z.output<typeof stage>;
export type RawFault = z.output<typeof fault>;
/** One fault on its own, for faults that arrive outside a scenario file (serve's control API). */
export const faultSchema = fault;
export type RawArrival = z.output<typeof arrival>;
export type RawFleet = z.output<typeof fleet>;
export type RawTrafficSource = z.output<typeof trafficSource>;
