/**
 * `pollstorm serve scenarios/seed-incident.yaml`, driven by a client the project did not write: Python's
 * standard-library urllib, the way a Celery worker's `requests.get(..., timeout=...)` would drive it. A job
 * is created and polled; a stall injected through the control API makes a read timeout fire; after the
 * fault is deleted the same poll answers at once; a bad fault is refused with 400.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ensureBuilt,
  killLeftovers,
  python,
  removeTempDirs,
  type ServeProcess,
  startServeCli,
  tempDir,
} from './serve-process.js';

/** A urllib client; each step prints one JSON line, so the test reads what happened in order. */
const CLIENT = `
import json, socket, sys, time, urllib.error, urllib.request

BASE = sys.argv[1]
JOBS = "/api/prompt-learning/online/jobs"

def call(method, path, body=None, timeout=5.0):
    data = None if body is None else body.encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return {"status": r.status, "body": json.loads(r.read() or b"null"), "s": time.monotonic() - t0}
    except urllib.error.HTTPError as e:
        return {"status": e.code, "body": json.loads(e.read() or b"null"), "s": time.monotonic() - t0}
    except (TimeoutError, socket.timeout) as e:
        return {"timeout": True, "s": time.monotonic() - t0}
    except urllib.error.URLError as e:
        if isinstance(e.reason, (TimeoutError, socket.timeout)):
            return {"timeout": True, "s": time.monotonic() - t0}
        raise

def step(name, result):
    print(json.dumps({"step": name, **result}), flush=True)

scenario = sys.argv[2]
if scenario == "poll":
    created = call("POST", JOBS, json.dumps({"prompt": "classify support tickets"}))
    step("create", created)
    job = created["body"]["job_id"]
    for i in range(3):
        step("poll", call("GET", f"{JOBS}/{job}/events"))
        time.sleep(0.2)
    step("unknown", call("GET", f"{JOBS}/no-such-job/events"))
elif scenario == "stall":
    job = call("POST", JOBS)["body"]["job_id"]
    step("before", call("GET", f"{JOBS}/{job}/events", timeout=5))
    fault = call("POST", "/__pollstorm/faults", json.dumps({"kind": "stall", "stage": "postgrest", "for": "10m"}))
    step("inject", fault)
    step("stalled", call("GET", f"{JOBS}/{job}/events", timeout=1.0))
    step("state", call("GET", "/__pollstorm/state"))
    step("delete", call("DELETE", "/__pollstorm/faults/" + fault["body"]["id"]))
    step("after", call("GET", f"{JOBS}/{job}/events", timeout=5))
elif scenario == "bad":
    step("no-for", call("POST", "/__pollstorm/faults", json.dumps({"kind": "stall", "stage": "postgrest"})))
    step("no-stage", call("POST", "/__pollstorm/faults", json.dumps({"kind": "stall", "stage": "pg", "for": "30s"})))
    step("at", call("POST", "/__pollstorm/faults", json.dumps({"kind": "stall", "stage": "postgrest", "at": "1m", "for": "30s"})))
    step("kind", call("POST", "/__pollstorm/faults", json.dumps({"kind": "stal", "stage": "postgrest", "for": "30s"})))
    step("state", call("GET", "/__pollstorm/state"))
`;

// biome-ignore lint/suspicious/noExplicitAny: JSON from the Python client, checked field by field below
type Json = any;
type Step = { step: string; status?: number; body?: Json; timeout?: boolean; s: number };

async function client(server: ServeProcess, which: string): Promise<Record<string, Step[]>> {
  const r = await python(tempDir(), CLIENT, [server.url, which]);
  expect(r.code, `python exited 0\n${r.stderr}`).toBe(0);
  const steps: Record<string, Step[]> = {};
  for (const line of r.stdout.trim().split('\n')) {
    const s = JSON.parse(line) as Step;
    const list = steps[s.step] ?? [];
    list.push(s);
    steps[s.step] = list;
  }
  return steps;
}

let server: ServeProcess;
beforeAll(async () => {
  ensureBuilt();
  server = await startServeCli(['scenarios/seed-incident.yaml', '--port', '0', '--no-faults']);
});
afterAll(async () => {
  if (server !== undefined) await server.stop();
  killLeftovers();
  removeTempDirs();
});

describe('serve driven by Python urllib', () => {
  test('a job is created (201 job_id) and polled: status, progress and events; an unknown job is 404', async () => {
    const steps = await client(server, 'poll');
    const created = steps.create?.[0] as Step;
    expect(created.status, 'POST status').toBe(201);
    expect(created.body.job_id, 'job_id').toMatch(/^[0-9a-f-]{36}$/);
    const polls = steps.poll ?? [];
    expect(polls).toHaveLength(3);
    for (const p of polls) {
      expect(p.status, 'GET status').toBe(200);
      expect(p.body.job_id).toBe(created.body.job_id);
      expect(['queued', 'running']).toContain(p.body.status);
      expect(p.body.progress).toBeGreaterThanOrEqual(0);
      expect(p.body.events[0]).toMatchObject({ seq: 1, type: 'job.created', level: 'info' });
      expect(typeof p.body.events[0].message).toBe('string');
      expect(Date.parse(p.body.events[0].created_at), 'ISO timestamp').not.toBeNaN();
    }
    expect(steps.unknown?.[0]?.status, 'unknown job').toBe(404);
  });

  test('a read timeout fires while an injected stall is active; after DELETE the poll answers at once', async () => {
    const steps = await client(server, 'stall');
    expect(steps.before?.[0]?.status, 'before the fault').toBe(200);
    const inject = steps.inject?.[0] as Step;
    expect(inject.status, 'POST fault').toBe(201);
    expect(inject.body).toMatchObject({ id: 'f1', active: true, source: 'control' });
    const stalled = steps.stalled?.[0] as Step;
    expect(stalled.timeout, `the read timed out (got ${JSON.stringify(stalled)})`).toBe(true);
    expect(stalled.s, 'after about the 1 s timeout').toBeGreaterThanOrEqual(0.9);
    expect(stalled.s).toBeLessThan(3);
    const state = steps.state?.[0]?.body;
    expect(state.stages.postgrest.stalled, 'postgrest stalled').toBe(true);
    expect(state.faults.map((f: { id: string }) => f.id)).toEqual(['f1']);
    expect(state.faults[0].remainingMs).toBeGreaterThan(500_000);
    expect(steps.delete?.[0]?.status, 'DELETE fault').toBe(200);
    const after = steps.after?.[0] as Step;
    expect(after.status, 'after the fault').toBe(200);
    expect(after.s, 'a normal answer, not a stall').toBeLessThan(1);
  });

  test('a bad fault is refused with 400 naming the problem, and nothing is injected', async () => {
    const steps = await client(server, 'bad');
    const problems = (name: string): string[] => {
      const s = steps[name]?.[0] as Step;
      expect(s.status, name).toBe(400);
      return s.body.problems;
    };
    expect(problems('no-for')).toEqual(['for: required']);
    expect(problems('no-stage')).toEqual(['stage: stage "pg" is not defined (defined: api, postgrest)']);
    expect(problems('at')).toEqual(['at: not allowed here: a posted fault starts now (leave at out)']);
    expect(problems('kind')[0]).toMatch(/^kind: expected one of latency, stall, .*got "stal"$/);
    expect(steps.state?.[0]?.body.faults).toEqual([]);
  });
});
