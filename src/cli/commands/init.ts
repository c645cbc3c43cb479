/** `pollstorm init [file]`: write a commented starter scenario that runs as it is. */
import { stat } from 'node:fs/promises';
import type { Argv } from 'yargs';
import type { Io } from '../context.js';
import { badInput, EXIT } from '../exit-codes.js';
import { writeText } from '../outputs.js';
import { starterFormat, starterText } from '../starter-template.js';

export interface InitArgs {
  file: string;
  force: boolean;
}

export const DEFAULT_STARTER = 'scenarios/starter.yaml';

export function initBuilder(y: Argv): Argv<InitArgs> {
  return y
    .positional('file', {
      type: 'string',
      default: DEFAULT_STARTER,
      describe: 'Where to write it; .yaml, .json or .ts picks the format',
    })
    .option('force', {
      alias: 'f',
      type: 'boolean',
      default: false,
      describe: 'Overwrite the file if it exists, e.g. init starter.yaml --force',
    })
    .example('$0 init', `Write ${DEFAULT_STARTER}`)
    .example('$0 init my-service.yaml', 'Write it under another name')
    .example(
      '$0 init scenario.ts',
      'A TypeScript scenario: export default defineScenario({...})',
    ) as unknown as Argv<InitArgs>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function initCommand(args: InitArgs, io: Io): Promise<number> {
  if (!args.force && (await exists(args.file))) {
    throw badInput(
      `${args.file}: already exists; pass --force to overwrite it, or name another file: pollstorm init other.yaml`,
    );
  }
  await writeText(args.file, starterText(starterFormat(args.file)));
  io.stdout.write(
    `wrote ${args.file}\n\nNext:\n  npx pollstorm validate ${args.file}\n  npx pollstorm run ${args.file}\n`,
  );
  return EXIT.ok;
}
