/** `pollstorm validate <scenario>...`: check scenario files without running them. */
import type { Argv } from 'yargs';
import { loadScenarioFile } from '../../adapters/scenario-file.js';
import type { Scenario } from '../../core/scenario/types.js';
import { formatDuration } from '../../report/format.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';

export interface ValidateArgs {
  scenarios: string[];
}

export function validateBuilder(y: Argv): Argv<ValidateArgs> {
  return y
    .positional('scenarios', {
      type: 'string',
      array: true,
      describe: 'Scenario files: .yaml, .yml, .json or .ts',
      demandOption: true,
    })
    .example('$0 validate scenarios/seed-incident.yaml', 'Check one file')
    .example('$0 validate scenarios/*.yaml', 'Check many: one line per problem, exit 2 if any is invalid')
    .epilog(
      'Problems are printed one per line as <file>: <path>: <what is wrong>, e.g.\n  s.yaml: policies.recommended.backoff.jitter: expected one of none, full, equal, decorrelated, got "fulll"',
    ) as unknown as Argv<ValidateArgs>;
}

function describe(s: Scenario): string {
  const policies = Object.keys(s.policies);
  const thresholds = Object.values(s.thresholds).reduce((n, c) => n + c.length, 0);
  return [
    s.name,
    `${formatDuration(s.durationMs)} simulated`,
    `${policies.length} ${policies.length === 1 ? 'policy' : 'policies'} (${policies.join(', ')})`,
    `${thresholds} ${thresholds === 1 ? 'threshold' : 'thresholds'}`,
  ].join(' · ');
}

export async function validateCommand(args: ValidateArgs, io: Io): Promise<number> {
  let invalid = 0;
  for (const path of args.scenarios) {
    const result = await loadScenarioFile(path);
    if (result.ok) {
      io.stdout.write(`${io.out.green('valid')}  ${path}: ${describe(result.scenario)}\n`);
    } else {
      invalid++;
      for (const problem of result.problems) io.stderr.write(`${path}: ${problem}\n`);
    }
  }
  if (invalid > 0 && args.scenarios.length > 1)
    io.stderr.write(`${invalid} of ${args.scenarios.length} files are invalid\n`);
  return invalid > 0 ? EXIT.badInput : EXIT.ok;
}
