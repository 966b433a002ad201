import { Args } from '@oclif/core';
import type { Tenant__Output } from '../../../common/proto/gen/parallax/v1/Tenant.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { tenantJson } from '../../lib/identity-json.js';
import { quotaFlags, quotasOf, retentionOf } from '../../lib/quota-flags.js';
import { renderTenant } from './get.js';

export default class TenantCreate extends BaseCommand<Tenant__Output> {
  static override summary = 'Create a tenant: a team whose schedules, runs, variables, roles and tokens are its own.';

  static override args = {
    name: Args.string({ description: 'Name of the tenant.', required: true, ignoreStdin: true }),
  };

  static override flags = { ...quotaFlags(false) };

  static override examples = ['<%= config.bin %> <%= command.id %> payments --max-schedules 500 --max-running 50 --max-output 10GiB --keep-for 90d'];

  async run(): Promise<Tenant__Output> {
    const { args, flags } = await this.parse(TenantCreate);
    return call(await this.control(flags), 'createTenant', { name: args.name, quotas: quotasOf(flags), ...retentionOf(flags) });
  }

  protected override toJson(result: Tenant__Output): unknown {
    return tenantJson(result);
  }

  protected render(tenant: Tenant__Output): void {
    renderTenant(tenant);
  }
}
