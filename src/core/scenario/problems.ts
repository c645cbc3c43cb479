/**
 * Problems are what a person sees: one line each, `path: message`, with the path dotted as written in
 * the file (`policies.recommended.backoff.jitter`, `faults[0].stage`) and no zod vocabulary.
 * Schemas that know better carry their own messages; `issueMessage` words the rest.
 */
import type { z } from 'zod';
import { describeValue } from './describe-value.js';

export type Path = ReadonlyArray<PropertyKey>;

/** A problem before formatting: where, and what is wrong (possibly several lines for one place). */
export interface Issue {
  path: Path;
  message: string;
}

export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** One line per problem; a message of several lines is several problems at one place. */
export function formatIssues(issues: readonly Issue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const where = formatPath(issue.path);
    for (const message of issue.message.split('\n')) {
      lines.push(where === '' ? message : `${where}: ${message}`);
    }
  }
  return [...new Set(lines)];
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object (key: value pairs)',
  record: 'an object (key: value pairs)',
};

const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ');

/**
 * The error map passed to every parse: words zod's issues for a person. `inclusive` bounds and the like
 * are spelled as comparisons; a missing value is `required`.
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  const got = `got ${describeValue(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, ${got}`;
    case 'invalid_value':
      return `expected ${issue.values.length === 1 ? '' : 'one of '}${list(issue.values)}, ${got}`;
    case 'invalid_union':
      if (issue.discriminator !== undefined) {
        const tag = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
        if (tag === undefined) return 'required';
        return `expected one of ${list((issue.options as readonly unknown[] | undefined) ?? [])}, got ${describeValue(tag)}`;
      }
      return `expected something else, ${got}`;
    case 'too_small': {
      if (issue.origin === 'array') {
        return `expected at least ${issue.minimum} item(s), got ${describeValue(issue.input)}`;
      }
      if (issue.origin === 'string') return `expected at least ${issue.minimum} character(s), ${got}`;
      return `expected a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}, ${got}`;
    }
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${issue.maximum} item(s)`;
      if (issue.origin === 'string') return `expected at most ${issue.maximum} character(s)`;
      return `expected a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}, ${got}`;
    case 'invalid_format':
      return `has the wrong format, ${got}`;
    case 'unrecognized_keys':
      return issue.keys.map((key) => `unknown key "${key}"`).join('\n');
    case 'invalid_key':
      return issue.issues.map((i) => i.message).join('\n');
    default:
      return undefined;
  }
};

/** Did this union branch fail at its root (wrong type or value), i.e. it is not what the person meant? */
function failsAtRoot(branch: readonly z.core.$ZodIssue[]): boolean {
  return branch.every(
    (issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value'),
  );
}

/**
 * Zod's final issues as problems. When a union fails and exactly one branch matched the shape of the
 * value (`backoff: {kind: exponential, jitter: fulll}` is not `none`), that branch's own issues are the
 * useful ones; otherwise the union's message says what was expected. Discriminator issues already point
 * at the `kind` (or `dist`) key.
 */
export function zodIssues(issues: readonly z.core.$ZodIssue[], prefix: Path = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const plausible = issue.errors.filter((branch) => !failsAtRoot(branch));
      if (plausible.length === 1) {
        out.push(...zodIssues(plausible[0] as z.core.$ZodIssue[], path));
        continue;
      }
    }
    out.push({ path, message: issue.message });
  }
  return out;
}
