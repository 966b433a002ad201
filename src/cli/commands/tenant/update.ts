import { Args } from '@oclif/core';
import type { Tenant__Output } from '../../../common/proto/gen/parallax/v1/Tenant.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { tenantJson } from '../../lib/identity-json.js';
import { quotaFlags, quotasOf, retentionOf } from '../../lib/quota-flags.js';
import { renderTenant } from './get.js';

export default class TenantUpdate extends BaseCommand<Tenant__Output> {
  static override summary = "Change a tenant's quotas and retention defaults: the ones given are set, --clear removes one, the rest stay.";

  static override args = {
    name: Args.string({ description: 'Name of the tenant.', required: true, ignoreStdin: true }),
  };

  static override flags = { ...quotaFlags(true) };

  static override examples = ['<%= config.bin %> <%= command.id %> payments --max-running 80', '<%= config.bin %> <%= command.id %> payments --clear max-output'];

  async run(): Promise<Tenant__Output> {
    const { args, flags } = await this.parse(TenantUpdate);
    return call(await this.control(flags), 'updateTenant', { name: args.name, quotas: quotasOf(flags), ...retentionOf(flags), clear: flags.clear ?? [] });
  }

  protected override toJson(result: Tenant__Output): unknown {
    return tenantJson(result);
  }

  protected render(tenant: Tenant__Output): void {
    renderTenant(tenant);
  }
}
