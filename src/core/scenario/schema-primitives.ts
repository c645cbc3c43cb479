/**
 * The building blocks of the scenario schema: units as validated strings, names, bounded numbers and
 * strict objects. Each carries its own human message, so a problem reads the same wherever it occurs.
 * Units stay strings here (the JSON Schema shows them as patterns); `normalize` converts them.
 */
import { z } from 'zod';
import { describeValue } from './describe-value.js';
import { didYouMean } from './suggest.js';

type ErrorFn = (issue: { input: unknown }) => string;

/** The message for a value that is not `what`; a missing value is simply `required`. */
export function expecting(what: string, hint?: (input: unknown) => string): ErrorFn {
  return (issue) =>
    issue.input === undefined
      ? 'required'
      : `expected ${what}, got ${describeValue(issue.input)}${hint?.(issue.input) ?? ''}`;
}

const DURATION_SOURCE = '(?:\\d+(?:\\.\\d+)?(?:us|ms|min|s|m|h))+|0';
const unitHint = (input: unknown) =>
  typeof input === 'number' ? ` (durations need a unit: ${input}ms, ${input}s, ...)` : '';

/** The grammar of `parseDuration`: `250ms`, `5s`, `3m`, `1h`, `1m30s`, `0`. */
export const DURATION_PATTERN = new RegExp(`^(?:${DURATION_SOURCE})$`);
export const DURATION_OR_NONE_PATTERN = new RegExp(`^(?:none|off|${DURATION_SOURCE})$`);
export const RATE_PATTERN = /^\d+(?:\.\d+)?\s*\/\s*(?:s|sec|m|min|h)$/;
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

function patterned(pattern: RegExp, what: string, hint?: (input: unknown) => string) {
  const error = expecting(what, hint);
  return z.string({ error }).regex(pattern, { error });
}

export const duration = () =>
  patterned(DURATION_PATTERN, 'a duration like 250ms, 5s, 3m or 1h', unitHint).describe(
    'A duration: a number with a unit (us, ms, s, m or min, h), parts may be combined: 250ms, 5s, 1m30s.',
  );

/** A duration where `none` (or `off`) means "no limit": normalized to Infinity. */
export const durationOrNone = () =>
  patterned(DURATION_OR_NONE_PATTERN, 'a duration like 250ms, 5s, 3m or 1h, or none', unitHint).describe(
    'A duration like 250ms, 5s, 1m30s, or none (also off) for no limit.',
  );

export const rate = () =>
  patterned(RATE_PATTERN, 'a rate like 20/s or 2/min').describe(
    'Events per unit of time: 20/s, 2/min, 100/h.',
  );

/** Names of stages, endpoints, sources and policies: they appear in metric names, so no dots. */
export const name = () =>
  patterned(NAME_PATTERN, 'a name of letters, digits, - and _ that starts with a letter');

/** An object of named things (stages, endpoints, ...): a bad key gets the name's own message. */
export const namedRecord = <V extends z.core.SomeType>(value: V, what: string, key: z.ZodString = name()) =>
  z.record(key, value, {
    error: (issue) =>
      issue.code === 'invalid_key'
        ? issue.issues.map((i) => i.message).join('\n')
        : expecting(`an object of ${what} by name`)(issue),
  });

/** A reference to a name defined elsewhere (checked by `normalize`, which knows what is defined). */
export const reference = (what: string) => z.string({ error: expecting(`the name of ${what}`) });

export const integer = (min: number, max?: number) => {
  const what = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  const error = expecting(what);
  const bounded = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? bounded : bounded.max(max, { error });
};

/** A finite number in [min, max], or > min when `exclusiveMin`. */
export const number = (min: number, max = Number.POSITIVE_INFINITY, exclusiveMin = false) => {
  const lower = exclusiveMin ? `> ${min}` : `>= ${min}`;
  const what = max === Number.POSITIVE_INFINITY ? `a number ${lower}` : `a number ${lower} and <= ${max}`;
  const error = expecting(what);
  const base = z.number({ error });
  const bounded = exclusiveMin ? base.gt(min, { error }) : base.min(min, { error });
  return max === Number.POSITIVE_INFINITY ? bounded : bounded.max(max, { error });
};

export const boolean = () => z.boolean({ error: expecting('true or false') });

export const httpStatus = () => integer(100, 599).describe('An HTTP status code.');

/**
 * An object that rejects unknown keys, naming each with the closest known key: typos in a scenario must
 * not silently fall back to a default.
 */
export function strict<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        // The schema that raised the issue, not `shape`: `.extend()` copies this error function.
        const owner = issue.inst as { _zod: { def: { shape?: object } } } | undefined;
        const known = Object.keys(owner?._zod.def.shape ?? shape);
        return issue.keys.map((key) => `unknown key "${key}"${didYouMean(key, known)}`).join('\n');
      }
      return expecting('an object (key: value pairs)')(issue);
    },
  });
}

/** A union whose "none of these" message says what was expected instead of listing zod's attempts. */
export function oneOf<const Options extends readonly [z.core.SomeType, ...z.core.SomeType[]]>(
  options: Options,
  what: string,
) {
  return z.union(options, { error: expecting(what) });
}
