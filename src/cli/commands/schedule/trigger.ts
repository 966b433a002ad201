import { Args, Flags } from '@oclif/core';
import type { Run__Output } from '../../../common/proto/gen/parallax/v1/Run.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { parseKeyValues } from '../../lib/key-value.js';
import { runJson } from '../../lib/wire-json.js';

export default class ScheduleTrigger extends BaseCommand<Run__Output> {
  static override summary = 'Start a run of a schedule now, outside its cron times.';

  static override description = 'Prints the id of the new run, so it can be passed on: parallax run logs --follow $(parallax schedule trigger NAME)';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    env: Flags.string({
      summary: 'Environment variable for this run only, over the schedule\'s (repeatable).',
      helpValue: 'K=V',
      multiple: true,
      multipleNonGreedy: true,
    }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> hello',
    '<%= config.bin %> <%= command.id %> deploy --env VERSION=1.4.2',
    '<%= config.bin %> run logs --follow "$(<%= config.bin %> <%= command.id %> hello)"',
  ];

  async run(): Promise<Run__Output> {
    const { args, flags } = await this.parse(ScheduleTrigger);
    const env = parseKeyValues(flags.env, { flag: 'env', shape: 'KEY=VALUE', envName: true });
    return call(await this.control(flags), 'triggerSchedule', { name: args.name, env });
  }

  protected override toJson(result: Run__Output): unknown {
    return runJson(result);
  }

  protected render(run: Run__Output): void {
    process.stdout.write(`${run.id}\n`);
  }
}
