/**
 * A strict parser of the Prometheus text exposition format 0.0.4, written from the format's description
 * (https://prometheus.io/docs/instrumenting/exposition_formats/) rather than from serve's writer, so the
 * tests check the text against the format and not against itself. It throws on the first line that is
 * wrong, naming the line: a sample before its TYPE, a family split in two, a malformed name, label or
 * value, a duplicate series, a counter below zero, histogram buckets that are not cumulative or whose
 * +Inf bucket differs from _count.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string | undefined;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES: readonly string[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

function fail(lineNo: number, line: string, why: string): never {
  throw new Error(`line ${lineNo}: ${why}: ${JSON.stringify(line)}`);
}

function parseValue(text: string): number | null {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/** `{a="x",b="y\"z"}` starting at text[0] === '{'; returns the labels and the rest of the line. */
function parseLabels(
  text: string,
  lineNo: number,
  line: string,
): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1;
  const skipSpaces = (): void => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  skipSpaces();
  if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
  for (;;) {
    skipSpaces();
    const nameStart = i;
    while (i < text.length && /[a-zA-Z0-9_]/.test(text[i] as string)) i++;
    const name = text.slice(nameStart, i);
    if (!LABEL_NAME.test(name)) fail(lineNo, line, `bad label name "${name}"`);
    if (name.startsWith('__')) fail(lineNo, line, `label name "${name}" is reserved`);
    skipSpaces();
    if (text[i] !== '=') fail(lineNo, line, 'expected = after a label name');
    i++;
    skipSpaces();
    if (text[i] !== '"') fail(lineNo, line, 'expected a quoted label value');
    i++;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) fail(lineNo, line, 'unterminated label value');
      if (c === '"') break;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === '\\') value += '\\';
        else if (next === '"') value += '"';
        else if (next === 'n') value += '\n';
        else fail(lineNo, line, `bad escape \\${next ?? ''} in a label value`);
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++;
    if (name in labels) fail(lineNo, line, `label "${name}" given twice`);
    labels[name] = value;
    skipSpaces();
    if (text[i] === ',') {
      i++;
      skipSpaces();
      if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
      continue;
    }
    if (text[i] === '}') return { labels, rest: text.slice(i + 1) };
    fail(lineNo, line, 'expected , or } after a label');
  }
}

/** The family a sample name belongs to, given the families declared so far. */
function familyOf(name: string, families: Map<string, Family>): Family | undefined {
  const own = families.get(name);
  if (own !== undefined) return own;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const f = families.get(name.slice(0, -suffix.length));
    if (f !== undefined && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket')))
      return f;
  }
  return undefined;
}

function seriesKey(name: string, labels: Record<string, string>): string {
  return `${name}${JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))}`;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  /** Families whose samples have ended (another family's sample came after them). */
  const closed = new Set<string>();
  let current: Family | undefined;
  const lines = text.split('\n');
  lines.pop();
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (m === null) return; // an ordinary comment
      const [, kind, name, rest] = m as unknown as [string, string, string, string | undefined];
      if (!METRIC_NAME.test(name)) fail(lineNo, line, `bad metric name "${name}"`);
      let family = families.get(name);
      if (kind === 'TYPE') {
        const type = (rest ?? '').trim();
        if (!TYPES.includes(type)) fail(lineNo, line, `unknown type "${type}"`);
        if (family?.samples.length) fail(lineNo, line, "TYPE after the family's samples");
        if (family !== undefined && family.type !== 'untyped')
          fail(lineNo, line, 'a second TYPE for one family');
        if (family === undefined) {
          family = { name, type: type as MetricType, help: undefined, samples: [] };
          families.set(name, family);
        } else family.type = type as MetricType;
      } else {
        if (family?.help !== undefined) fail(lineNo, line, 'a second HELP for one family');
        const help = rest ?? '';
        if (/\\[^\\n]/.test(help.replace(/\\\\/g, ''))) fail(lineNo, line, 'bad escape in HELP');
        if (family === undefined) {
          family = { name, type: 'untyped', help, samples: [] };
          families.set(name, family);
        } else family.help = help;
      }
      return;
    }
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (nameMatch === null) fail(lineNo, line, 'expected a metric name');
    const name = nameMatch[0];
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) ({ labels, rest } = parseLabels(rest, lineNo, line));
    const parts = rest.trim().split(/[ \t]+/);
    if (!/^[ \t]/.test(rest) || parts.length < 1 || parts.length > 2)
      fail(lineNo, line, 'expected a value (and an optional timestamp) after the name and labels');
    const value = parseValue(parts[0] as string);
    if (value === null) fail(lineNo, line, `bad value "${parts[0]}"`);
    if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1]))
      fail(lineNo, line, `bad timestamp "${parts[1]}"`);
    const family = familyOf(name, families);
    if (family === undefined) fail(lineNo, line, `sample of "${name}" without a TYPE line before it`);
    if (closed.has(family.name)) fail(lineNo, line, `family ${family.name} continues after another family`);
    if (current !== undefined && current !== family) closed.add(current.name);
    current = family;
    const key = seriesKey(name, labels);
    if (seen.has(key)) fail(lineNo, line, 'the same series twice');
    seen.add(key);
    if (family.type === 'counter' && !(value >= 0)) fail(lineNo, line, 'a counter below zero');
    if (family.type === 'histogram') {
      if (name === `${family.name}_bucket` && labels.le === undefined)
        fail(lineNo, line, 'a bucket without le');
      if (name === family.name) fail(lineNo, line, 'a histogram sample without _bucket, _sum or _count');
    }
    family.samples.push({ name, labels, value });
  });
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f);
  return families;
}

/** Per label set: buckets cumulative by le, a +Inf bucket equal to _count, a _sum. */
function checkHistogram(f: Family): void {
  const groups = new Map<string, { buckets: Array<[number, number]>; count?: number; sum?: number }>();
  for (const s of f.samples) {
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
    let g = groups.get(key);
    if (g === undefined) {
      g = { buckets: [] };
      groups.set(key, g);
    }
    if (s.name.endsWith('_bucket')) {
      const bound = parseValue(le as string);
      if (bound === null || Number.isNaN(bound)) throw new Error(`${f.name}: bad le "${le}"`);
      g.buckets.push([bound, s.value]);
    } else if (s.name.endsWith('_count')) g.count = s.value;
    else if (s.name.endsWith('_sum')) g.sum = s.value;
  }
  for (const [key, g] of groups) {
    const where = `${f.name}${key}`;
    if (g.count === undefined || g.sum === undefined) throw new Error(`${where}: _count or _sum missing`);
    const sorted = [...g.buckets].sort((a, b) => a[0] - b[0]);
    const inf = sorted[sorted.length - 1];
    if (inf === undefined || inf[0] !== Number.POSITIVE_INFINITY)
      throw new Error(`${where}: no le="+Inf" bucket`);
    if (inf[1] !== g.count) throw new Error(`${where}: +Inf bucket ${inf[1]} is not _count ${g.count}`);
    for (let i = 1; i < sorted.length; i++) {
      if ((sorted[i] as [number, number])[1] < (sorted[i - 1] as [number, number])[1])
        throw new Error(`${where}: buckets are not cumulative at le=${(sorted[i] as [number, number])[0]}`);
    }
  }
}

/** The value of one series, or undefined. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const f of families.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue;
      if (Object.entries(labels).every(([k, v]) => s.labels[k] === v)) return s.value;
    }
  }
  return undefined;
}
