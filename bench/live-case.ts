/**
 * One live benchmark case in a fresh process (`node dist/bench/live-case.js <case>`): a server case
 * prints its URL and serves until SIGTERM; `pollers <seconds>` runs the 2,000 pollers and prints one JSON
 * line. See bench/live.ts.
 */
import { pollers, TARGETS } from './live.js';

const name = process.argv[2];
if (name === 'pollers') {
  const result = await pollers(Number(process.argv[3] ?? 20));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const target = TARGETS.find((t) => t.name === name);
  if (target === undefined) {
    process.stderr.write(
      `usage: node dist/bench/live-case.js <${TARGETS.map((t) => t.name).join('|')}|pollers SECONDS>\n`,
    );
    process.exitCode = 2;
  } else {
    const server = await target.start();
    process.once('SIGTERM', () => {
      void server.close();
    });
    process.stdout.write(`${server.url}\n`);
  }
}
