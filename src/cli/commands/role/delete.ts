import { Args } from '@oclif/core';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';

export default class RoleDelete extends BaseCommand<{ name: string; deleted: true }> {
  static override summary = "Delete a role of the tenant's own (refused while another role inherits it).";

  static override args = {
    name: Args.string({ description: 'Name of the role.', required: true, ignoreStdin: true }),
  };

  async run(): Promise<{ name: string; deleted: true }> {
    const { args, flags } = await this.parse(RoleDelete);
    await call(await this.control(flags), 'deleteRole', { name: args.name });
    return { name: args.name, deleted: true };
  }

  protected render(result: { name: string }): void {
    process.stdout.write(`Deleted role ${result.name}.\n`);
  }
}
