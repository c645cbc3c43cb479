/**
 * Where a run's results go: the `--out` folder (`<name>.summary.json`, `<name>.html` and the folder's
 * `index.html`), and the explicit `--json`, `--html` and `--junit` paths (`--json -` is standard output).
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Summary, summaryJson } from '../engine/summary.js';
import { type IndexEntry, renderIndex, renderReport } from '../report/index.js';
import { junitXml } from './junit.js';

export interface OutputPaths {
  /** The reports folder, or undefined with --no-out. */
  outDir: string | undefined;
  json: string | undefined;
  html: string | undefined;
  junit: string | undefined;
  /** The command line, shown in the HTML report under "Reproduce". */
  command: string;
}

/** A file name from a scenario name: letters, digits, `.`, `_` and `-`; anything else becomes `-`. */
export function fileStem(name: string): string {
  const stem = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return stem === '' ? 'scenario' : stem;
}

/** Writes a file, creating its folder; a failure says which file ("Failed to write x: ..."). */
export async function writeText(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (e) {
    throw new Error(`Failed to write ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

const SUMMARY_SUFFIX = '.summary.json';

/** Every summary in the folder, for its index page; files that are not summaries are skipped. */
async function indexEntries(dir: string): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(SUMMARY_SUFFIX)).sort()) {
    try {
      const path = join(dir, file);
      const summary = JSON.parse(await readFile(path, 'utf8')) as Summary;
      if (summary?.schema !== 1 || !Array.isArray(summary.runs)) continue;
      entries.push({ file, summary, mtimeMs: (await stat(path)).mtimeMs });
    } catch {
      // A half-written or foreign file must not keep the index from being rebuilt.
    }
  }
  return entries;
}

/** The HTML report beside `<name>.summary.json` is `<name>.html`, as the index page links it. */
function reportPathFor(summaryPath: string): string {
  return `${summaryPath.slice(0, -SUMMARY_SUFFIX.length)}.html`;
}

/**
 * Writes everything asked for and returns what was written (paths, for the user). The JSON goes first:
 * if rendering HTML fails, the measurements are already on disk.
 */
export async function writeOutputs(
  summary: Summary,
  paths: OutputPaths,
  stdout: NodeJS.WritableStream,
): Promise<string[]> {
  const written: string[] = [];
  const json = summaryJson(summary);
  if (paths.json === '-') stdout.write(json);
  else if (paths.json !== undefined) {
    await writeText(paths.json, json);
    written.push(paths.json);
  }
  let summaryPath: string | undefined;
  if (paths.outDir !== undefined) {
    summaryPath = join(paths.outDir, `${fileStem(summary.scenario.name)}${SUMMARY_SUFFIX}`);
    await writeText(summaryPath, json);
    written.push(summaryPath);
  }
  if (paths.junit !== undefined) {
    await writeText(paths.junit, junitXml(summary));
    written.push(paths.junit);
  }
  const wantHtml = paths.html !== undefined || summaryPath !== undefined;
  if (wantHtml && summary.runs.length > 0) {
    const html = renderReport([summary], { command: paths.command });
    if (summaryPath !== undefined) {
      await writeText(reportPathFor(summaryPath), html);
      written.push(reportPathFor(summaryPath));
    }
    if (paths.html !== undefined) {
      await writeText(paths.html, html);
      written.push(paths.html);
    }
  }
  if (paths.outDir !== undefined) {
    const index = join(paths.outDir, 'index.html');
    await writeText(index, renderIndex(await indexEntries(paths.outDir)));
    written.push(index);
  }
  return written;
}
