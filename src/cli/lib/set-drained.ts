import { Args } from '@oclif/core';
import type { Agent__Output } from '../../common/proto/gen/parallax/v1/Agent.js';
import { BaseCommand } from './base-command.js';
import { agentState } from './describe.js';
import { palette } from './output.js';
import { agentJson } from './wire-json.js';

/** What agent drain and agent undrain share: the agent they name, and how its new state is shown. */
export abstract class SetDrained extends BaseCommand<Agent__Output> {
  static override args = {
    name: Args.string({ description: 'Name of the agent (as parallax agent list shows it).', required: true, ignoreStdin: true }),
  };

  protected override toJson(result: Agent__Output): unknown {
    return agentJson(result);
  }

  protected render(agent: Agent__Output): void {
    const c = palette();
    const state = agentState(agent, c);
    process.stdout.write(`${agent.name}: ${state.style(state.text)}${agent.drained && agent.running > 0 ? ` (${agent.running} running)` : ''}\n`);
  }
}
