/** The live benchmark reads wrk's report: requests per second, latency percentiles, errors of any kind. */
import { expect, it } from 'vitest';
import { parseWrk, pollersScenario, POLLERS } from '../../bench/live.js';

const REPORT = `Running 5s test @ http://127.0.0.1:41234/api/prompt-learning/online/jobs/17/events
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.62ms  415.22us   9.87ms   91.02%
    Req/Sec    39.87k     1.93k   42.11k    82.00%
  Latency Distribution
     50%    1.45ms
     75%    1.60ms
     90%    1.98ms
     99%  850.00us
  198412 requests in 5.00s, 33.87MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  39682.40
Transfer/sec:      6.77MB
`;

it('reads rate, percentiles in ms whatever the unit, and counts socket errors and non-2xx', () => {
  expect(parseWrk(REPORT)).toEqual({
    requestsPerSec: 39682.4,
    latencyP50Ms: 1.45,
    latencyP99Ms: 0.85,
    errors: 7,
  });
  expect(() => parseWrk('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/Failed to read wrk/);
});

it('the pollers case is 2,000 Celery workers that keep polling for the whole run', () => {
  const s = pollersScenario(20);
  expect(s.workload.fleet?.workers).toBe(POLLERS);
  expect(s.workload.fleet?.jobs.arrival).toMatchObject({ kind: 'constant', count: POLLERS });
  expect(s.policies.default?.intervalMs).toBe(1000);
});
