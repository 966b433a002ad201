import type { Tenant__Output } from '../../../common/proto/gen/parallax/v1/Tenant.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { tenantJson } from '../../lib/identity-json.js';
import { palette, table } from '../../lib/output.js';
import { limitText } from './get.js';

export default class TenantList extends BaseCommand<Tenant__Output[]> {
  static override summary = 'List the tenants you hold a role in (all of them, for a cluster administrator).';

  static override flags = { ...readFlags };

  async run(): Promise<Tenant__Output[]> {
    const { flags } = await this.parse(TenantList);
    return (await call(await this.control(flags), 'listTenants', {})).tenants;
  }

  protected override toJson(result: Tenant__Output[]): unknown {
    return result.map(tenantJson);
  }

  protected render(tenants: Tenant__Output[]): void {
    const c = palette();
    const rows = tenants.map((t) => [t.name, limitText(t.schedules, t.quotas?.maxSchedules ?? 0), String(t.runsActive), (t.quotas?.maxRunning ?? 0) > 0 ? String(t.quotas!.maxRunning) : '-']);
    process.stdout.write(table(['NAME', 'SCHEDULES', 'ACTIVE RUNS', 'MAX RUNNING'], rows, c));
  }
}
