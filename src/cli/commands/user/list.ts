import type { User__Output } from '../../../common/proto/gen/parallax/v1/User.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { userJson } from '../../lib/identity-json.js';
import { palette, table } from '../../lib/output.js';

export function grantsText(user: User__Output): string {
  return user.grants.map((g) => (g.tenant === '*' ? `${g.role} (cluster-wide)` : `${g.role} in ${g.tenant}`)).join(', ') || '-';
}

export default class UserList extends BaseCommand<User__Output[]> {
  static override summary = "List users and the roles granted to them by name (in the tenant; everyone's for a cluster administrator).";

  static override description = "Roles a user holds through the identity provider's groups are not listed here: they are in the user's token (see parallax whoami).";

  static override flags = { ...readFlags };

  async run(): Promise<User__Output[]> {
    const { flags } = await this.parse(UserList);
    return (await call(await this.control(flags), 'listUsers', {})).users;
  }

  protected override toJson(result: User__Output[]): unknown {
    return result.map(userJson);
  }

  protected render(users: User__Output[]): void {
    if (users.length === 0) {
      process.stderr.write('No users hold roles granted by name.\n');
      return;
    }
    process.stdout.write(table(['USER', 'ROLES'], users.map((u) => [u.name, grantsText(u)]), palette()));
  }
}
