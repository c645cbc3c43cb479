/**
 * Whatever file it is given, `validate` answers exit 0 or exit 2 with one `file: problem` line per
 * problem, never a crash or a stack trace. (The loader's own fuzz test, in test/scenario, runs thousands
 * of inputs in-process; this one checks the same holds through the file adapter and the executable.)
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cli, ensureBuilt, hasStackTrace, removeTempDirs, tempDir, tinyScenario, write } from './cli.js';

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});
afterAll(removeTempDirs);

const lines = tinyScenario().split('\n');

/** The tiny scenario with one line replaced, dropped or duplicated: near misses a person would write. */
const nearMiss = fc
  .tuple(
    fc.nat({ max: lines.length - 1 }),
    fc.constantFrom('replace', 'drop', 'duplicate', 'indent'),
    fc.constantFrom(
      'x: 1',
      '  concurrency: -1',
      'duration: 5',
      '  - {',
      'policies: []',
      ': :',
      '\t',
      'seed: 1e400',
      '&a [*a]',
    ),
  )
  .map(([at, how, text]) => {
    const copy = [...lines];
    if (how === 'replace') copy[at] = text;
    else if (how === 'drop') copy.splice(at, 1);
    else if (how === 'duplicate') copy.splice(at, 0, copy[at] as string);
    else copy[at] = `   ${copy[at]}`;
    return { ext: 'yaml', text: copy.join('\n') };
  });

const anyFile = fc.oneof(
  nearMiss,
  fc.string({ maxLength: 200 }).map((text) => ({ ext: 'yaml', text })),
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ ext: 'json', text: JSON.stringify(v) })),
  fc.string({ maxLength: 100 }).map((text) => ({ ext: 'json', text })),
  fc
    .uint8Array({ maxLength: 64 })
    .map((bytes) => ({ ext: 'yml', text: Buffer.from(bytes).toString('latin1') })),
);

test('20 random files through validate: exit 0 or 2, one line per problem, no stack trace', () => {
  fc.assert(
    fc.property(fc.array(anyFile, { minLength: 20, maxLength: 20 }), (files) => {
      const paths = files.map((f, i) => write(dir, `f${i}.${f.ext}`, f.text));
      const r = cli(['validate', ...paths], dir);
      expect([0, 2], r.stderr).toContain(r.code);
      expect(hasStackTrace(r.stderr), r.stderr).toBe(false);
      const problemLines = r.stderr
        .split('\n')
        .filter((l) => l !== '' && !/^\d+ of \d+ files are invalid$/.test(l));
      for (const line of problemLines)
        expect(
          paths.some((p) => line.startsWith(`${p}: `)),
          line,
        ).toBe(true);
      for (const path of paths) {
        const valid = r.stdout.includes(`valid  ${path}: `);
        const invalid = problemLines.some((l) => l.startsWith(`${path}: `));
        expect(valid !== invalid, `${path} is either valid or has problems`).toBe(true);
      }
      expect(r.code === 0, 'exit 0 only when all are valid').toBe(problemLines.length === 0);
    }),
    { numRuns: 1, seed: 4 },
  );
});
