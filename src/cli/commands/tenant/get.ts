import { Args } from '@oclif/core';
import type { Tenant__Output } from '../../../common/proto/gen/parallax/v1/Tenant.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { whenText } from '../../lib/human-time.js';
import { tenantJson } from '../../lib/identity-json.js';
import { details, palette } from '../../lib/output.js';
import { formatDuration } from '../../../common/duration.js';

export function limitText(used: number, max: number, unit = ''): string {
  return max > 0 ? `${used}${unit} of ${max}${unit}` : `${used}${unit} (no limit)`;
}

export function renderTenant(tenant: Tenant__Output): void {
  const c = palette();
  const q = tenant.quotas;
  process.stdout.write(
    details(
      [
        ['Tenant', tenant.name],
        ['Created', `${whenText(tenant.createdAtMs, Date.now())} by ${tenant.createdBy}`],
        ['Schedules', limitText(tenant.schedules, q?.maxSchedules ?? 0)],
        ['Max running', (q?.maxRunning ?? 0) > 0 ? String(q!.maxRunning) : 'no limit'],
        ['Max output', (q?.maxOutputBytes ?? 0) > 0 ? `${q!.maxOutputBytes} bytes` : 'no limit'],
        ['Active runs', String(tenant.runsActive)],
        ['New schedules keep', `${tenant.defaultKeep > 0 ? tenant.defaultKeep : 100} runs, for ${tenant.defaultKeepForMs > 0 ? formatDuration(tenant.defaultKeepForMs) : '30d'}`],
      ],
      c,
    ),
  );
}

export default class TenantGet extends BaseCommand<Tenant__Output> {
  static override summary = 'Show a tenant: its quotas and what it uses of them.';

  static override args = {
    name: Args.string({ description: 'Name of the tenant.', required: true, ignoreStdin: true }),
  };

  static override flags = { ...readFlags };

  async run(): Promise<Tenant__Output> {
    const { args, flags } = await this.parse(TenantGet);
    return call(await this.control(flags), 'getTenant', { name: args.name });
  }

  protected override toJson(result: Tenant__Output): unknown {
    return tenantJson(result);
  }

  protected render(tenant: Tenant__Output): void {
    renderTenant(tenant);
  }
}
