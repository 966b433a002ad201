import type { Schedule__Output } from '../../../common/proto/gen/parallax/v1/Schedule.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { commandText } from '../../lib/describe.js';
import { whenText } from '../../lib/human-time.js';
import { palette, table, truncate } from '../../lib/output.js';
import { scheduleJson } from '../../lib/wire-json.js';

export default class ScheduleList extends BaseCommand<Schedule__Output[]> {
  static override summary = 'List schedules.';

  static override flags = { ...readFlags };

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json'];

  async run(): Promise<Schedule__Output[]> {
    const { flags } = await this.parse(ScheduleList);
    const { schedules } = await call(await this.control(flags), 'listSchedules', {});
    return schedules;
  }

  protected override toJson(result: Schedule__Output[]): unknown {
    return result.map(scheduleJson);
  }

  protected render(schedules: Schedule__Output[]): void {
    if (schedules.length === 0) {
      process.stderr.write('No schedules yet. Create one with "parallax schedule create".\n');
      return;
    }
    const now = Date.now();
    const c = palette();
    const rows = schedules.map((s) => [
      s.name,
      // A chained schedule has no timing of its own: it runs after its upstream.
      s.cron === '' && s.after ? `after ${s.after.schedule}${s.after.on === 'success' ? '' : `:${s.after.on}`}` : s.cron,
      s.tz === '' ? 'UTC' : s.tz,
      s.paused || s.cron === '' ? '-' : whenText(s.nextDueAtMs, now),
      s.paused ? { text: 'yes', style: c.yellow } : 'no',
      truncate(commandText(s.spec), 60),
    ]);
    process.stdout.write(table(['NAME', 'CRON', 'TZ', 'NEXT', 'PAUSED', 'COMMAND'], rows, c));
  }
}
