import { Args } from '@oclif/core';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';

interface Deleted {
  name: string;
  deleted: true;
  /** Its runs not yet ended: they go on. */
  activeRuns: string[];
}

export default class ScheduleDelete extends BaseCommand<Deleted> {
  static override summary = 'Delete a schedule.';

  static override description =
    'Runs it already made are kept, with their output; those not yet ended (queued or running) go on, and are listed so you can cancel them (parallax run cancel ID).';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> hello'];

  async run(): Promise<Deleted> {
    const { args, flags } = await this.parse(ScheduleDelete);
    const { activeRuns } = await call(await this.control(flags), 'deleteSchedule', { name: args.name });
    return { name: args.name, deleted: true, activeRuns };
  }

  protected render(result: Deleted): void {
    process.stdout.write(`Deleted schedule ${result.name}\n`);
    const active = result.activeRuns;
    if (active.length === 0) return;
    const runs = active.length === 1 ? `Its run ${active[0]} has not ended and goes on` : `${active.length} of its runs have not ended and go on: ${active.join(', ')}`;
    process.stderr.write(`${runs} (parallax run cancel ID stops one).\n`);
  }
}
