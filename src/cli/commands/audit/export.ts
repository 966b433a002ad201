import { Flags } from '@oclif/core';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { auditJson } from '../../lib/identity-json.js';
import { auditFilterFlags, sinceMs } from './list.js';

export default class AuditExport extends BaseCommand<{ exported: number }> {
  // The output is the JSON Lines themselves.
  static override enableJsonFlag = false;

  static override summary = 'Write audit entries as JSON Lines to stdout, oldest first, hashes included, for archiving or a SIEM.';

  static override flags = {
    ...readFlags,
    ...auditFilterFlags,
    format: Flags.string({ summary: 'The format.', options: ['jsonl'], default: 'jsonl' }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> --format jsonl --since 30d > audit.jsonl'];

  async run(): Promise<{ exported: number }> {
    const { flags } = await this.parse(AuditExport);
    const request = { sinceMs: sinceMs(flags.since, Date.now()), actor: flags.actor ?? '', limit: 100_000, allTenants: flags['all-tenants'] };
    const { entries } = await call(await this.control(flags), 'listAudit', request, 60_000);
    for (const entry of entries) process.stdout.write(JSON.stringify(auditJson(entry)) + '\n');
    return { exported: entries.length };
  }

  protected override toJson(): unknown {
    return undefined;
  }

  protected render(): void {}
}
