import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';

export default class TenantDelete extends BaseCommand<{ name: string; deleted: true }> {
  static override summary = 'Delete a tenant; refused while it holds schedules, unless --force deletes them with it.';

  static override description = 'With --force, every schedule, run, output, variable, role and token of the tenant is deleted with it. Refused while any of its runs is active: cancel them first.';

  static override args = {
    name: Args.string({ description: 'Name of the tenant.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    force: Flags.boolean({ summary: 'Delete the tenant with everything it holds.' }),
  };

  async run(): Promise<{ name: string; deleted: true }> {
    const { args, flags } = await this.parse(TenantDelete);
    await call(await this.control(flags), 'deleteTenant', { name: args.name, force: flags.force });
    return { name: args.name, deleted: true };
  }

  protected render(result: { name: string }): void {
    process.stdout.write(`Deleted tenant ${result.name}.\n`);
  }
}
