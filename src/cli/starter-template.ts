/**
 * The starter scenario `pollstorm init` writes: the seed incident in miniature (a Celery fleet polling
 * through an API and PostgREST while the database stalls), commented for someone who has never seen a
 * scenario. It must run as it is and pass its thresholds; a test holds it to that.
 */
import { parseScenarioText } from '../core/scenario/index.js';

export const STARTER_YAML = `# A pollstorm scenario: a fake backend, who calls it, what goes wrong, and the client
# policies to compare. Every policy runs on the same seed, so differences come from the policy.
#
#   npx pollstorm validate FILE    check it (one line per problem, exit 2 if any)
#   npx pollstorm run FILE         simulate it, compare the policies, write reports/
#
# Completion and checking as you type (VS Code with the YAML extension):
#   npx pollstorm schema -o pollstorm.schema.json
# then make this the first line of the file (the path is relative to this file):
#   # yaml-language-server: $schema=./pollstorm.schema.json
#
# Durations take a unit (250ms, 5s, 3m, 1h); rates are per unit of time (20/s, 2/min).

name: starter
description: Five Celery workers poll job progress while the database stalls for a minute.
seed: 1          # every random draw derives from it: same seed, same numbers
duration: 10m    # simulated time; the simulator needs well under a second for it

backend:
  endpoints:
    # What the pollers call. A request holds its API thread while the next stage works.
    events: { method: GET, path: /jobs/:jobId/events, stages: [api, db] }
  stages:
    api: { concurrency: 40, service: 2ms, downstreamTimeout: 60s }
    db:
      concurrency: 10                        # connection pool size
      queue: { timeout: 10s, status: 504 }   # pool acquisition timeout, answered with 504
      service: { dist: lognormal, median: 30ms, p99: 400ms }

workload:
  fleet:         # closed loop: workers take jobs from a queue and poll each one until it is done
    workers: 5
    endpoint: events
    jobs:
      arrival: { kind: batch, count: 20 }                 # 20 jobs queued at the start
      runtime: { dist: lognormal, median: 1m, p95: 3m }   # backend time per job
  traffic:       # open loop: requests keep arriving whatever the answers
    ui: { endpoint: events, arrival: { kind: poisson, rate: 10/s }, client: { timeout: { total: 10s } } }

faults:          # kinds: latency, stall, capacity, errors, down, load
  - { kind: stall, stage: db, at: 3m, for: 60s }   # the database makes no progress for a minute

policies:        # compared side by side, in this order
  naive:         # poll every 5 s, wait up to 60 s, retry a failed poll after 5 s, log ERROR
    interval: 5s
    timeout: { read: 60s }
    backoff: none
    onFailure: { log: error }
  backoff:       # shorter timeout, capped exponential backoff with full jitter, log WARNING
    extends: naive
    timeout: { read: 15s }
    backoff: { kind: exponential, base: 5s, factor: 2, max: 1m, jitter: full }
    onFailure: { log: warning }

thresholds:      # checked per policy; any failure makes \`run\` exit 99 (a CI gate)
  jobs.completed: [">= 15"]
  recovery.metastable: ["== false"]
`;

export type StarterFormat = 'yaml' | 'json' | 'ts';

export function starterFormat(path: string): StarterFormat {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.[cm]?ts$/i.test(path)) return 'ts';
  return 'yaml';
}

function starterValue(): unknown {
  const parsed = parseScenarioText(STARTER_YAML, 'yaml');
  if (!parsed.ok) throw new Error(`Failed to build the starter scenario: ${parsed.problems.join('; ')}`);
  return parsed.raw;
}

/** The starter in the format of the file name; JSON has no comments, TypeScript gets types instead. */
export function starterText(format: StarterFormat): string {
  if (format === 'yaml') return STARTER_YAML;
  if (format === 'json') return `${JSON.stringify(starterValue(), null, 2)}\n`;
  return `// A pollstorm scenario in TypeScript: defineScenario gives completion and type checks.
// Run it: npx pollstorm run FILE
import { defineScenario } from 'pollstorm';

export default defineScenario(${toTsObject(starterValue())});
`;
}

/** A JavaScript object literal with unquoted keys where possible, indented two spaces. */
function toTsObject(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => toTsObject(v, `${indent}  `));
    const oneLine = `[${items.join(', ')}]`;
    return oneLine.length < 80 && !oneLine.includes('\n')
      ? oneLine
      : `[\n${items.map((i) => `${indent}  ${i}`).join(',\n')},\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => {
      const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`;
      return `${key}: ${toTsObject(v, `${indent}  `)}`;
    });
    const oneLine = `{ ${entries.join(', ')} }`;
    return oneLine.length < 80 && !oneLine.includes('\n')
      ? oneLine
      : `{\n${entries.map((e) => `${indent}  ${e}`).join(',\n')},\n${indent}}`;
  }
  return typeof value === 'string'
    ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : JSON.stringify(value);
}
