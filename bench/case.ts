/**
 * One benchmark case in a fresh process: `node dist/bench/case.js <case-name>`. The parent times this
 * process from spawn to exit; the report (one JSON line on stdout) carries the simulation-only time and
 * the process's peak RSS. `baseline` simulates nothing: node's start-up with the simulator's modules loaded.
 */
import { measureCase } from './measure-case.js';

const name = process.argv[2];
if (name === undefined) {
  process.stderr.write('usage: node dist/bench/case.js <case-name>\n');
  process.exitCode = 2;
} else {
  process.stdout.write(`${JSON.stringify(measureCase(name))}\n`);
}
