import { Args, Flags } from '@oclif/core';
import { InvalidArgumentError } from '../../../common/errors.js';
import { parseMoment } from '../../../common/time.js';
import type { NextDueTimesResponse__Output } from '../../../common/proto/gen/parallax/v1/NextDueTimesResponse.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { palette, table } from '../../lib/output.js';

export interface DueTimeJson {
  dueAt: string;
  local: string;
}

export default class ScheduleNext extends BaseCommand<NextDueTimesResponse__Output> {
  static override summary = 'Show when a schedule is due next.';

  static override description =
    'Due times come from the cron expression read in the schedule\'s zone. Around daylight-saving changes, a local time the clock skips is due once, at the first instant after the gap, and a local time the clock passes twice is due once, at its first occurrence.';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    ...readFlags,
    count: Flags.integer({ summary: 'How many due times (1 to 1000).', helpValue: 'N', default: 10, min: 1, max: 1000 }),
    from: Flags.string({ summary: 'Due times after this moment: RFC 3339 with its offset, or a date (midnight UTC); default now.', helpValue: 'TIME' }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> backup-db',
    '<%= config.bin %> <%= command.id %> backup-db --count 5 --from 2026-03-28T00:00:00+01:00 --json',
  ];

  async run(): Promise<NextDueTimesResponse__Output> {
    const { args, flags } = await this.parse(ScheduleNext);
    const fromMs = flags.from === undefined ? 0 : parseMoment(flags.from, { dateAlone: true });
    if (fromMs === undefined) {
      throw new InvalidArgumentError(`invalid --from "${flags.from}": expected a date and time such as 2026-12-24T18:00:00+01:00, or a date`, { field: 'from' });
    }
    return call(await this.control(flags), 'nextDueTimes', { name: args.name, count: flags.count, fromMs });
  }

  protected override toJson(result: NextDueTimesResponse__Output): DueTimeJson[] {
    return result.due.map((d) => ({ dueAt: new Date(d.dueAtMs).toISOString(), local: d.local }));
  }

  protected render(result: NextDueTimesResponse__Output): void {
    const c = palette();
    if (result.paused) process.stderr.write('This schedule is paused: it fires at these times only once it is resumed.\n');
    const zone = result.tz === '' ? 'UTC' : result.tz;
    const rows = result.due.map((d) => [d.local.replace('T', ' '), new Date(d.dueAtMs).toISOString().replace('T', ' ').replace('.000Z', 'Z')]);
    process.stdout.write(table([`LOCAL (${zone})`, 'UTC'], rows, c));
  }
}
