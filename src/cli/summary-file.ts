/** Reads a summary JSON written by `run` (for --baseline, compare and report), with problems as lines. */
import { readFile } from 'node:fs/promises';
import type { Summary } from '../engine/summary.js';
import { BadInputError, badInput } from './exit-codes.js';

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

/** The shape checks a summary must pass before anything reads it; the messages say what to do. */
function shapeProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return ['expected a pollstorm summary (a JSON object)'];
  const s = value as Record<string, unknown>;
  if (s.schema !== 1) {
    return [
      s.schema === undefined
        ? 'not a pollstorm summary (no "schema" field): pass a <name>.summary.json written by pollstorm run'
        : `summary schema ${JSON.stringify(s.schema)} is not supported (this pollstorm reads schema 1)`,
    ];
  }
  const problems: string[] = [];
  if (!Array.isArray(s.runs)) problems.push('runs: expected a list of runs');
  else if (
    s.runs.some(
      (r) =>
        typeof r !== 'object' ||
        r === null ||
        typeof (r as { policy?: unknown }).policy !== 'string' ||
        typeof (r as { metrics?: unknown }).metrics !== 'object',
    )
  ) {
    problems.push('runs: expected each run to have a policy and metrics');
  }
  if (typeof s.aggregate !== 'object' || s.aggregate === null) problems.push('aggregate: expected an object');
  if (typeof s.scenario !== 'object' || s.scenario === null) problems.push('scenario: expected an object');
  if (!Array.isArray(s.seeds)) problems.push('seeds: expected a list');
  return problems;
}

export async function readSummaryFile(path: string): Promise<Summary> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw badInput(
      `${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'not a file' : firstLine(e)}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badInput(`${path}: invalid JSON: ${firstLine(e)}`);
  }
  const problems = shapeProblems(value);
  if (problems.length > 0) throw badInput(...problems.map((p) => `${path}: ${p}`));
  return value as Summary;
}

/** Reads several summaries, gathering every file's problems into one bad-input error. */
export async function readSummaryFiles(paths: readonly string[]): Promise<Summary[]> {
  const summaries: Summary[] = [];
  const problems: string[] = [];
  for (const file of paths) {
    try {
      summaries.push(await readSummaryFile(file));
    } catch (e) {
      if (e instanceof BadInputError) problems.push(...e.problems);
      else throw e;
    }
  }
  if (problems.length > 0) throw badInput(...problems);
  return summaries;
}
