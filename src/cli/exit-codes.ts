/**
 * Exit codes a pipeline can act on (DESIGN §6): 99 for a failed threshold follows k6; 98 for a regression
 * against a baseline sits next to it. 130 is the shell's convention for a run stopped by Ctrl-C (128 + SIGINT).
 */
export const EXIT = {
  ok: 0,
  harnessFailure: 1,
  badInput: 2,
  regression: 98,
  thresholdFailed: 99,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Bad input: a missing or unreadable file, a scenario or summary that does not validate, a flag that does
 * not fit. Each line is one problem, printed as it is (no stack trace); the exit code is 2.
 */
export class BadInputError extends Error {
  readonly code = 'BAD_INPUT';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'BadInputError';
  }
}

export function badInput(...problems: string[]): BadInputError {
  return new BadInputError(problems);
}
