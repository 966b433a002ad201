import { Args } from '@oclif/core';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';

interface Deleted {
  name: string;
  deleted: true;
}

export default class ScheduleDelete extends BaseCommand<Deleted> {
  static override summary = 'Delete a schedule.';

  static override description = 'Runs it already started are kept, with their output.';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> hello'];

  async run(): Promise<Deleted> {
    const { args, flags } = await this.parse(ScheduleDelete);
    await call(await this.control(flags), 'deleteSchedule', { name: args.name });
    return { name: args.name, deleted: true };
  }

  protected render(result: Deleted): void {
    process.stdout.write(`Deleted schedule ${result.name}\n`);
  }
}
