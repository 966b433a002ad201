import { Args, Flags } from '@oclif/core';
import type { ScheduleHistoryResponse__Output } from '../../../common/proto/gen/parallax/v1/ScheduleHistoryResponse.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { palette, table } from '../../lib/output.js';

export interface HistoryJson {
  dueAt: string;
  outcome: 'fired' | 'missed';
  /** fired: the run made for it, and its state now. */
  run: string | null;
  state: string | null;
  /** missed: how many due times, from `from` to `dueAt`, and why. */
  count: number;
  from: string;
  reason: string | null;
  /** fired: schedule, manual, backfill or chain; null for a miss. */
  trigger: string | null;
  /** fired: attempts made so far (0 while not yet started). */
  attempts: number;
}

export default class ScheduleHistory extends BaseCommand<ScheduleHistoryResponse__Output> {
  static override summary = 'Show what became of a schedule\'s due times: fired, with the run, or missed, and why.';

  static override description =
    'Every due time gets one fire or one recorded miss. Due times that passed while no leader could fire them are fired late or missed by the schedule\'s misfire policy; consecutive misses are one line with their count.';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    ...readFlags,
    limit: Flags.integer({ summary: 'At most this many lines (default 50).', helpValue: 'N', min: 1, max: 10_000 }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> backup-db', '<%= config.bin %> <%= command.id %> backup-db --limit 500 --json'];

  async run(): Promise<ScheduleHistoryResponse__Output> {
    const { args, flags } = await this.parse(ScheduleHistory);
    return call(await this.control(flags), 'scheduleHistory', { name: args.name, limit: flags.limit ?? 0 });
  }

  protected override toJson(result: ScheduleHistoryResponse__Output): HistoryJson[] {
    return result.entries.map((e) => ({
      dueAt: new Date(e.dueAtMs).toISOString(),
      outcome: e.outcome === 'missed' ? 'missed' : 'fired',
      run: e.runId === '' ? null : e.runId,
      state: e.state === '' ? null : e.state,
      count: e.count,
      from: new Date(e.fromMs).toISOString(),
      reason: e.reason === '' ? null : e.reason,
      trigger: e.trigger === '' ? null : e.trigger,
      attempts: e.attempts,
    }));
  }

  protected render(result: ScheduleHistoryResponse__Output): void {
    const c = palette();
    const rows = result.entries.map((e) =>
      e.outcome === 'missed'
        ? [utc(e.dueAtMs), { text: 'missed', style: c.yellow }, e.count === 1 ? '' : `${e.count} from ${utc(e.fromMs)}`, e.reason]
        : [utc(e.dueAtMs), { text: 'fired', style: c.green }, `${e.runId} ${e.state}${e.attempts > 1 ? ` (attempt ${e.attempts})` : ''}`, e.reason],
    );
    process.stdout.write(table(['DUE (UTC)', 'OUTCOME', 'RUN / MISSED', 'REASON'], rows, c));
  }
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('.000Z', 'Z');
}
