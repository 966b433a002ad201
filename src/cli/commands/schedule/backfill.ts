import { Args, Flags } from '@oclif/core';
import { InvalidArgumentError } from '../../../common/errors.js';
import { parseMoment } from '../../../common/time.js';
import type { BackfillScheduleResponse__Output } from '../../../common/proto/gen/parallax/v1/BackfillScheduleResponse.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { runJson } from '../../lib/wire-json.js';

export default class ScheduleBackfill extends BaseCommand<BackfillScheduleResponse__Output> {
  static override summary = 'Make runs for due times that have passed, such as days the schedule did not exist.';

  static override description =
    'One run for each due time from --from up to, not including, --to (at most 1000, all before now), made now and queued like any other; they count as runs of the schedule for its overlap policy. Prints the ids of the runs.';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    from: Flags.string({ summary: 'First moment, RFC 3339 or a date (midnight UTC).', helpValue: 'TIME', required: true }),
    to: Flags.string({ summary: 'End of the range, not included, RFC 3339 or a date (midnight UTC).', helpValue: 'TIME', required: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> backup-db --from 2026-11-01 --to 2026-11-08'];

  async run(): Promise<BackfillScheduleResponse__Output> {
    const { args, flags } = await this.parse(ScheduleBackfill);
    const fromMs = moment(flags.from, 'from');
    const toMs = moment(flags.to, 'to');
    return call(await this.control(flags), 'backfillSchedule', { name: args.name, fromMs, toMs });
  }

  protected override toJson(result: BackfillScheduleResponse__Output): unknown {
    return result.runs.map(runJson);
  }

  protected render(result: BackfillScheduleResponse__Output): void {
    for (const run of result.runs) process.stdout.write(`${run.id}\n`);
    process.stderr.write(`Made ${result.runs.length} run${result.runs.length === 1 ? '' : 's'}.\n`);
  }
}

function moment(text: string, flag: string): number {
  const ms = parseMoment(text, { dateAlone: true });
  if (ms === undefined) {
    throw new InvalidArgumentError(`invalid --${flag} "${text}": expected a date such as 2026-11-01, or a time such as 2026-11-01T02:30:00+01:00`, { field: flag });
  }
  return ms;
}
