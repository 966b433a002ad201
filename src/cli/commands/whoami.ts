import type { WhoamiResponse__Output } from '../../common/proto/gen/parallax/v1/WhoamiResponse.js';
import { rfc3339 } from '../../common/time.js';
import type { AuthSource } from '../lib/auth-session.js';
import { BaseCommand } from '../lib/base-command.js';
import { call, connect } from '../lib/client.js';
import { whenText } from '../lib/human-time.js';
import { details, palette } from '../lib/output.js';

interface WhoamiResult {
  whoami: WhoamiResponse__Output;
  auth: AuthSource;
}

export function grantsLine(w: WhoamiResponse__Output): string {
  return w.grants.map((g) => (g.tenant === '*' ? `${g.role}, cluster-wide` : `${g.role} in ${g.tenant}`)).join('; ') || 'no roles';
}

export default class Whoami extends BaseCommand<WhoamiResult> {
  static override summary = 'Show who the coordinator takes you for: user or token, tenants and roles, expiry, where the credentials are.';

  async run(): Promise<WhoamiResult> {
    const { flags } = await this.parse(Whoami);
    const { target, auth, tenant } = await this.session(flags);
    const conn = await connect(target.address, { token: auth.token, tenant });
    try {
      return { whoami: await call(conn, 'whoami', {}), auth };
    } finally {
      conn.close();
    }
  }

  protected override toJson({ whoami: w, auth }: WhoamiResult): unknown {
    return {
      name: w.name,
      kind: w.kind,
      tenant: w.tenant === '' ? null : w.tenant,
      grants: w.grants.map((g) => ({ tenant: g.tenant, role: g.role })),
      permissions: w.permissions,
      expiresAt: w.expiresAtMs > 0 ? rfc3339(w.expiresAtMs) : null,
      credentials: { from: auth.from, profile: auth.profile, where: auth.where ?? null },
    };
  }

  protected render({ whoami: w, auth }: WhoamiResult): void {
    const where = auth.from === 'PARALLAX_TOKEN' ? 'PARALLAX_TOKEN' : `${auth.where ?? auth.from} (profile "${auth.profile}")`;
    const pairs: [string, string][] = [
      ['Name', `${w.name} (${w.kind === 'user' ? 'user' : 'API token'})`],
      ['Roles', grantsLine(w)],
      ['Tenant', w.tenant === '' ? 'none chosen: pass --tenant' : w.tenant],
      ['Expires', w.expiresAtMs > 0 ? whenText(w.expiresAtMs, Date.now()) : 'never'],
      ['Credentials', where],
    ];
    process.stdout.write(details(pairs, palette()));
  }
}
