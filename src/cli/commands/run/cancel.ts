import { Args, Flags } from '@oclif/core';
import type { Run__Output } from '../../../common/proto/gen/parallax/v1/Run.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { palette, stateStyle } from '../../lib/output.js';
import { runJson } from '../../lib/wire-json.js';

export default class RunCancel extends BaseCommand<Run__Output> {
  static override summary = 'Cancel a run that has not ended: it is not retried, and its process is stopped.';

  static override description =
    'The run ends as cancelled at once. If an agent is running it, the agent stops the whole process tree (SIGTERM, then SIGKILL after the grace period) within seconds; whatever the process still reports is refused. Cancelling a run that has ended fails with exit code 6 and changes nothing.';

  static override args = {
    id: Args.string({ description: 'Id of the run.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    reason: Flags.string({ summary: 'Why, recorded on the run (default "cancelled by <you>", your user or token name).', helpValue: 'TEXT' }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> 01jd4m8x2k7q9w3e5r6t8y0u1i',
    '<%= config.bin %> <%= command.id %> 01jd4m8x2k7q9w3e5r6t8y0u1i --reason "wrong release" --json',
  ];

  async run(): Promise<Run__Output> {
    const { args, flags } = await this.parse(RunCancel);
    return call(await this.control(flags), 'cancelRun', { id: args.id, reason: flags.reason ?? '' });
  }

  protected override toJson(result: Run__Output): unknown {
    return runJson(result);
  }

  protected render(run: Run__Output): void {
    const c = palette();
    const holder = run.agent === '' ? '' : ` (agent ${run.agent} stops attempt ${run.attempt})`;
    process.stdout.write(`${run.id} ${stateStyle(run.state, c)(run.state)}${holder}\n`);
  }
}
