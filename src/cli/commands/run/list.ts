import { Flags } from '@oclif/core';
import type { Run__Output } from '../../../common/proto/gen/parallax/v1/Run.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { exitText } from '../../lib/describe.js';
import { localTime, runDuration } from '../../lib/human-time.js';
import { palette, stateStyle, table } from '../../lib/output.js';
import { runJson } from '../../lib/wire-json.js';

export default class RunList extends BaseCommand<Run__Output[]> {
  static override summary = 'List runs, newest first.';

  private filtered = false;

  static override flags = {
    ...readFlags,
    schedule: Flags.string({ summary: 'Only runs of this schedule.', helpValue: 'NAME' }),
    limit: Flags.integer({ summary: 'At most this many runs (the coordinator defaults to 50).', helpValue: 'N', min: 1 }),
    state: Flags.string({
      summary: 'Only runs in this state (repeatable, or separated by commas): queued, leased, running, succeeded, failed, timed_out, cancelled, lost.',
      helpValue: 'STATE',
      multiple: true,
      delimiter: ',',
    }),
    agent: Flags.string({ summary: 'Only runs whose latest attempt went to this agent.', helpValue: 'NAME' }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --schedule hello --limit 5',
    '<%= config.bin %> <%= command.id %> --state failed,timed_out,lost --limit 20',
    '<%= config.bin %> <%= command.id %> --state running --agent web-1',
  ];

  async run(): Promise<Run__Output[]> {
    const { flags } = await this.parse(RunList);
    this.filtered = flags.state !== undefined || flags.agent !== undefined;
    const { runs } = await call(await this.control(flags), 'listRuns', {
      schedule: flags.schedule ?? '',
      limit: flags.limit ?? 0,
      states: flags.state ?? [],
      agent: flags.agent ?? '',
    });
    return runs;
  }

  protected override toJson(result: Run__Output[]): unknown {
    return result.map(runJson);
  }

  protected render(runs: Run__Output[]): void {
    if (runs.length === 0) {
      process.stderr.write(this.filtered ? 'No runs match.\n' : 'No runs yet.\n');
      return;
    }
    const now = Date.now();
    const c = palette();
    const rows = runs.map((r) => [
      r.id,
      r.schedule === '' ? '-' : r.schedule,
      { text: r.state, style: stateStyle(r.state, c) },
      String(r.attempt),
      exitText(r),
      localTime(r.dueAtMs > 0 ? r.dueAtMs : r.createdAtMs, now),
      runDuration(r.startedAtMs, r.endedAtMs, now),
      r.agent === '' ? '-' : r.agent,
    ]);
    process.stdout.write(table(['ID', 'SCHEDULE', 'STATE', 'ATTEMPT', 'EXIT', 'DUE', 'DURATION', 'AGENT'], rows, c));
  }
}
