import type { StatusResponse__Output } from '../../common/proto/gen/parallax/v1/StatusResponse.js';
import { BaseCommand } from '../lib/base-command.js';
import { call } from '../lib/client.js';
import { whenText } from '../lib/human-time.js';
import { details, palette } from '../lib/output.js';
import { statusJson } from '../lib/wire-json.js';

interface Status {
  response: StatusResponse__Output;
  /** The address we reached it at, for when the coordinator does not say. */
  address: string;
}

export default class StatusCommand extends BaseCommand<Status> {
  static override summary = 'Show the coordinator this CLI talks to, and what it holds.';

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json'];

  async run(): Promise<Status> {
    const { flags } = await this.parse(StatusCommand);
    const conn = await this.control(flags);
    return { response: await call(conn, 'status', {}), address: conn.address };
  }

  protected override toJson(result: Status): unknown {
    return statusJson(result.response, result.address);
  }

  protected render(result: Status): void {
    const s = statusJson(result.response, result.address);
    const started = result.response.startedAtMs;
    const pairs: [string, string][] = [
      ['Coordinator', s.address],
      ['Node', s.nodeId === '' ? '-' : s.nodeId],
      ['Data dir', s.dataDir === '' ? '-' : s.dataDir],
      ['Leader', s.leader ?? 'none'],
      ['Version', s.version === '' ? '-' : s.version],
      ['Started', whenText(started, Date.now())],
      ['Schedules', String(s.schedules)],
      ['Agents', `${s.agents} (${s.agentsConnected} connected)`],
      ['Runs', `${s.runs} (${s.runsActive} active)`],
      ['Missed', s.missed === 0 ? '0' : `${s.missed} due times (parallax schedule history NAME says which and why)`],
      ['Applied index', String(s.appliedIndex)],
    ];
    process.stdout.write(details(pairs, palette()));
  }
}
