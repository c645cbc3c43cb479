/**
 * The entry points: scenario text or a scenario object → the normalized `Scenario`, or the problems a
 * person has to fix, one line each. Parsing text is not I/O: reading the file is the caller's job.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { lineColumn, locateJsonError } from './json-syntax.js';
import { normalizeScenario } from './normalize.js';
import { formatIssues, issueMessage, zodIssues } from './problems.js';
import { type ScenarioInput, scenarioSchema } from './schema.js';
import type { Scenario } from './types.js';

export type ScenarioResult =
  | { ok: true; scenario: Scenario; raw: unknown }
  | { ok: false; problems: string[] };

/** Checks and normalizes a scenario that is already a value (parsed text, or a TypeScript scenario). */
export function scenarioFromValue(raw: unknown): ScenarioResult {
  if (raw === null || raw === undefined) return { ok: false, problems: ['the scenario is empty'] };
  const parsed = scenarioSchema.safeParse(raw, { reportInput: true, error: issueMessage });
  if (!parsed.success) return { ok: false, problems: formatIssues(zodIssues(parsed.error.issues)) };
  const normalized = normalizeScenario(parsed.data);
  if (!normalized.ok) return { ok: false, problems: formatIssues(normalized.issues) };
  return { ok: true, scenario: normalized.scenario, raw };
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function at(fileName: string | undefined, line: number, column: number, message: string): string {
  return `${fileName === undefined ? '' : `${fileName}, `}line ${line}, column ${column}: ${message}`;
}

function parseYaml(text: string, fileName: string | undefined): Parsed {
  const lineCounter = new LineCounter();
  // YAML 1.2 (so `on`/`off`/`no` stay strings); `<<` merge keys let scenarios share blocks via anchors.
  // logLevel 'error': yaml would otherwise print its warnings to the console, and the core does no I/O.
  const doc = parseDocument(text, {
    lineCounter,
    merge: true,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: 'error',
  });
  const error = doc.errors[0];
  if (error !== undefined) {
    // yaml may point at the indentation before the offending token; point at the token.
    let offset = error.pos[0];
    while (text[offset] === ' ' || text[offset] === '\t') offset++;
    const { line, col } = lineCounter.linePos(offset);
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, problem: at(fileName, line, col, `invalid YAML: ${message}`) };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (e) {
    // toJS throws only for resource limits (an alias bomb); say so instead of a stack trace.
    return {
      ok: false,
      problem: `invalid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    };
  }
}

function parseJson(text: string, fileName: string | undefined): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    let located: ReturnType<typeof locateJsonError>;
    try {
      located = locateJsonError(text);
    } catch {
      located = undefined; // the scanner recursed too deep: fall back to JSON.parse's own words
    }
    const { offset, message } = located ?? { offset: 0, message: e instanceof Error ? e.message : String(e) };
    const { line, column } = lineColumn(text, offset);
    return { ok: false, problem: at(fileName, line, column, `invalid JSON: ${message}`) };
  }
}

/**
 * Parses scenario text. Syntax errors give one problem with its line and column (prefixed by `fileName`
 * when given); everything else gives `path: message` lines.
 */
export function parseScenarioText(text: string, format: 'yaml' | 'json', fileName?: string): ScenarioResult {
  const parsed = format === 'json' ? parseJson(text, fileName) : parseYaml(text, fileName);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  return scenarioFromValue(parsed.value);
}

/** For TypeScript scenario files: `export default defineScenario({...})`, typed and completed by the editor. */
export function defineScenario(raw: ScenarioInput): ScenarioInput {
  return raw;
}

/** The JSON Schema of scenario files (draft-07, which the YAML language server understands). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-07', unrepresentable: 'any' });
}
