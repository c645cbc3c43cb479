#!/usr/bin/env node
/** The `pollstorm` executable. The exit code is set, not forced, so piped output is flushed first. */
import { hideBin } from 'yargs/helpers';
import { main } from './cli.js';

// `pollstorm run s.yaml --json - | head`: the reader left; that is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(hideBin(process.argv));
