import { Args, Flags } from '@oclif/core';
import type { Token__Output } from '../../../common/proto/gen/parallax/v1/Token.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { tokenJson } from '../../lib/identity-json.js';

export default class TokenRevoke extends BaseCommand<Token__Output> {
  static override summary = 'Revoke an API token: the leader refuses it from the moment this returns, every other coordinator within a heartbeat.';

  static override args = {
    name: Args.string({ description: 'Name of the token.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    'cluster-wide': Flags.boolean({ summary: 'The token is a cluster-wide one (such as bootstrap, the one init printed).' }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> ci-deploy --tenant payments', '<%= config.bin %> <%= command.id %> bootstrap --cluster-wide'];

  async run(): Promise<Token__Output> {
    const { args, flags } = await this.parse(TokenRevoke);
    return call(await this.control(flags), 'revokeToken', { name: args.name, clusterWide: flags['cluster-wide'] });
  }

  protected override toJson(result: Token__Output): unknown {
    return tokenJson(result);
  }

  protected render(token: Token__Output): void {
    process.stdout.write(`Revoked token ${token.name}.\n`);
  }
}
