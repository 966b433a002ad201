import { Args, Flags } from '@oclif/core';
import { InvalidArgumentError } from '../../../common/errors.js';
import type { Schedule__Output } from '../../../common/proto/gen/parallax/v1/Schedule.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { whenText } from '../../lib/human-time.js';
import { programAfterDashes, scheduleFlags, scheduleRequestFields, timingFlags, timingOf } from '../../lib/schedule-flags.js';
import { scheduleJson } from '../../lib/wire-json.js';
import { missingVariables, warnMissingVariables } from '../../lib/missing-variables.js';

export default class ScheduleCreate extends BaseCommand<Schedule__Output> {
  static override summary = 'Create a schedule.';

  static override description = `Runs a shell command line (--shell) or a program with its arguments (after --) on an agent whose labels match --selector, each time the cron expression falls due. The coordinator checks the cron expression and the time zone.`;

  static override examples = [
    `<%= config.bin %> <%= command.id %> hello --cron "*/2 * * * * *" --shell "echo hello from \\$(hostname)"`,
    '<%= config.bin %> <%= command.id %> backup --cron "0 3 * * *" --tz Europe/Berlin --timeout 1h --selector role=db -- /usr/local/bin/backup --full',
    '<%= config.bin %> <%= command.id %> report --cron "*/5 * * * *" --env-from-var TOKEN=report/token --shell ./report.sh',
    '<%= config.bin %> <%= command.id %> sync --every 15m --shell "rsync -a /data backup:/data"',
    '<%= config.bin %> <%= command.id %> xmas --at 2026-12-24T18:00:00+01:00 --shell ./lights-on',
    '<%= config.bin %> <%= command.id %> fetch --every 1h --retries 3 --backoff 10s..5m --overlap queue:2 --shell ./fetch.sh',
    '<%= config.bin %> <%= command.id %> deploy --after build:success --shell ./deploy.sh',
    '<%= config.bin %> <%= command.id %> rotate --cron "0 4 * * *" --ssh deploy@10.0.0.5 --ssh-key-var keys/deploy --ssh-host-key SHA256:… --shell "logrotate -f /etc/logrotate.conf"',
    '<%= config.bin %> <%= command.id %> ping --every 5m --http https://example.com/health --success 200,204 --timeout 10s',
    '<%= config.bin %> <%= command.id %> hook --cron "0 * * * *" --http https://ci.example.com/api/build --method POST --header \'Authorization: Bearer ${TOKEN}\' --env-from-var TOKEN=ci/token',
  ];

  static override usage = [
    '<%= command.id %> NAME --cron EXPR|--every DURATION|--at TIME|--after SCHEDULE --shell CMD [FLAGS]',
    '<%= command.id %> NAME --cron EXPR|--every DURATION|--at TIME [FLAGS] -- PROGRAM [ARGS...]',
  ];

  // The program and its arguments come after `--` and are not declared as args.
  static override strict = false;

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    ...timingFlags,
    ...scheduleFlags,
    paused: Flags.boolean({ summary: 'Create the schedule paused: it does not fire until resumed.' }),
  };

  async run(): Promise<Schedule__Output> {
    const { args, argv, flags } = await this.parse(ScheduleCreate);
    const program = programAfterDashes(this.argv, argv.map(String));
    const shell = flags.shell;
    const kinds = [shell !== undefined, program.length > 0, flags.http !== undefined].filter(Boolean).length;
    if (kinds > 1) {
      throw new InvalidArgumentError('pass one of --shell, --http and a program after --, not several', { field: 'shell' });
    }
    if (kinds === 0 || (shell !== undefined && shell.trim() === '')) {
      throw new InvalidArgumentError(
        'nothing to run: pass --shell "COMMAND LINE", --http URL, or a program and its arguments after --',
        { field: 'shell' },
      );
    }
    const timing = timingOf(flags);
    if (timing === undefined && flags.after === undefined) {
      throw new InvalidArgumentError('when to run: pass --cron EXPR, --every DURATION or --at TIME, or --after SCHEDULE', { field: 'cron' });
    }
    if (flags.after?.trim() === 'none') throw new InvalidArgumentError('--after none is for update: leave --after out instead', { field: 'after' });
    const request = {
      name: args.name,
      cron: timing ?? '',
      paused: flags.paused,
      ...scheduleRequestFields(flags, program),
    };
    const conn = await this.control(flags);
    const created = await call(conn, 'createSchedule', request);
    warnMissingVariables(created.name, await missingVariables(conn, created));
    return created;
  }

  protected override toJson(result: Schedule__Output): unknown {
    return scheduleJson(result);
  }

  protected render(schedule: Schedule__Output): void {
    const next = schedule.paused
      ? 'paused; it does not fire until resumed'
      : `next run ${whenText(schedule.nextDueAtMs, Date.now())}`;
    process.stdout.write(`Created schedule ${schedule.name}: ${next}\n`);
  }
}
