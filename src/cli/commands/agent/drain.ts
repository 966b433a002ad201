import { Args } from '@oclif/core';
import type { Agent__Output } from '../../../common/proto/gen/parallax/v1/Agent.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { palette } from '../../lib/output.js';
import { agentJson } from '../../lib/wire-json.js';
import { agentState } from './list.js';

export default class AgentDrain extends BaseCommand<Agent__Output> {
  static override summary = 'Drain an agent: it finishes the runs it has and is given no new ones, until undrained.';

  static override description =
    'Kept in the cluster\'s state: it holds when the agent restarts and when leadership moves. Use it before maintenance of the host; "parallax agent list" shows when RUNNING reaches 0.';

  static override args = {
    name: Args.string({ description: 'Name of the agent (as parallax agent list shows it).', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> web-1'];

  /** What the command sets: drained (this command) or not (agent undrain, which extends it). */
  protected readonly drained: boolean = true;

  async run(): Promise<Agent__Output> {
    const { args, flags } = await this.parse(this.constructor as typeof AgentDrain);
    return call(await this.control(flags), 'drainAgent', { name: args.name, drained: this.drained });
  }

  protected override toJson(result: Agent__Output): unknown {
    return agentJson(result);
  }

  protected render(agent: Agent__Output): void {
    const c = palette();
    const state = agentState(agent, c);
    process.stdout.write(`${agent.name}: ${state.style(state.text)}${agent.drained && agent.running > 0 ? ` (${agent.running} running)` : ''}\n`);
  }
}
