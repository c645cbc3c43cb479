/**
 * Units of the scenario language: durations (`250ms`, `5s`, `3m`, `1h`, `1m30s`) and rates (`20/s`, `2/min`).
 * Everything inside the core is milliseconds and events per second.
 */

const DURATION_UNITS_MS: Record<string, number> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

const DURATION_PART = /(\d+(?:\.\d+)?)(us|ms|min|s|m|h)/y;

/** Parses a duration string to milliseconds, or returns undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  if (trimmed.length === 0) return undefined;
  let total = 0;
  DURATION_PART.lastIndex = 0;
  let matched = 0;
  while (DURATION_PART.lastIndex < trimmed.length) {
    const m = DURATION_PART.exec(trimmed);
    if (m === null) return undefined;
    total += Number(m[1]) * (DURATION_UNITS_MS[m[2] as string] as number);
    matched++;
  }
  return matched > 0 ? total : undefined;
}

const RATE_UNITS_PER_SEC: Record<string, number> = {
  s: 1,
  sec: 1,
  m: 1 / 60,
  min: 1 / 60,
  h: 1 / 3600,
};

const RATE = /^(\d+(?:\.\d+)?)\s*\/\s*(s|sec|m|min|h)$/;

/** Parses a rate string (`20/s`, `2/min`, `100/h`) to events per second, or undefined. */
export function parseRate(text: string): number | undefined {
  const m = RATE.exec(text.trim());
  if (m === null) return undefined;
  return Number(m[1]) * (RATE_UNITS_PER_SEC[m[2] as string] as number);
}

/** Formats milliseconds the way a person writes them: `250ms`, `5s`, `1m30s`, `2h`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${round(ms)}ms`;
  if (ms < 60_000) return `${round(ms / 1000)}s`;
  const parts: string[] = [];
  let rest = ms;
  const h = Math.floor(rest / 3_600_000);
  if (h > 0) parts.push(`${h}h`);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  if (m > 0) parts.push(`${m}m`);
  rest -= m * 60_000;
  if (rest > 0) parts.push(`${round(rest / 1000)}s`);
  return parts.join('');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
