/**
 * The real, built `pollstorm serve` as a child process, and the clients the project did not write —
 * Python's standard-library urllib and curl — as child processes too. Every wait is bounded: a server
 * that prints no URL within 10 s, a client that hangs past its limit, fail the test instead of hanging it.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT } from '../cli/cli.js';

export { ensureBuilt, ROOT, removeTempDirs, tempDir } from '../cli/cli.js';

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  /** `http://127.0.0.1:<port>`, as printed. */
  url: string;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` and resolves when the process is gone, with how long that took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

export interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

const live = new Set<ChildProcessWithoutNullStreams>();

/** Kills what a failed test left running (each file's afterAll/afterEach). */
export function killLeftovers(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  live.clear();
}

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete e.FORCE_COLOR;
  delete e.POLLSTORM_CONTROL_TOKEN;
  return e;
}

/** Starts `pollstorm serve <args>` and resolves once it printed its URL; rejects if it exits first. */
export function startServeCli(args: string[], cwd = ROOT): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd, env: env() });
  live.add(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve printed no URL within 10 s\nstdout: ${out}\nstderr: ${err}`));
    }, 10_000);
    const check = (): void => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m === null) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve({
        child,
        url: m[1] as string,
        stdout: () => out,
        stderr: () => err,
        stop: async (signal = 'SIGTERM') => {
          const t0 = performance.now();
          child.kill(signal);
          const r = await exited;
          live.delete(child);
          return { ...r, ms: performance.now() - t0 };
        },
      });
    };
    child.stdout.on('data', check);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before printing its URL\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** Runs `pollstorm serve <args>` expecting it to stop by itself (bad input), within 10 s. */
export function serveCliExits(args: string[], cwd = ROOT): Promise<Exited> {
  return run(process.execPath, [BIN, 'serve', ...args], cwd, 10_000);
}

function run(file: string, args: string[], cwd: string, timeoutMs: number): Promise<Exited> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd, env: env(), timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs a Python 3 script (standard library only) written to `dir`, with arguments, within `timeoutMs`. */
export function python(dir: string, script: string, args: string[], timeoutMs = 20_000): Promise<Exited> {
  const path = join(dir, 'client.py');
  writeFileSync(path, script);
  return run('python3', [path, ...args], dir, timeoutMs);
}

/** curl with a total deadline; `-w` appends the status code on its own last line. */
export async function curl(
  args: string[],
  maxSeconds = 5,
): Promise<{ status: number; body: string; code: number | null }> {
  const r = await run(
    'curl',
    ['-sS', '--max-time', String(maxSeconds), '-w', '\n%{http_code}', ...args],
    ROOT,
    (maxSeconds + 5) * 1000,
  );
  const cut = r.stdout.lastIndexOf('\n');
  return { status: Number(r.stdout.slice(cut + 1)), body: r.stdout.slice(0, cut), code: r.code };
}
