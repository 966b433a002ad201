import { Args } from '@oclif/core';
import type { Schedule__Output } from '../../../common/proto/gen/parallax/v1/Schedule.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { whenText } from '../../lib/human-time.js';
import { scheduleJson } from '../../lib/wire-json.js';

export default class ScheduleResume extends BaseCommand<Schedule__Output> {
  static override summary = 'Let a paused schedule fire again.';

  static override description = 'It fires from the next due time after now: the due times that passed while it was paused are not caught up.';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> backup-db'];

  async run(): Promise<Schedule__Output> {
    const { args, flags } = await this.parse(ScheduleResume);
    return call(await this.control(flags), 'updateSchedule', { name: args.name, fields: ['paused'], paused: false });
  }

  protected override toJson(result: Schedule__Output): unknown {
    return scheduleJson(result);
  }

  protected render(schedule: Schedule__Output): void {
    process.stdout.write(`Resumed schedule ${schedule.name}: next run ${whenText(schedule.nextDueAtMs, Date.now())}\n`);
  }
}
