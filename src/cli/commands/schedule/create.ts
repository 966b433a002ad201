import { Args, Flags } from '@oclif/core';
import { parseDuration } from '../../../common/duration.js';
import { InvalidArgumentError } from '../../../common/errors.js';
import type { Schedule__Output } from '../../../common/proto/gen/parallax/v1/Schedule.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { whenText } from '../../lib/human-time.js';
import { parseKeyValues } from '../../lib/key-value.js';
import { positiveDuration, programAfterDashes, scheduleFlags, timeoutMs, timingFlags, timingOf } from '../../lib/schedule-flags.js';
import { scheduleJson } from '../../lib/wire-json.js';

export default class ScheduleCreate extends BaseCommand<Schedule__Output> {
  static override summary = 'Create a schedule.';

  static override description = `Runs a shell command line (--shell) or a program with its arguments (after --) on an agent whose labels match --selector, each time the cron expression falls due. The coordinator checks the cron expression and the time zone.`;

  static override examples = [
    `<%= config.bin %> <%= command.id %> hello --cron "*/2 * * * * *" --shell "echo hello from \\$(hostname)"`,
    '<%= config.bin %> <%= command.id %> backup --cron "0 3 * * *" --tz Europe/Berlin --timeout 1h --selector role=db -- /usr/local/bin/backup --full',
    '<%= config.bin %> <%= command.id %> report --cron "*/5 * * * *" --env-from-var TOKEN=report/token --shell ./report.sh',
    '<%= config.bin %> <%= command.id %> sync --every 15m --shell "rsync -a /data backup:/data"',
    '<%= config.bin %> <%= command.id %> xmas --at 2026-12-24T18:00:00+01:00 --shell ./lights-on',
  ];

  static override usage = [
    '<%= command.id %> NAME --cron EXPR|--every DURATION|--at TIME --shell CMD [FLAGS]',
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
    if (shell !== undefined && program.length > 0) {
      throw new InvalidArgumentError('pass either --shell or a program after --, not both', { field: 'shell' });
    }
    if ((shell === undefined || shell.trim() === '') && program.length === 0) {
      throw new InvalidArgumentError(
        'nothing to run: pass --shell "COMMAND LINE", or a program and its arguments after --',
        { field: 'shell' },
      );
    }
    const timing = timingOf(flags);
    if (timing === undefined) throw new InvalidArgumentError('when to run: pass --cron EXPR, --every DURATION or --at TIME', { field: 'cron' });
    const request = {
      name: args.name,
      cron: timing,
      tz: flags.tz ?? '',
      paused: flags.paused,
      spec: {
        shell: shell ?? '',
        argv: program,
        env: parseKeyValues(flags.env, { flag: 'env', shape: 'KEY=VALUE', envName: true }),
        envFromVar: parseKeyValues(flags['env-from-var'], {
          flag: 'env-from-var',
          shape: 'NAME=VARIABLE_KEY',
          envName: true,
          valueRequired: true,
        }),
        cwd: flags.cwd ?? '',
        timeoutMs: flags.timeout === undefined ? 0 : timeoutMs(flags.timeout),
      },
      selector: parseKeyValues(flags.selector, { flag: 'selector', shape: 'LABEL=VALUE' }),
      misfire: flags.misfire ?? '',
      overlap: flags.overlap ?? '',
      jitterMs: flags.jitter === undefined ? 0 : parseDuration(flags.jitter, '--jitter'),
      keep: flags.keep ?? 0,
      keepForMs: flags['keep-for'] === undefined ? 0 : positiveDuration(flags['keep-for'], 'keep-for'),
      catchupMs: flags.catchup === undefined ? 0 : positiveDuration(flags.catchup, 'catchup'),
    };
    return call(await this.control(flags), 'createSchedule', request);
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
