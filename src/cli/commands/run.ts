/**
 * `pollstorm run <scenario>`: run every policy (or those picked with --policy) on one or more seeds — simulated,
 * or live against a real HTTP backend on loopback with --engine live —
 * print the policies side by side, write the summary and reports, and exit with a code CI can act on.
 */
import type { Argv } from 'yargs';
import type { Scenario } from '../../core/scenario/types.js';
import { didYouMean } from '../../core/scenario/suggest.js';
import { timeScaleWarning } from '../../engine/live/time-scale.js';
import { buildSummary, type Summary } from '../../engine/summary.js';
import { formatMetric } from '../../report/format.js';
import { type Io, listFlag, loadScenarioOrFail } from '../context.js';
import { findRegressions, percentText, type Regression } from '../deltas.js';
import { badInput, EXIT } from '../exit-codes.js';
import { writeOutputs } from '../outputs.js';
import { ProgressBar, progressWanted } from '../progress.js';
import { runLiveEngine } from '../run-live.js';
import { runSimulation } from '../run-sim.js';
import { summaryText } from '../summary-table.js';
import { readSummaryFile } from '../summary-file.js';
import { failedThresholds } from '../verdict.js';

export interface RunArgs {
  scenario: string;
  policy?: unknown;
  seed?: number;
  seeds: number;
  engine: string;
  timeScale?: number;
  out: string | false;
  json?: string;
  html?: string;
  junit?: string;
  baseline?: string;
  maxRegression?: number;
  quiet: boolean;
  verbose: boolean;
}

export function runBuilder(y: Argv): Argv<RunArgs> {
  return y
    .positional('scenario', {
      type: 'string',
      describe: 'Scenario file: .yaml, .yml, .json or .ts',
      demandOption: true,
    })
    .option('policy', {
      alias: 'p',
      type: 'string',
      describe:
        'Run only this policy; repeat or comma-separate for several (default: all), e.g. -p recommended -p seed-default',
      requiresArg: true,
    })
    .option('seed', {
      type: 'number',
      describe: "Seed of all random streams (default: the scenario's), e.g. --seed 7",
      requiresArg: true,
    })
    .option('seeds', {
      type: 'number',
      default: 1,
      describe:
        'Run K seeds (seed, seed+1, …) per policy: cells show mean ± 95% CI, thresholds apply to the mean, e.g. --seeds 5',
      requiresArg: true,
    })
    .option('engine', {
      type: 'string',
      choices: ['sim', 'live'],
      default: 'sim',
      describe:
        'sim: virtual time, deterministic; live: a real fastify backend on 127.0.0.1 polled over real HTTP, e.g. --engine live',
    })
    .option('time-scale', {
      type: 'number',
      describe:
        'Live engine only: wall time per scenario time (default 1); 0.05 runs a scenario 20× faster, e.g. --time-scale 0.05',
      requiresArg: true,
    })
    .option('out', {
      type: 'string',
      default: 'reports',
      describe:
        'Folder for <name>.summary.json, <name>.html and index.html, e.g. --out ci-reports; --no-out writes none',
      requiresArg: true,
    })
    .option('json', {
      type: 'string',
      describe: 'Also write the summary JSON here, e.g. --json run.json (- for standard output)',
      requiresArg: true,
    })
    .option('html', {
      type: 'string',
      describe: 'Also write the self-contained HTML report here, e.g. --html report.html',
      requiresArg: true,
    })
    .option('junit', {
      type: 'string',
      describe: 'Write JUnit XML, one test case per threshold per policy, e.g. --junit junit.xml',
      requiresArg: true,
    })
    .option('baseline', {
      type: 'string',
      describe:
        'A previous summary to compare with; exit 98 on a regression, e.g. --baseline reports/main.summary.json',
      requiresArg: true,
    })
    .option('max-regression', {
      type: 'number',
      describe:
        'With --baseline: the largest change for the worse allowed, in percent (default 10), e.g. --max-regression 5',
      requiresArg: true,
    })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      default: false,
      describe: 'No table, no progress bar: only failed thresholds and regressions (stderr), e.g. -q in CI',
    })
    .example([
      ['$0 run scenarios/seed-incident.yaml', 'Every policy; print the comparison; write reports/'],
      ['$0 run s.yaml -p a -p b --seeds 5', 'Policies a and b only, 5 seeds each: mean ± CI'],
      ['$0 run s.yaml --junit junit.xml --no-out', 'CI: thresholds as JUnit test cases, no report folder'],
      ['$0 run s.yaml --baseline old.json --max-regression 5', 'Exit 98 if any metric got >5% worse'],
      ['$0 run s.yaml --json - -q | jq .aggregate', 'The summary JSON on standard output'],
      [
        '$0 run s.yaml --engine live --time-scale 0.05',
        'Real HTTP on 127.0.0.1, 20× faster than the scenario',
      ],
    ]) as unknown as Argv<RunArgs>;
}

function integerFlag(name: string, value: number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min)
    throw badInput(
      `--${name}: expected an integer >= ${min}, got ${Number.isNaN(value) ? 'something else' : value}`,
    );
  return value;
}

/** Checks the flags against each other and the scenario; bad input exits 2 before anything runs. */
function plan(args: RunArgs, scenario: Scenario): { policies: string[]; seeds: number[] } {
  const known = Object.keys(scenario.policies);
  const picked = listFlag(args.policy);
  const unknown = picked.filter((p) => !known.includes(p));
  if (unknown.length > 0) {
    throw badInput(
      ...unknown.map(
        (p) =>
          `--policy ${p}: no such policy in ${args.scenario} (it has ${known.join(', ')})${didYouMean(p, known)}`,
      ),
    );
  }
  const policies = picked.length === 0 ? known : known.filter((p) => picked.includes(p));
  const seed = integerFlag('seed', args.seed, 0) ?? scenario.seed;
  const count = integerFlag('seeds', args.seeds, 1) ?? 1;
  return { policies, seeds: Array.from({ length: count }, (_, i) => seed + i) };
}

function checkFlags(args: RunArgs): void {
  if (args.timeScale !== undefined && args.engine !== 'live')
    throw badInput('--time-scale: applies to --engine live only');
  if (args.timeScale !== undefined && !(args.timeScale > 0 && Number.isFinite(args.timeScale)))
    throw badInput(`--time-scale: expected a number > 0, got ${args.timeScale}`);
  if (args.maxRegression !== undefined && args.baseline === undefined)
    throw badInput('--max-regression: needs --baseline SUMMARY.json to compare against');
  if (args.maxRegression !== undefined && !(args.maxRegression >= 0))
    throw badInput(`--max-regression: expected a percentage >= 0, got ${args.maxRegression}`);
}

function regressionLine(r: Regression, max: number): string {
  const change = `${formatMetric(r.metric, r.before)} → ${formatMetric(r.metric, r.after)}`;
  return `regression: ${r.policy}: ${r.metric} ${change} (${percentText(r.regressionPercent ?? 0).replace(/^[+−±]/, '')} worse, limit ${max} %)`;
}

/** Ctrl-C (and SIGTERM) stop the simulation and keep what it finished; a second one quits at once. */
function interruptOnSignal(controller: AbortController): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? EXIT.interrupted : 143);
    controller.abort(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export async function runCommand(args: RunArgs, io: Io, command: string): Promise<number> {
  checkFlags(args);
  const scenario = await loadScenarioOrFail(args.scenario);
  const { policies, seeds } = plan(args, scenario);
  const baseline = args.baseline === undefined ? undefined : await readSummaryFile(args.baseline);
  const maxRegression = args.maxRegression ?? 10;

  const total = policies.length * seeds.length;
  const bar = progressWanted(io.stderr, args.quiet, io.env)
    ? new ProgressBar(io.stderr, total, 'runs')
    : undefined;
  const label = (policy: string, seed: number): string =>
    seeds.length > 1 ? `${policy} seed ${seed}` : policy;
  bar?.update(0, label(policies[0] as string, seeds[0] as number));
  const controller = new AbortController();
  const release = interruptOnSignal(controller);
  const live = args.engine === 'live';
  const timeScale = args.timeScale ?? 1;
  const scaleWarning = live ? timeScaleWarning(scenario, timeScale, policies) : null;
  if (scaleWarning !== null) io.stderr.write(`${scaleWarning}\n`);
  const drive = {
    policies,
    seeds,
    signal: controller.signal,
    onRun: (_run: unknown, done: number) => {
      const next = Math.min(done, total - 1);
      bar?.update(
        done,
        label(policies[Math.floor(next / seeds.length)] as string, seeds[next % seeds.length] as number),
      );
    },
  };
  const outcome = await (live
    ? runLiveEngine(scenario, { ...drive, timeScale, onWarning: (line) => io.stderr.write(`${line}\n`) })
    : runSimulation(scenario, drive)
  ).finally(() => {
    bar?.stop();
    release();
  });

  if (outcome.kind === 'failed') {
    const error = new Error(`Failed to ${live ? 'run' : 'simulate'} ${scenario.name}: ${outcome.message}`);
    error.stack = outcome.stack;
    throw error;
  }
  const interrupted = outcome.kind === 'interrupted';
  const summary: Summary = buildSummary(scenario, live ? 'live' : 'sim', seeds, outcome.runs, interrupted);
  const outputs = {
    outDir: args.out === false || args.out === '' ? undefined : args.out,
    json: args.json,
    html: args.html,
    junit: args.junit,
    command,
  };
  const tableStream = args.json === '-' ? io.stderr : io.stdout;
  const tableStyle = args.json === '-' ? io.err : io.out;

  if (interrupted) {
    const written = await writeOutputs(summary, outputs, io.stdout);
    if (!args.quiet && outcome.runs.length > 0) tableStream.write(`\n${summaryText(summary, tableStyle)}`);
    io.stderr.write(
      `\nInterrupted: ${'finished' in outcome ? outcome.finished : outcome.runs.length} of ${total} runs had finished; the summary is marked partial.\n`,
    );
    for (const path of written) io.stderr.write(`  wrote ${path}\n`);
    return EXIT.interrupted;
  }

  const written = await writeOutputs(summary, outputs, io.stdout);
  if (!args.quiet) {
    tableStream.write(`\n${summaryText(summary, tableStyle)}\n`);
    if (written.length > 0) tableStream.write(`${tableStyle.dim(`wrote ${written.join(', ')}`)}\n`);
  }

  const failed = failedThresholds(summary);
  const regressions = baseline === undefined ? [] : findRegressions(baseline, summary, maxRegression);
  if (baseline !== undefined && baseline.scenario?.name !== scenario.name) {
    io.stderr.write(
      `note: the baseline is from scenario "${baseline.scenario?.name}", this run is "${scenario.name}"\n`,
    );
  }
  for (const { policy, result } of failed) {
    io.stderr.write(
      `${io.err.red('threshold failed')}: ${policy}: ${result.metric} ${result.condition} (was ${formatMetric(result.metric, result.value)})\n`,
    );
  }
  for (const r of regressions) io.stderr.write(`${io.err.red(regressionLine(r, maxRegression))}\n`);
  if (failed.length > 0) return EXIT.thresholdFailed;
  if (regressions.length > 0) return EXIT.regression;
  if (!args.quiet && Object.keys(scenario.thresholds).length > 0)
    tableStream.write(`${tableStyle.green('All thresholds passed.')}\n`);
  return EXIT.ok;
}
