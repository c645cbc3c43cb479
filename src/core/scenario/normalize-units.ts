/**
 * Unit conversion and the small checks shared by the normalizers. The schema has already matched every
 * unit string against the grammar of `parseDuration`/`parseRate`, so a conversion cannot fail here.
 */
import { parseDuration, parseRate } from '../units.js';
import type { Issue, Path } from './problems.js';

/** Milliseconds of a duration string the schema accepted. */
export function ms(text: string): number {
  return parseDuration(text) ?? Number.NaN;
}

/** Milliseconds, or Infinity for `none`/`off`. */
export function msOrInfinity(text: string): number {
  return text === 'none' || text === 'off' ? Number.POSITIVE_INFINITY : ms(text);
}

export function perSec(text: string): number {
  return parseRate(text) ?? Number.NaN;
}

/** The issues found while normalizing, each at its path in the file. */
export class Issues {
  readonly list: Issue[] = [];

  add(path: Path, message: string): void {
    this.list.push({ path, message });
  }

  /** Reports `text` at `path` unless its duration is > 0. Returns the milliseconds either way. */
  positive(text: string, path: Path): number {
    const value = ms(text);
    if (!(value > 0)) this.add(path, `expected a duration > 0, got "${text}"`);
    return value;
  }
}

/** `stage "pg" is not defined (defined: api, postgrest)` */
export function notDefined(what: string, name: string, defined: readonly string[]): string {
  const list = defined.length === 0 ? 'none are' : `defined: ${defined.join(', ')}`;
  return `${what} "${name}" is not defined (${list})`;
}
