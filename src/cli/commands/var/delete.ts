import { Args } from '@oclif/core';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';

interface Deleted {
  key: string;
  deleted: true;
}

export default class VarDelete extends BaseCommand<Deleted> {
  static override summary = 'Delete a variable.';

  static override args = {
    key: Args.string({ description: 'Key of the variable.', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> greeting'];

  async run(): Promise<Deleted> {
    const { args, flags } = await this.parse(VarDelete);
    await call(await this.control(flags), 'deleteVariable', { key: args.key });
    return { key: args.key, deleted: true };
  }

  protected render(result: Deleted): void {
    process.stdout.write(`Deleted variable ${result.key}\n`);
  }
}
