/** What every command reads and writes through: the streams, the environment, and the scenario loader. */
import { loadScenarioFile } from '../adapters/scenario-file.js';
import type { Scenario } from '../core/scenario/types.js';
import { badInput } from './exit-codes.js';
import { type Style, styleFor } from './style.js';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** Emphasis for standard output and for standard error (each a terminal or not). */
  out: Style;
  err: Style;
}

export function processIo(): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    out: styleFor(process.stdout, process.env),
    err: styleFor(process.stderr, process.env),
  };
}

/** The scenario in `path`, or a bad-input error with one `path: problem` line per problem. */
export async function loadScenarioOrFail(path: string): Promise<Scenario> {
  const result = await loadScenarioFile(path);
  if (!result.ok) throw badInput(...result.problems.map((p) => `${path}: ${p}`));
  return result.scenario;
}

/** Flags given several times (`--policy a --policy b`) or comma-separated (`--policy a,b`), as a list. */
export function listFlag(value: unknown): string[] {
  if (value === undefined || value === null || value === false) return [];
  const items = Array.isArray(value) ? value : [value];
  return items
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
