/** `pollstorm schema`: the JSON Schema of scenario files, for editor completion and validation. */
import type { Argv } from 'yargs';
import { scenarioJsonSchema } from '../../core/scenario/index.js';
import type { Io } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { writeText } from '../outputs.js';

export interface SchemaArgs {
  output?: string;
}

export function schemaBuilder(y: Argv): Argv<SchemaArgs> {
  return y
    .option('output', {
      alias: 'o',
      type: 'string',
      describe: 'Write the schema to this file instead of standard output, e.g. -o pollstorm.schema.json',
      requiresArg: true,
    })
    .example('$0 schema -o pollstorm.schema.json', 'Save it for your editor')
    .epilog(
      'VS Code (Red Hat YAML extension): make this the first line of scenarios/x.yaml, with the schema saved\n' +
        'at the project root (the path is relative to the scenario file)\n' +
        '  # yaml-language-server: $schema=../pollstorm.schema.json\n' +
        'or map files to it in settings.json:\n' +
        '  "yaml.schemas": { "./pollstorm.schema.json": "scenarios/*.yaml" }\n' +
        'JSON scenarios may name it in a "$schema" key.',
    ) as unknown as Argv<SchemaArgs>;
}

export async function schemaCommand(args: SchemaArgs, io: Io): Promise<number> {
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  if (args.output === undefined || args.output === '-') {
    io.stdout.write(text);
  } else {
    await writeText(args.output, text);
    io.stderr.write(`wrote ${args.output}\n`);
  }
  return EXIT.ok;
}
