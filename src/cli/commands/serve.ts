/**
 * `pollstorm serve <scenario>`: the scenario's backend as a standalone fake server for real clients —
 * a Celery fleet using requests, a Go service, a browser — with a chaos control API (Toxiproxy-style, at
 * the HTTP and database-pool layer) and Prometheus metrics. Runs until Ctrl-C or SIGTERM.
 */
import type { Argv } from 'yargs';
import { summary } from '../../adapters/serve/fault-control.js';
import { FAULT_EXAMPLE } from '../../adapters/serve/posted-fault.js';
import { DEFAULT_HOST, type RunningServe, ServeInputError, startServe } from '../../adapters/serve/server.js';
import type { Scenario } from '../../core/scenario/types.js';
import { formatDuration } from '../../core/units.js';
import { scaledBelowResolution } from '../../engine/live/time-scale.js';
import { type Io, loadScenarioOrFail } from '../context.js';
import { badInput, EXIT } from '../exit-codes.js';

export interface ServeArgs {
  scenario: string;
  host: string;
  port: number;
  timeScale: number;
  faults: boolean;
  controlToken?: string;
  seed?: number;
}

/** uvicorn's default port: a poller set up against a local backend finds this one. */
export const DEFAULT_PORT = 8000;

/** How long a stop may take before the process leaves anyway. */
const STOP_DEADLINE_MS = 1500;

export function serveBuilder(y: Argv): Argv<ServeArgs> {
  return y
    .positional('scenario', {
      type: 'string',
      describe: 'Scenario file whose backend to serve: .yaml, .yml, .json or .ts',
      demandOption: true,
    })
    .option('host', {
      type: 'string',
      default: DEFAULT_HOST,
      describe: 'Address to listen on; anything but loopback needs --control-token, e.g. --host 0.0.0.0',
      requiresArg: true,
    })
    .option('port', {
      type: 'number',
      default: DEFAULT_PORT,
      describe: 'Port to listen on (0: any free one; the URL is printed), e.g. --port 9000',
      requiresArg: true,
    })
    .option('time-scale', {
      type: 'number',
      default: 1,
      describe:
        'Wall time per scenario time: 0.1 runs service times, job runtimes and fault windows 10× faster, e.g. --time-scale 0.1',
      requiresArg: true,
    })
    .option('faults', {
      type: 'boolean',
      default: true,
      describe:
        "Run the scenario's fault timeline, counted from server start (the control API injects either way), e.g. --no-faults to skip it",
    })
    .option('control-token', {
      type: 'string',
      describe:
        'Bearer token the control API and /metrics then demand (default: $POLLSTORM_CONTROL_TOKEN), e.g. --control-token s3cret',
      requiresArg: true,
    })
    .option('seed', {
      type: 'number',
      describe: "Seed of service times, job runtimes and payloads (default: the scenario's), e.g. --seed 7",
      requiresArg: true,
    })
    .example([
      ['$0 serve scenarios/seed-incident.yaml', 'The incident backend on http://127.0.0.1:8000'],
      ['$0 serve s.yaml --no-faults --port 0', 'No timeline faults; any free port'],
      ['$0 serve s.yaml --time-scale 0.1', 'Everything 10× faster than the scenario says'],
      [
        '$0 serve s.yaml --host 0.0.0.0 --control-token s3cret',
        'Reachable from other machines; control needs the token',
      ],
    ])
    .epilog(
      [
        'Control API (JSON; with a token: Authorization: Bearer <token>):',
        '  GET    /__pollstorm/state        stages (in flight, queued, served, rejected), faults, counters, jobs',
        '  POST   /__pollstorm/faults       a fault in the scenario language, starting now; for is required',
        '  DELETE /__pollstorm/faults/<id>  end one fault now (timeline faults are scenario-0, scenario-1, …)',
        "  DELETE /__pollstorm/faults       end every fault, the timeline's waiting ones too",
        '  POST   /__pollstorm/reset        end every fault, zero the counters, forget the jobs',
        '  GET    /metrics                  Prometheus text format',
        `e.g. stall PostgREST for 30 s, now: curl -d '${FAULT_EXAMPLE}' localhost:8000/__pollstorm/faults`,
        '',
        'Job API: a POST endpoint creates a job (201 {"job_id": …}, its runtime drawn from the fleet\'s',
        "jobs.runtime); a GET endpoint with a path parameter answers that job's status, progress and events",
        '(404 for an unknown job). Every request still goes through the stages, queues and faults.',
      ].join('\n'),
    ) as unknown as Argv<ServeArgs>;
}

function checkFlags(args: ServeArgs): void {
  const problems: string[] = [];
  if (!(Number.isInteger(args.port) && args.port >= 0 && args.port <= 65535))
    problems.push(
      `--port: expected an integer from 0 to 65535, got ${Number.isNaN(args.port) ? 'something else' : args.port}`,
    );
  if (!(args.timeScale > 0 && Number.isFinite(args.timeScale)))
    problems.push(
      `--time-scale: expected a number > 0, got ${Number.isNaN(args.timeScale) ? 'something else' : args.timeScale}`,
    );
  if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0))
    problems.push(
      `--seed: expected an integer >= 0, got ${Number.isNaN(args.seed) ? 'something else' : args.seed}`,
    );
  if (args.host.trim() === '') problems.push('--host: expected an address, e.g. 127.0.0.1');
  if (problems.length > 0) throw badInput(...problems);
}

/** Backend and fault durations a time scale shrinks below what timers resolve (traffic does not run here). */
function scaleWarning(scenario: Scenario, timeScale: number): string | null {
  const low = scaledBelowResolution(scenario, timeScale, []).filter(
    (d) => d.path.startsWith('backend') || d.path.startsWith('faults'),
  );
  if (low.length === 0) return null;
  const shown = low
    .slice(0, 3)
    .map((d) => `${d.path} ${formatDuration(d.scenarioMs)}`)
    .join(', ');
  return `warning: --time-scale ${timeScale} makes ${shown}${low.length > 3 ? ` and ${low.length - 3} more` : ''} shorter than timers resolve; latencies there will be mostly overhead`;
}

/** The deepest stage of the first endpoint (the database, usually): what a person would stall first. */
function exampleStage(s: Scenario): string {
  const first = Object.values(s.backend.endpoints)[0];
  return first?.stages[first.stages.length - 1] ?? Object.keys(s.backend.stages)[0] ?? 'api';
}

function banner(running: RunningServe, args: ServeArgs, tokenSet: boolean): string {
  const { served, origin } = running;
  const s = served.scenario;
  const lines = [
    `pollstorm serve: ${s.name} listening on ${origin} (seed ${served.seed}, time scale ${served.timeScale})`,
    '',
    'Endpoints (each through its stages, queues and faults):',
  ];
  const entries = Object.entries(s.backend.endpoints);
  const width = Math.max(...entries.map(([, e]) => e.path.length));
  for (const [name, e] of entries) {
    const role = served.role(name);
    const what =
      role === 'create'
        ? 'creates a job → 201 {"job_id": …}'
        : role === 'read'
          ? `a job's status, progress and events${served.jobsOnFirstRead ? ' (any id: a job is made on first read)' : ' (404 for an unknown job)'}`
          : 'answers {"key", "status"}';
    lines.push(`  ${e.method.padEnd(6)} ${e.path.padEnd(width)}  ${name}: ${what}`);
  }
  lines.push(
    '',
    `Control API${tokenSet ? ' (Authorization: Bearer <token>)' : ''}:`,
    '  GET    /__pollstorm/state        stages, faults, counters, jobs',
    '  POST   /__pollstorm/faults       a fault in the scenario language, starting now',
    '  DELETE /__pollstorm/faults/<id>  end one fault now (or every fault: DELETE /__pollstorm/faults)',
    '  POST   /__pollstorm/reset        end every fault, zero the counters, forget the jobs',
    '  GET    /metrics                  Prometheus text format',
    `  e.g. curl -d '{"kind":"stall","stage":"${exampleStage(s)}","for":"30s"}' ${origin}/__pollstorm/faults`,
    '',
  );
  const timeline = s.faults.filter((f) => f.kind !== 'load');
  if (!args.faults) lines.push(`Fault timeline: skipped (--no-faults; the scenario has ${s.faults.length})`);
  else if (timeline.length === 0) lines.push('Fault timeline: none in the scenario');
  else {
    lines.push('Fault timeline, counted from now (--no-faults skips it):');
    s.faults.forEach((f, i) => {
      if (f.kind === 'load') return;
      lines.push(`  scenario-${i}: ${summary(f)}, at ${formatDuration(f.atMs)}`);
    });
  }
  if (s.faults.some((f) => f.kind === 'load'))
    lines.push('  (load faults are left out: serve runs no traffic sources, its clients are real)');
  lines.push('', 'Ctrl-C stops.');
  return `${lines.join('\n')}\n`;
}

/** Resolves with the first SIGINT or SIGTERM; a second one leaves at once. */
function nextStopSignal(): { stopped: Promise<NodeJS.Signals>; release: () => void } {
  let handler: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    let seen = false;
    handler = (signal) => {
      if (seen) process.exit(EXIT.interrupted);
      seen = true;
      resolve(signal);
    };
  });
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    stopped,
    release: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export async function serveCommand(args: ServeArgs, io: Io): Promise<number> {
  checkFlags(args);
  const scenario = await loadScenarioOrFail(args.scenario);
  const token = args.controlToken ?? io.env.POLLSTORM_CONTROL_TOKEN;
  const warning = scaleWarning(scenario, args.timeScale);
  if (warning !== null) io.stderr.write(`${warning}\n`);
  const { stopped, release } = nextStopSignal();
  let running: RunningServe;
  try {
    running = await startServe(scenario, {
      host: args.host,
      port: args.port,
      timeScale: args.timeScale,
      faults: args.faults,
      ...(token === undefined || token === '' ? {} : { controlToken: token }),
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      onFaultEdge: (line, nowMs) =>
        io.stderr.write(`${io.err.dim(`[${formatDuration(Math.round(nowMs))}]`)} ${line}\n`),
    });
  } catch (e) {
    release();
    if (e instanceof ServeInputError) throw badInput(...e.problems);
    throw e;
  }
  io.stdout.write(banner(running, args, token !== undefined && token !== ''));
  const signal = await stopped;
  io.stderr.write(`${signal === 'SIGINT' ? '\n' : ''}stopping (${signal})…\n`);
  const deadline = setTimeout(() => {
    io.stderr.write(`pollstorm: the server did not stop within ${STOP_DEADLINE_MS} ms; leaving anyway\n`);
    process.exit(EXIT.harnessFailure);
  }, STOP_DEADLINE_MS);
  deadline.unref();
  try {
    await running.close();
  } finally {
    clearTimeout(deadline);
    release();
  }
  return EXIT.ok;
}
