import { Args, Flags } from '@oclif/core';
import { DeadlineExceededError, ExitCode } from '../../../common/errors.js';
import type { Run__Output } from '../../../common/proto/gen/parallax/v1/Run.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { runDuration } from '../../lib/human-time.js';
import { palette, stateStyle } from '../../lib/output.js';
import { positiveDuration } from '../../lib/positive-duration.js';
import { runJson } from '../../lib/wire-json.js';

/** A run in one of these has ended for good: no attempt of it will start again. */
const ENDED = new Set(['succeeded', 'failed', 'timed_out', 'cancelled', 'lost']);

/** How often the run is asked about: soon at first (most runs are short), then every 2 s. */
const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 2_000;

export default class RunWait extends BaseCommand<Run__Output> {
  static override summary = "Wait for a run to end, and exit with its outcome.";

  static override description =
    'For scripts and CI: exits 0 when the run succeeded and 1 when it ended otherwise (failed, timed out, cancelled, lost), once its retries are used up. With --timeout, exits 7 if the run has not ended by then (the run goes on). Prints how it ended; --json prints the run as "parallax run get --json" does.';

  static override args = {
    id: Args.string({ description: 'Id of the run.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    timeout: Flags.string({ summary: 'Give up waiting after this long (exit 7), e.g. 30s, 10m; the run is not stopped.', helpValue: 'DURATION' }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> 01jd4m8x2k7q9w3e5r6t8y0u1i',
    '<%= config.bin %> <%= command.id %> "$(<%= config.bin %> schedule trigger deploy)" --timeout 30m && echo deployed',
  ];

  async run(): Promise<Run__Output> {
    const { args, flags } = await this.parse(RunWait);
    const limitMs = flags.timeout === undefined ? undefined : positiveDuration(flags.timeout, 'timeout');
    const deadline = limitMs === undefined ? Infinity : Date.now() + limitMs;
    const connection = await this.control(flags);
    for (let pollMs = FIRST_POLL_MS; ; pollMs = Math.min(MAX_POLL_MS, pollMs * 2)) {
      const run = await call(connection, 'getRun', { id: args.id });
      if (ENDED.has(run.state)) {
        if (run.state !== 'succeeded') process.exitCode = ExitCode.failure;
        return run;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DeadlineExceededError(`run ${run.id} has not ended after ${flags.timeout} (it is ${run.state}); it goes on: wait again, or cancel it with parallax run cancel ${run.id}`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)));
    }
  }

  protected override toJson(result: Run__Output): unknown {
    return runJson(result);
  }

  protected render(run: Run__Output): void {
    const c = palette();
    const how = run.error !== '' ? `: ${run.error}` : typeof run.exitCode === 'number' && run.exitCode !== 0 ? `: exit code ${run.exitCode}` : run.signal !== '' ? `: ${run.signal}` : '';
    const took = runDuration(run.startedAtMs, run.endedAtMs, Date.now());
    process.stdout.write(`${run.id} ${stateStyle(run.state, c)(run.state)}${how}${took === '-' ? '' : ` (${took})`}\n`);
  }
}
