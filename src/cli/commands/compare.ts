/**
 * `pollstorm compare a.summary.json b.summary.json ...`: metric by metric, how each later summary differs
 * from the first, per policy, and whether each change is better or worse. With one summary, its policies
 * are compared with its first policy.
 */
import type { Argv } from 'yargs';
import type { Summary } from '../../engine/summary.js';
import { formatMetric } from '../../report/format.js';
import type { Io } from '../context.js';
import { type MetricDelta, metricDeltas, pairPolicies, percentText } from '../deltas.js';
import { badInput, EXIT } from '../exit-codes.js';
import type { Style } from '../style.js';
import { readSummaryFiles } from '../summary-file.js';
import { textTable } from '../text-table.js';
import { policiesOf } from '../verdict.js';

export interface CompareArgs {
  summaries: string[];
  all: boolean;
  maxRegression?: number;
}

export function compareBuilder(y: Argv): Argv<CompareArgs> {
  return y
    .positional('summaries', {
      type: 'string',
      array: true,
      describe: 'Summary JSON files written by run; the first is the reference',
      demandOption: true,
    })
    .option('all', {
      alias: 'a',
      type: 'boolean',
      default: false,
      describe: 'Also list metrics that did not change, e.g. compare a.json b.json --all',
    })
    .option('max-regression', {
      type: 'number',
      describe: 'Exit 98 if any metric got worse by more than this percentage, e.g. --max-regression 5',
      requiresArg: true,
    })
    .example([
      ['$0 compare old.summary.json new.summary.json', 'The new run against the old one, per policy'],
      ['$0 compare reports/x.summary.json', 'Each policy against the first one of the same run'],
      ['$0 compare old.json new.json --max-regression 5', 'CI: exit 98 if anything got >5% worse'],
    ])
    .epilog(
      'Policies are matched by name (two summaries of one policy each are compared whatever their names). A policy\'s value is its mean over seeds; better or worse follows each metric\'s direction (more jobs completed is better, more timeouts is worse); metrics with no direction are marked "·".',
    ) as unknown as Argv<CompareArgs>;
}

interface Comparison {
  title: string;
  deltas: MetricDelta[];
}

function comparisons(files: string[], summaries: Summary[]): { list: Comparison[]; notes: string[] } {
  const list: Comparison[] = [];
  const notes: string[] = [];
  const first = summaries[0] as Summary;
  if (summaries.length === 1) {
    const [reference, ...others] = policiesOf(first);
    if (reference === undefined || others.length === 0)
      throw badInput(`${files[0]}: has one policy; give a second summary to compare with`);
    for (const p of others)
      list.push({ title: `${p} against ${reference}`, deltas: metricDeltas(first, reference, first, p) });
    return { list, notes };
  }
  for (let i = 1; i < summaries.length; i++) {
    const other = summaries[i] as Summary;
    const { pairs, unmatched } = pairPolicies(first, other);
    for (const pair of pairs) {
      const name = pair.before === pair.after ? pair.after : `${pair.after} against ${pair.before}`;
      list.push({
        title: `${name}: ${files[i]} against ${files[0]}`,
        deltas: metricDeltas(first, pair.before, other, pair.after),
      });
    }
    for (const p of unmatched) notes.push(`${files[i]}: policy ${p} is not in ${files[0]}; not compared`);
  }
  return { list, notes };
}

function verdictText(d: MetricDelta, style: Style): string {
  if (d.verdict === 'better') return style.green('better');
  if (d.verdict === 'worse') return style.red('worse');
  return d.verdict === 'same' ? '' : '·';
}

function table(c: Comparison, all: boolean, style: Style): string {
  const shown = c.deltas.filter((d) => all || d.verdict !== 'same');
  const unchanged = c.deltas.length - c.deltas.filter((d) => d.verdict !== 'same').length;
  const rows = shown.map((d) => [
    d.metric,
    formatMetric(d.metric, d.before),
    formatMetric(d.metric, d.after),
    d.verdict === 'same' ? '=' : percentText(d.changePercent),
    verdictText(d, style),
  ]);
  const better = c.deltas.filter((d) => d.verdict === 'better').length;
  const worse = c.deltas.filter((d) => d.verdict === 'worse').length;
  const tally = `${better} better, ${worse} worse, ${unchanged} unchanged`;
  const body =
    rows.length === 0
      ? '  (no metric changed)'
      : textTable(['metric', 'before', 'after', 'change', ''], rows, '  ');
  return `${style.bold(c.title)}\n${body}\n  ${style.dim(tally)}\n`;
}

export async function compareCommand(args: CompareArgs, io: Io): Promise<number> {
  if (args.maxRegression !== undefined && !(args.maxRegression >= 0)) {
    throw badInput(`--max-regression: expected a percentage >= 0, got ${args.maxRegression}`);
  }
  const summaries = await readSummaryFiles(args.summaries);
  const { list, notes } = comparisons(args.summaries, summaries);
  io.stdout.write(list.map((c) => table(c, args.all, io.out)).join('\n'));
  for (const note of notes) io.stderr.write(`note: ${note}\n`);
  const max = args.maxRegression;
  if (max === undefined) return EXIT.ok;
  let regressed = 0;
  for (const c of list) {
    for (const d of c.deltas) {
      if (d.regressionPercent !== undefined && d.regressionPercent > max) {
        regressed++;
        io.stderr.write(
          `${io.err.red('regression')}: ${c.title}: ${d.metric} ${formatMetric(d.metric, d.before)} → ${formatMetric(d.metric, d.after)} (limit ${max} %)\n`,
        );
      }
    }
  }
  return regressed > 0 ? EXIT.regression : EXIT.ok;
}
