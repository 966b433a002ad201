import AgentDrain from './drain.js';

export default class AgentUndrain extends AgentDrain {
  static override summary = 'Undrain an agent: it is given runs again.';

  static override description = 'Undoes parallax agent drain.';

  // oclif reads a command's own static args, not inherited ones.
  static override args = AgentDrain.args;

  protected override readonly drained: boolean = false;
}
