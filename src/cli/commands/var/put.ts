import { Args, Flags } from '@oclif/core';
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '../../../common/errors.js';
import type { Variable__Output } from '../../../common/proto/gen/parallax/v1/Variable.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { readAll } from '../../lib/stdin.js';
import { variableJson } from '../../lib/wire-json.js';

export default class VarPut extends BaseCommand<Variable__Output> {
  static override summary = 'Store a variable.';

  static override description =
    'Runs read variables through --env-from-var. The value is stored as bytes: give it as an argument, as - to read stdin, or with --from-file.';

  static override args = {
    key: Args.string({ description: 'Key of the variable, such as db/password.', required: true, ignoreStdin: true }),
    value: Args.string({ description: 'The value, or - to read it from stdin.', ignoreStdin: true }),
  };

  static override flags = {
    'from-file': Flags.file({ summary: 'Read the value from this file.', helpValue: 'PATH' }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> greeting hello',
    'printf %s "$TOKEN" | <%= config.bin %> <%= command.id %> report/token -',
    '<%= config.bin %> <%= command.id %> tls/cert --from-file ./cert.pem',
  ];

  async run(): Promise<Variable__Output> {
    const { args, flags } = await this.parse(VarPut);
    const file = flags['from-file'];
    if (args.value !== undefined && file !== undefined) {
      throw new InvalidArgumentError('pass the value either as VALUE or with --from-file, not both', { field: 'value' });
    }
    if (args.value === undefined && file === undefined) {
      throw new InvalidArgumentError('missing the value: pass VALUE, - to read it from stdin, or --from-file PATH', {
        field: 'value',
      });
    }
    // Connect first: a missing coordinator should not wait for stdin to end before saying so.
    const conn = await this.control(flags);
    const value =
      file !== undefined ? await readValueFile(file) : args.value === '-' ? await readAll() : Buffer.from(args.value ?? '');
    return call(conn, 'putVariable', { key: args.key, value });
  }

  protected override toJson(result: Variable__Output): unknown {
    return variableJson(result);
  }

  protected render(variable: Variable__Output): void {
    process.stdout.write(`Stored variable ${variable.key}\n`);
  }
}

async function readValueFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : undefined;
    if (why === undefined) throw err;
    throw new InvalidArgumentError(`cannot read --from-file ${path}: ${why}`, { field: 'from-file' });
  }
}
