import type { Role__Output } from '../../../common/proto/gen/parallax/v1/Role.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { roleJson } from '../../lib/identity-json.js';
import { palette, table, truncate } from '../../lib/output.js';

export default class RoleList extends BaseCommand<Role__Output[]> {
  static override summary = "List the roles that can be held in the tenant: the built-in ones and the tenant's own, with what each allows.";

  static override flags = { ...readFlags };

  async run(): Promise<Role__Output[]> {
    const { flags } = await this.parse(RoleList);
    return (await call(await this.control(flags), 'listRoles', {})).roles;
  }

  protected override toJson(result: Role__Output[]): unknown {
    return result.map(roleJson);
  }

  protected render(roles: Role__Output[]): void {
    const rows = roles.map((r) => [r.name, r.builtIn ? 'built-in' : r.inherits.length > 0 ? `inherits ${r.inherits.join(', ')}` : 'custom', truncate(r.permissions.join(' '), 100)]);
    process.stdout.write(table(['ROLE', 'KIND', 'ALLOWS'], rows, palette()));
  }
}
