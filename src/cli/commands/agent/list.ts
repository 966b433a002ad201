import type { Agent__Output } from '../../../common/proto/gen/parallax/v1/Agent.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { relativeTime } from '../../lib/human-time.js';
import { labelsText, palette, table } from '../../lib/output.js';
import { agentState } from '../../lib/describe.js';
import { agentJson } from '../../lib/wire-json.js';

export default class AgentList extends BaseCommand<Agent__Output[]> {
  static override summary = 'List the agents that have registered with the coordinators.';

  static override description =
    'STATE is ready, drained (parallax agent drain: no new runs), stopping (the agent is shutting down and finishing its runs) or offline. Only the leader knows who is connected: another coordinator asks it (with --stale it answers itself, and shows every agent offline).';

  static override examples = ['<%= config.bin %> <%= command.id %>'];

  static override flags = { ...readFlags };

  async run(): Promise<Agent__Output[]> {
    const { flags } = await this.parse(AgentList);
    const { agents } = await call(await this.control(flags), 'listAgents', {});
    return agents;
  }

  protected override toJson(result: Agent__Output[]): unknown {
    return result.map(agentJson);
  }

  protected render(agents: Agent__Output[]): void {
    if (agents.length === 0) {
      process.stderr.write('No agents have registered yet. Start one with "parallax-agent" (or "parallax dev").\n');
      return;
    }
    const now = Date.now();
    const c = palette();
    const rows = agents.map((a) => [
      a.name,
      labelsText(a.labels),
      String(a.capacity),
      String(a.running),
      agentState(a, c),
      relativeTime(a.lastHeartbeatMs, now),
      a.version === '' ? '-' : a.version,
    ]);
    process.stdout.write(
      table(['NAME', 'LABELS', 'CAPACITY', 'RUNNING', 'STATE', 'LAST HEARTBEAT', 'VERSION'], rows, c),
    );
  }
}
