import { Args } from '@oclif/core';
import type { Variable__Output } from '../../../common/proto/gen/parallax/v1/Variable.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { whenText } from '../../lib/human-time.js';
import { palette, table } from '../../lib/output.js';
import { variableListItemJson } from '../../lib/wire-json.js';

export default class VarList extends BaseCommand<Variable__Output[]> {
  static override summary = 'List variables (keys only, never values).';

  static override args = {
    prefix: Args.string({ description: 'Only keys that start with this.', ignoreStdin: true }),
  };

  static override flags = { ...readFlags };

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> db/'];

  async run(): Promise<Variable__Output[]> {
    const { args, flags } = await this.parse(VarList);
    const { variables } = await call(await this.control(flags), 'listVariables', { prefix: args.prefix ?? '' });
    return variables;
  }

  protected override toJson(result: Variable__Output[]): unknown {
    return result.map(variableListItemJson);
  }

  protected render(variables: Variable__Output[]): void {
    if (variables.length === 0) {
      process.stderr.write('No variables.\n');
      return;
    }
    const now = Date.now();
    const c = palette();
    process.stdout.write(table(['KEY', 'UPDATED'], variables.map((v) => [v.key, whenText(v.updatedAtMs, now)]), c));
  }
}
