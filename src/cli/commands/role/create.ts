import { Args, Flags } from '@oclif/core';
import type { Role__Output } from '../../../common/proto/gen/parallax/v1/Role.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { roleJson } from '../../lib/identity-json.js';

export default class RoleCreate extends BaseCommand<Role__Output> {
  static override summary = "Create a role of the tenant's own: what it inherits, allows and denies (a denial wins).";

  static override description = 'Permissions are RESOURCE:ACTION (such as schedules:trigger), RESOURCE:* or *. Resources: schedules, runs, variables, agents, cluster, tenants, users, roles, tokens, audit.';

  static override args = {
    name: Args.string({ description: 'Name of the role.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    inherits: Flags.string({ summary: 'A role whose permissions this one has too; repeatable.', multiple: true, helpValue: 'ROLE' }),
    allow: Flags.string({ summary: 'A permission this role adds; repeatable.', multiple: true, helpValue: 'PERMISSION' }),
    deny: Flags.string({ summary: 'A permission this role takes away, even when inherited; repeatable.', multiple: true, helpValue: 'PERMISSION' }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> deployer --inherits operator --allow schedules:trigger --deny variables:read'];

  async run(): Promise<Role__Output> {
    const { args, flags } = await this.parse(RoleCreate);
    return call(await this.control(flags), 'createRole', { name: args.name, inherits: flags.inherits ?? [], allow: flags.allow ?? [], deny: flags.deny ?? [] });
  }

  protected override toJson(result: Role__Output): unknown {
    return roleJson(result);
  }

  protected render(role: Role__Output): void {
    process.stdout.write(`Created role ${role.name}: ${role.permissions.join(' ') || 'nothing'}\n`);
  }
}
