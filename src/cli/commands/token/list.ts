import { Flags } from '@oclif/core';
import type { Token__Output } from '../../../common/proto/gen/parallax/v1/Token.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { whenText } from '../../lib/human-time.js';
import { tokenJson, tokenState } from '../../lib/identity-json.js';
import { palette, table } from '../../lib/output.js';

export default class TokenList extends BaseCommand<Token__Output[]> {
  static override summary = "List the tenant's API tokens (never their secrets), revoked and expired ones included.";

  static override flags = {
    ...readFlags,
    'cluster-wide': Flags.boolean({ summary: 'List the cluster-wide tokens instead.' }),
  };

  async run(): Promise<Token__Output[]> {
    const { flags } = await this.parse(TokenList);
    return (await call(await this.control(flags), 'listTokens', { clusterWide: flags['cluster-wide'] })).tokens;
  }

  protected override toJson(result: Token__Output[]): unknown {
    return result.map((t) => tokenJson(t));
  }

  protected render(tokens: Token__Output[]): void {
    if (tokens.length === 0) {
      process.stderr.write('No tokens.\n');
      return;
    }
    const now = Date.now();
    const rows = tokens.map((t) => [t.name, t.role, tokenState(t, now), whenText(t.createdAtMs, now), t.expiresAtMs > 0 ? whenText(t.expiresAtMs, now) : 'never', t.createdBy]);
    process.stdout.write(table(['NAME', 'ROLE', 'STATE', 'CREATED', 'EXPIRES', 'BY'], rows, palette()));
  }
}
