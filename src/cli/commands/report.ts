/** `pollstorm report <summary.json>...`: render (or re-render) the HTML report of saved summaries. */
import type { Argv } from 'yargs';
import type { Summary } from '../../engine/summary.js';
import { renderReport } from '../../report/index.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { fileStem, writeText } from '../outputs.js';
import { readSummaryFiles } from '../summary-file.js';

export interface ReportArgs {
  summaries: string[];
  output?: string;
}

export function reportBuilder(y: Argv): Argv<ReportArgs> {
  return y
    .positional('summaries', {
      type: 'string',
      array: true,
      describe: 'Summary JSON files written by run',
      demandOption: true,
    })
    .option('output', {
      alias: 'o',
      type: 'string',
      describe:
        'The HTML file to write. Default: beside the first summary (x.summary.json → x.html), or reports/compare-<a>-vs-<b>.html for several',
      requiresArg: true,
    })
    .example('$0 report reports/seed-incident.summary.json', 'Re-render one report')
    .example(
      '$0 report main.summary.json branch.summary.json -o compare.html',
      'Two runs side by side in one report',
    ) as unknown as Argv<ReportArgs>;
}

function defaultOutput(files: string[], summaries: Summary[]): string {
  const first = files[0] as string;
  if (files.length === 1) return `${first.replace(/(\.summary)?\.json$/i, '')}.html`;
  return `reports/compare-${summaries.map((s) => fileStem(s.scenario.name)).join('-vs-')}.html`;
}

export async function reportCommand(args: ReportArgs, io: Io, command: string): Promise<number> {
  const summaries = await readSummaryFiles(args.summaries);
  const output = args.output ?? defaultOutput(args.summaries, summaries);
  await writeText(output, renderReport(summaries, { command }));
  io.stdout.write(`wrote ${output}\n`);
  return EXIT.ok;
}
