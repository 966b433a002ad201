import { Args } from '@oclif/core';
import type { Schedule__Output } from '../../../common/proto/gen/parallax/v1/Schedule.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { scheduleJson } from '../../lib/wire-json.js';

export default class SchedulePause extends BaseCommand<Schedule__Output> {
  static override summary = 'Stop a schedule from firing until it is resumed.';

  static override description = 'Runs already made go on. Due times that pass while it is paused are not fired later.';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> backup-db'];

  async run(): Promise<Schedule__Output> {
    const { args, flags } = await this.parse(SchedulePause);
    return call(await this.control(flags), 'updateSchedule', { name: args.name, fields: ['paused'], paused: true });
  }

  protected override toJson(result: Schedule__Output): unknown {
    return scheduleJson(result);
  }

  protected render(schedule: Schedule__Output): void {
    process.stdout.write(`Paused schedule ${schedule.name}: it does not fire until resumed\n`);
  }
}
