import { Args } from '@oclif/core';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';

interface Removed {
  name: string;
  removed: true;
}

export default class AgentRemove extends BaseCommand<Removed> {
  static override summary = 'Remove an agent that is gone for good from the agent list.';

  static override description =
    'For a decommissioned host: its agent stays in "parallax agent list" as offline until removed. Refused while the agent is connected or still holds leases of runs (exit 6). An agent of that name that connects later registers anew, undrained.';

  static override args = {
    name: Args.string({ description: 'Name of the agent (as parallax agent list shows it).', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> web-1'];

  async run(): Promise<Removed> {
    const { args, flags } = await this.parse(AgentRemove);
    await call(await this.control(flags), 'removeAgent', { name: args.name });
    return { name: args.name, removed: true };
  }

  protected render(result: Removed): void {
    process.stdout.write(`Removed agent ${result.name}\n`);
  }
}
