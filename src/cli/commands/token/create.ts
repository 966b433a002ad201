import { Flags } from '@oclif/core';
import type { CreateTokenResponse__Output } from '../../../common/proto/gen/parallax/v1/CreateTokenResponse.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { tokenJson } from '../../lib/identity-json.js';
import { positiveDuration } from '../../lib/positive-duration.js';

export default class TokenCreate extends BaseCommand<CreateTokenResponse__Output> {
  static override summary = 'Create an API token for a script or CI job; it is printed once and never again.';

  static override description =
    'The token acts with one role in the tenant (--tenant), or cluster-wide. Only its hash is stored. Give it to the job as PARALLAX_TOKEN. Without --json, the token alone goes to stdout, so TOKEN=$(parallax token create …) works.';

  static override flags = {
    name: Flags.string({ summary: 'Name of the token (to list and revoke it).', required: true, helpValue: 'NAME' }),
    role: Flags.string({ summary: 'The role it acts with; you can give only a role whose permissions you hold.', required: true, helpValue: 'ROLE' }),
    ttl: Flags.string({ summary: 'How long it is valid, such as 90d (default: until revoked).', helpValue: 'DURATION' }),
    'cluster-wide': Flags.boolean({ summary: 'A token for every tenant and the cluster itself, such as one for agents (--role agent).' }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> --name ci-deploy --tenant payments --role deployer --ttl 90d',
    '<%= config.bin %> <%= command.id %> --name agents --role agent --cluster-wide > /etc/parallax/agent.token',
  ];

  async run(): Promise<CreateTokenResponse__Output> {
    const { flags } = await this.parse(TokenCreate);
    const ttlMs = flags.ttl === undefined ? 0 : positiveDuration(flags.ttl, 'ttl');
    return call(await this.control(flags), 'createToken', { name: flags.name, role: flags.role, ttlMs, clusterWide: flags['cluster-wide'] });
  }

  protected override toJson(result: CreateTokenResponse__Output): unknown {
    return { ...tokenJson(result.token!), secret: result.secret };
  }

  protected render(result: CreateTokenResponse__Output): void {
    process.stdout.write(`${result.secret}\n`);
    const token = result.token!;
    const scope = token.tenant === '*' ? 'cluster-wide' : `in tenant ${token.tenant}`;
    const until = token.expiresAtMs > 0 ? `until ${new Date(token.expiresAtMs).toISOString()}` : 'until revoked';
    process.stderr.write(`Token ${token.name}: role ${token.role} ${scope}, valid ${until}. It is shown this once; store it now.\n`);
  }
}
