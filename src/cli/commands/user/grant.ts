import { Args, Flags } from '@oclif/core';
import type { User__Output } from '../../../common/proto/gen/parallax/v1/User.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { userJson } from '../../lib/identity-json.js';
import { grantsText } from './list.js';

export default class UserGrant extends BaseCommand<User__Output> {
  static override summary = 'Grant a user a role in the tenant (--tenant), or cluster-wide.';

  static override description = 'You can grant only a role whose every permission you hold yourself.';

  static override args = {
    name: Args.string({ description: "The user's name, as the identity provider gives it.", required: true, ignoreStdin: true }),
  };

  static override flags = {
    role: Flags.string({ summary: 'The role: admin, tenant-admin, operator, viewer, auditor, or one of the tenant\'s own.', required: true, helpValue: 'ROLE' }),
    'cluster-wide': Flags.boolean({ summary: 'The role holds in every tenant and over the cluster itself (cluster administrators only).' }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> alice --tenant payments --role operator', '<%= config.bin %> <%= command.id %> bob --role admin --cluster-wide'];

  protected readonly method: 'grantRole' | 'revokeRole' = 'grantRole';

  async run(): Promise<User__Output> {
    const { args, flags } = await this.parse(this.constructor as typeof UserGrant);
    return call(await this.control(flags), this.method, { user: args.name, role: flags.role, clusterWide: flags['cluster-wide'] });
  }

  protected override toJson(result: User__Output): unknown {
    return userJson(result);
  }

  protected render(user: User__Output): void {
    process.stdout.write(`${user.name}: ${grantsText(user)}\n`);
  }
}
