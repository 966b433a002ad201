import { call } from '../../lib/client.js';
import { SetDrained } from '../../lib/set-drained.js';
import type { Agent__Output } from '../../../common/proto/gen/parallax/v1/Agent.js';

export default class AgentUndrain extends SetDrained {
  static override summary = 'Undrain an agent: it is given runs again.';

  static override description = 'Undoes parallax agent drain.';

  static override args = SetDrained.args;

  static override examples = ['<%= config.bin %> <%= command.id %> web-1'];

  async run(): Promise<Agent__Output> {
    const { args, flags } = await this.parse(AgentUndrain);
    return call(await this.control(flags), 'drainAgent', { name: args.name, drained: false });
  }
}
