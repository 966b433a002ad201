import { Flags } from '@oclif/core';
import { DeadlineExceededError, FailedPreconditionError, NotFoundError } from '../../../common/errors.js';
import type { Agent__Output } from '../../../common/proto/gen/parallax/v1/Agent.js';
import { call, type Connection } from '../../lib/client.js';
import { positiveDuration } from '../../lib/positive-duration.js';
import { SetDrained } from '../../lib/set-drained.js';

export default class AgentDrain extends SetDrained {
  static override summary = 'Drain an agent: it finishes the runs it has and is given no new ones, until undrained.';

  static override description =
    'Kept in the cluster\'s state: it holds when the agent restarts and when leadership moves. Use it before maintenance of the host: with --wait it returns once the agent runs nothing (RUNNING 0 in "parallax agent list"); with --timeout too, it exits 7 if runs are still going by then (they go on, and the agent stays drained).';

  static override flags = {
    wait: Flags.boolean({ summary: 'Wait until the runs the agent has have ended.' }),
    timeout: Flags.string({ summary: 'With --wait: give up after this long (exit 7), e.g. 10m; the runs are not stopped.', helpValue: 'DURATION', dependsOn: ['wait'] }),
  };

  static override args = SetDrained.args;

  static override examples = ['<%= config.bin %> <%= command.id %> web-1', '<%= config.bin %> <%= command.id %> web-1 --wait --timeout 30m && sudo reboot'];

  async run(): Promise<Agent__Output> {
    const { args, flags } = await this.parse(AgentDrain);
    const limitMs = flags.timeout === undefined ? undefined : positiveDuration(flags.timeout, 'timeout');
    const connection = await this.control(flags);
    const agent = await call(connection, 'drainAgent', { name: args.name, drained: true });
    if (flags.wait !== true || agent.running === 0) return agent;
    if (process.stderr.isTTY) process.stderr.write(`waiting for ${agent.running} run${agent.running === 1 ? '' : 's'} on ${agent.name} to end…\n`);
    return this.untilIdle(connection, agent.name, limitMs === undefined ? Infinity : Date.now() + limitMs, flags.timeout);
  }

  /** The agent once it runs nothing, asked about once a second. */
  private async untilIdle(connection: Connection, name: string, deadline: number, timeout: string | undefined): Promise<Agent__Output> {
    for (;;) {
      const { agents } = await call(connection, 'listAgents', {});
      const agent = agents.find((a) => a.name === name);
      if (agent === undefined) throw new NotFoundError(`agent "${name}" was removed while draining`);
      if (!agent.drained) throw new FailedPreconditionError(`${name} was undrained while waiting (parallax agent undrain): it takes runs again`);
      if (agent.running === 0) return agent;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new DeadlineExceededError(`${name} still has ${agent.running} run${agent.running === 1 ? '' : 's'} after ${timeout}; they go on and ${name} stays drained: wait again, or see them with parallax run list --agent ${name} --state running`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, left)));
    }
  }
}
