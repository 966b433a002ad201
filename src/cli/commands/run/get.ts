import { Args } from '@oclif/core';
import type { Run__Output } from '../../../common/proto/gen/parallax/v1/Run.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { commandText } from '../../lib/describe.js';
import { runDuration, whenText } from '../../lib/human-time.js';
import { details, palette, stateStyle, table } from '../../lib/output.js';
import { runJson } from '../../lib/wire-json.js';

export default class RunGet extends BaseCommand<Run__Output> {
  static override summary = 'Show one run.';

  static override args = {
    id: Args.string({ description: 'Id of the run.', required: true, ignoreStdin: true }),
  };

  static override flags = { ...readFlags };

  static override examples = ['<%= config.bin %> <%= command.id %> 01jd4m8x2k7q9w3e5r6t8y0u1i'];

  async run(): Promise<Run__Output> {
    const { args, flags } = await this.parse(RunGet);
    return call(await this.control(flags), 'getRun', { id: args.id });
  }

  protected override toJson(result: Run__Output): unknown {
    return runJson(result);
  }

  protected render(r: Run__Output): void {
    const now = Date.now();
    const c = palette();
    const pairs: [string, string][] = [
      ['Id', r.id],
      ['Schedule', r.schedule === '' ? '-' : r.schedule],
      ['State', stateStyle(r.state, c)(r.state)],
      ['Attempt', r.retries > 0 ? `${r.attempt} of at most ${r.retries + 1}` : String(r.attempt)],
      ['Trigger', r.trigger === 'chain' && r.upstreamRun !== '' ? `chain (after run ${r.upstreamRun})` : r.trigger === '' ? '-' : r.trigger],
    ];
    if (r.state === 'queued' && r.retryAtMs > 0) pairs.push(['Retry', whenText(r.retryAtMs, now)]);
    if (r.queuedReason !== '') pairs.push(['Waiting', r.queuedReason]);
    else if (r.waiting) pairs.push(['Waiting', 'for an earlier run of its schedule to end (overlap queue)']);
    if (typeof r.exitCode === 'number') pairs.push(['Exit code', String(r.exitCode)]);
    if (r.signal !== '') pairs.push(['Signal', r.signal]);
    if (r.error !== '') pairs.push(['Error', r.error]);
    pairs.push(
      ['Due', whenText(r.dueAtMs, now)],
      ['Created', whenText(r.createdAtMs, now)],
      ['Leased', whenText(r.leasedAtMs, now)],
      ['Started', whenText(r.startedAtMs, now)],
      ['Ended', whenText(r.endedAtMs, now)],
      ['Duration', runDuration(r.startedAtMs, r.endedAtMs, now)],
      ['Agent', r.agent === '' ? '-' : r.agent],
      ['Command', commandText(r.spec)],
      ['Output', `${r.outputBytes} bytes` + (r.outputTruncatedBytes > 0 ? ` (${r.outputTruncatedBytes} more dropped)` : '')],
    );
    process.stdout.write(details(pairs, c));
    if (r.attempts.length > 1) {
      const rows = r.attempts.map((a) => [
        String(a.attempt),
        { text: a.state, style: stateStyle(a.state, c) },
        a.agent === '' ? '-' : a.agent,
        typeof a.exitCode === 'number' ? String(a.exitCode) : a.signal === '' ? '-' : a.signal,
        runDuration(a.startedAtMs, a.endedAtMs, now),
        a.error,
      ]);
      process.stdout.write(`\n${table(['ATTEMPT', 'STATE', 'AGENT', 'EXIT', 'DURATION', 'ERROR'], rows, c)}`);
    }
  }
}
