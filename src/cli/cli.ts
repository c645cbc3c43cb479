/**
 * The command line (DESIGN §6): yargs commands over the loader, the simulator, the report and the summary
 * comparisons. Every command returns its exit code; errors become exit codes here, never stack traces
 * (unless --verbose asks for them).
 */
import yargs, { type Argv } from 'yargs';
import { VERSION } from '../version.js';
import { type CompareArgs, compareBuilder, compareCommand } from './commands/compare.js';
import { type InitArgs, initBuilder, initCommand } from './commands/init.js';
import { type ReportArgs, reportBuilder, reportCommand } from './commands/report.js';
import { type RunArgs, runBuilder, runCommand } from './commands/run.js';
import { type SchemaArgs, schemaBuilder, schemaCommand } from './commands/schema.js';
import { type ServeArgs, serveBuilder, serveCommand } from './commands/serve.js';
import { type ValidateArgs, validateBuilder, validateCommand } from './commands/validate.js';
import { type Io, processIo } from './context.js';
import { BadInputError, EXIT } from './exit-codes.js';

const EXIT_CODES = `Exit codes:
  0    ok
  1    harness failure (a bug or the environment; --verbose prints the stack)
  2    bad input: a scenario or summary that does not validate, a missing file, a bad flag
  98   a metric regressed against --baseline by more than --max-regression
  99   a threshold failed
  130  interrupted (Ctrl-C): the runs finished so far are written, marked partial`;

const COMMANDS = ['run', 'validate', 'schema', 'init', 'compare', 'report', 'serve'];

/** Suggestions ("Did you mean run?") read best after the problem they answer. */
function rank(message: string): number {
  return message.startsWith('Did you mean') ? 1 : 0;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** One line per problem for bad input; one line and a hint for anything else. */
export function reportError(e: unknown, io: Io, verbose: boolean): number {
  if (e instanceof BadInputError) {
    for (const problem of e.problems) io.stderr.write(`${problem}\n`);
    return EXIT.badInput;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  const line = error.message.split('\n')[0] ?? 'unknown error';
  io.stderr.write(`${io.err.red('pollstorm')}: ${line}\n`);
  if (verbose) io.stderr.write(`${error.stack ?? line}\n`);
  else
    io.stderr.write(
      io.err.dim(
        'This is a harness failure, not a problem with your scenario: rerun with --verbose for the stack.\n',
      ),
    );
  return EXIT.harnessFailure;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const usageErrors: string[] = [];
  const verbose = argv.includes('--verbose');
  const command = ['pollstorm', ...argv].map(quote).join(' ');
  const guard =
    <A>(fn: (args: A) => Promise<number>) =>
    async (args: A): Promise<void> => {
      // yargs may still call the handler after reporting a usage error through fail(); don't run then.
      if (usageErrors.length > 0) return;
      try {
        code = await fn(args);
      } catch (e) {
        code = reportError(e, io, verbose);
      }
    };
  const parser: Argv = yargs(argv)
    .scriptName('pollstorm')
    .usage(
      '$0 <command> [options]\n\nSimulate job pollers against a slow backend and compare timeout, backoff and retry policies.',
    )
    .command<RunArgs>(
      'run <scenario>',
      'Simulate a scenario and compare its policies side by side',
      runBuilder,
      guard((a) => runCommand(a, io, command)),
    )
    .command<ValidateArgs>(
      'validate <scenarios..>',
      'Check scenario files without running them',
      validateBuilder,
      guard((a) => validateCommand(a, io)),
    )
    .command<SchemaArgs>(
      'schema',
      'Print the JSON Schema of scenario files (editor completion)',
      schemaBuilder,
      guard((a) => schemaCommand(a, io)),
    )
    .command<InitArgs>(
      'init [file]',
      'Write a commented starter scenario that runs as it is',
      initBuilder,
      guard((a) => initCommand(a, io)),
    )
    .command<CompareArgs>(
      'compare <summaries..>',
      'Per-metric deltas between saved summaries, better or worse',
      compareBuilder,
      guard((a) => compareCommand(a, io)),
    )
    .command<ReportArgs>(
      'report <summaries..>',
      'Render the HTML report of saved summaries',
      reportBuilder,
      guard((a) => reportCommand(a, io, command)),
    )
    .command<ServeArgs>(
      'serve <scenario>',
      "Serve a scenario's backend to real clients, with a chaos control API and /metrics",
      serveBuilder,
      guard((a) => serveCommand(a, io)),
    )
    .option('verbose', {
      type: 'boolean',
      default: false,
      global: true,
      describe: 'Print the stack trace of a harness failure, e.g. run s.yaml --verbose',
    })
    .example('$0 init', 'Write scenarios/starter.yaml')
    .example('$0 run scenarios/starter.yaml', 'Simulate it, print the comparison, write reports/')
    .example('$0 run --help', 'The flags of one command')
    .epilog(EXIT_CODES)
    .demandCommand(1, 'Name a command: run, validate, schema, init, compare, report or serve.')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .alias('version', 'V')
    .group(['verbose', 'help', 'version'], 'Global options:')
    .wrap(Math.min(120, process.stdout.columns || 120))
    .showHelpOnFail(false)
    .exitProcess(false)
    .fail((message: string | null, error: Error | undefined) => {
      if (error !== undefined && message === null) throw error;
      usageErrors.push(message ?? error?.message ?? 'bad command line');
    });
  if (argv.length === 0) {
    io.stderr.write(`${await parser.getHelp()}\n`);
    return EXIT.badInput;
  }
  try {
    await parser.parseAsync();
  } catch (e) {
    return reportError(e, io, verbose);
  }
  if (usageErrors.length > 0) {
    const which = COMMANDS.find((c) => c === argv[0]);
    // Most specific first: "Missing required argument: scenario" says what "Not enough arguments" means.
    const messages = [...new Set(usageErrors)].sort((a, b) => rank(a) - rank(b));
    if (messages.some((m) => m.startsWith('Missing required argument'))) {
      messages.splice(0, messages.length, ...messages.filter((m) => !m.startsWith('Not enough non-option')));
    }
    for (const message of messages) io.stderr.write(`${message}\n`);
    io.stderr.write(
      io.err.dim(
        `Run "pollstorm ${which === undefined ? '' : `${which} `}--help" for the commands and flags.\n`,
      ),
    );
    return EXIT.badInput;
  }
  return code;
}
