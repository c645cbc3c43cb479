/**
 * Reads a scenario file from disk: YAML (.yaml, .yml), JSON (.json) or a module (.ts, .mts, .js, .mjs)
 * whose default export is the scenario (`export default defineScenario({...})`). The pure loader in
 * core/scenario does the checking; this adapter only does the I/O and words what can go wrong on the way
 * (a missing file, a module that does not load) as problems, like the loader's own.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseScenarioText, type ScenarioResult, scenarioFromValue } from '../core/scenario/index.js';

export type ScenarioFormat = 'yaml' | 'json' | 'module';

export function scenarioFormat(path: string): ScenarioFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  if (['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].includes(ext)) return 'module';
  // .yaml, .yml, and anything else: YAML 1.2 also reads JSON.
  return 'yaml';
}

function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  // esbuild (through tsx) heads its message with "Transform failed with 1 error:"; the next line says where.
  return lines.find((line) => line.includes('ERROR:')) ?? lines[0] ?? 'unknown error';
}

/**
 * Checks the file exists and is a file, in words a person expects; undefined when it is fine.
 */
async function fileProblem(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? undefined : 'not a file';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `no such file (looked for ${resolve(path)})`;
    if (code === 'EACCES') return 'permission denied';
    return `cannot read it: ${errorText(e)}`;
  }
}

/** TypeScript goes through tsx, loaded only when a TypeScript scenario is read. */
async function importModule(path: string): Promise<unknown> {
  const url = pathToFileURL(resolve(path)).href;
  if (/\.[cm]?ts$/i.test(path)) {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(url, import.meta.url);
  }
  return import(url);
}

async function loadModule(path: string): Promise<ScenarioResult> {
  let mod: unknown;
  try {
    mod = await importModule(path);
  } catch (e) {
    const problem = `failed to load the module: ${errorText(e)}`;
    if (/Cannot find (module|package) 'pollstorm'/.test(problem)) {
      return {
        ok: false,
        problems: [
          `${problem} (install pollstorm in the scenario's project, or drop the import: defineScenario only adds types)`,
        ],
      };
    }
    return { ok: false, problems: [problem] };
  }
  let exported = (mod as { default?: unknown } | null)?.default;
  // A .ts file outside an ESM package is compiled as CommonJS: its exports arrive wrapped once more.
  if (
    exported !== null &&
    typeof exported === 'object' &&
    Object.keys(exported).length === 1 &&
    'default' in exported
  ) {
    exported = (exported as { default: unknown }).default;
  }
  if (exported === undefined) {
    return {
      ok: false,
      problems: ['expected a default export: export default defineScenario({ ... })'],
    };
  }
  return scenarioFromValue(exported);
}

/**
 * The scenario in `path`, or its problems, one line each, without the file name (the caller adds it).
 */
export async function loadScenarioFile(path: string): Promise<ScenarioResult> {
  const problem = await fileProblem(path);
  if (problem !== undefined) return { ok: false, problems: [problem] };
  const format = scenarioFormat(path);
  if (format === 'module') return loadModule(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { ok: false, problems: [`cannot read it: ${errorText(e)}`] };
  }
  return parseScenarioText(text, format);
}
