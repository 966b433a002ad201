import { Args } from '@oclif/core';
import { InvalidArgumentError } from '../../../common/errors.js';
import type { Schedule__Output } from '../../../common/proto/gen/parallax/v1/Schedule.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { whenText } from '../../lib/human-time.js';
import { programAfterDashes, scheduleFlags, scheduleRequestFields, timingFlags, timingOf } from '../../lib/schedule-flags.js';
import { scheduleJson } from '../../lib/wire-json.js';
import { missingVariables, warnMissingVariables } from '../../lib/missing-variables.js';

export default class ScheduleUpdate extends BaseCommand<Schedule__Output> {
  static override summary = 'Change a schedule.';

  static override description =
    'Changes only what is given: --env, --env-from-var and --selector replace the whole list. A new --cron or --tz counts from now: due times that passed are not caught up. Runs already made keep what they were made with.';

  static override examples = [
    '<%= config.bin %> <%= command.id %> backup-db --timeout 30m',
    '<%= config.bin %> <%= command.id %> backup-db --cron "0 45 2 * * *" --tz Europe/Berlin',
    '<%= config.bin %> <%= command.id %> backup-db -- /usr/local/bin/backup --incremental',
  ];

  static override usage = ['<%= command.id %> NAME [FLAGS]', '<%= command.id %> NAME [FLAGS] -- PROGRAM [ARGS...]'];

  static override strict = false;

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    ...timingFlags,
    ...scheduleFlags,
  };

  async run(): Promise<Schedule__Output> {
    const { args, argv, flags } = await this.parse(ScheduleUpdate);
    const program = programAfterDashes(this.argv, argv.map(String));
    if ([flags.shell !== undefined, program.length > 0, flags.http !== undefined].filter(Boolean).length > 1) {
      throw new InvalidArgumentError('pass one of --shell, --http and a program after --, not several', { field: 'shell' });
    }
    const fields: string[] = [];
    const given = (field: string, value: unknown) => value !== undefined && fields.push(field);
    const timing = timingOf(flags);
    given('cron', timing);
    given('tz', flags.tz);
    given('shell', flags.shell);
    given('http', flags.http);
    given('ssh', flags.ssh);
    if (program.length > 0) fields.push('argv');
    given('env', flags.env);
    given('env_from_var', flags['env-from-var']);
    given('cwd', flags.cwd);
    given('user', flags.user);
    given('timeout', flags.timeout);
    given('selector', flags.selector);
    given('misfire', flags.misfire);
    given('catchup', flags.catchup);
    given('overlap', flags.overlap);
    given('jitter', flags.jitter);
    given('keep', flags.keep);
    given('keep_for', flags['keep-for']);
    given('retries', flags.retries);
    given('start_within', flags['start-within']);
    given('backoff', flags.backoff);
    given('after', flags.after);
    if (fields.length === 0) {
      throw new InvalidArgumentError('nothing to change: pass the flags to change, such as --cron, --timeout or --shell', { field: 'fields' });
    }
    const request = {
      name: args.name,
      fields,
      cron: timing ?? '',
      ...scheduleRequestFields(flags, program),
    };
    const conn = await this.control(flags);
    const updated = await call(conn, 'updateSchedule', request);
    warnMissingVariables(updated.name, await missingVariables(conn, updated));
    return updated;
  }

  protected override toJson(result: Schedule__Output): unknown {
    return scheduleJson(result);
  }

  protected render(schedule: Schedule__Output): void {
    const next = schedule.paused ? 'paused' : `next run ${whenText(schedule.nextDueAtMs, Date.now())}`;
    process.stdout.write(`Updated schedule ${schedule.name}: ${next}\n`);
  }
}
