import { Args } from '@oclif/core';
import type { Variable__Output } from '../../../common/proto/gen/parallax/v1/Variable.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { variableJson } from '../../lib/wire-json.js';

export default class VarGet extends BaseCommand<Variable__Output> {
  static override summary = "Print a variable's value.";

  static override description =
    'Prints the value exactly as stored, so `$(parallax var get KEY)` and redirections get the bytes unchanged; a newline is added only when printing to a terminal.';

  static override args = {
    key: Args.string({ description: 'Key of the variable.', required: true, ignoreStdin: true }),
  };

  static override flags = { ...readFlags };

  static override examples = ['<%= config.bin %> <%= command.id %> greeting'];

  async run(): Promise<Variable__Output> {
    const { args, flags } = await this.parse(VarGet);
    return call(await this.control(flags), 'getVariable', { key: args.key });
  }

  protected override toJson(result: Variable__Output): unknown {
    return variableJson(result);
  }

  protected render(variable: Variable__Output): void {
    process.stdout.write(variable.value);
    if (process.stdout.isTTY) process.stdout.write('\n');
  }
}
