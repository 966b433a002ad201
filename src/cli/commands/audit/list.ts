import { Flags } from '@oclif/core';
import type { AuditEntry__Output } from '../../../common/proto/gen/parallax/v1/AuditEntry.js';
import { parseDuration } from '../../../common/duration.js';
import { InvalidArgumentError } from '../../../common/errors.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { localTime } from '../../lib/human-time.js';
import { auditJson } from '../../lib/identity-json.js';
import { palette, table, truncate } from '../../lib/output.js';

export const auditFilterFlags = {
  since: Flags.string({ summary: 'Only entries this recent (such as 1h, 7d) or since this time (RFC 3339).', helpValue: 'WHEN' }),
  actor: Flags.string({ summary: 'Only entries of this user or token.', helpValue: 'NAME' }),
  'all-tenants': Flags.boolean({ summary: "Every tenant's entries (cluster-wide callers only)." }),
};

/** --since as a duration back from now, or a moment. */
export function sinceMs(text: string | undefined, now: number): number {
  if (text === undefined) return 0;
  if (/^\d+(\.\d+)?[a-z]+$/i.test(text.trim())) return now - parseDuration(text.trim(), '--since');
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new InvalidArgumentError(`invalid --since "${text}": expected a duration such as 1h or a time such as 2026-11-01T00:00:00Z`, { field: 'since' });
  return at;
}

export default class AuditList extends BaseCommand<AuditEntry__Output[]> {
  static override summary = 'List audit entries: every change and every denied attempt, oldest first.';

  static override flags = {
    ...readFlags,
    ...auditFilterFlags,
    limit: Flags.integer({ summary: 'At most this many (the newest).', default: 100, min: 1, max: 100_000, helpValue: 'N' }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> --since 1h', '<%= config.bin %> <%= command.id %> --actor alice --json'];

  async run(): Promise<AuditEntry__Output[]> {
    const { flags } = await this.parse(AuditList);
    const request = { sinceMs: sinceMs(flags.since, Date.now()), actor: flags.actor ?? '', limit: flags.limit, allTenants: flags['all-tenants'] };
    return (await call(await this.control(flags), 'listAudit', request)).entries;
  }

  protected override toJson(result: AuditEntry__Output[]): unknown {
    return result.map(auditJson);
  }

  protected render(entries: AuditEntry__Output[]): void {
    if (entries.length === 0) {
      process.stderr.write('No audit entries.\n');
      return;
    }
    const c = palette();
    const now = Date.now();
    const rows = entries.map((e) => [
      String(e.seq),
      localTime(e.atMs, now),
      e.actor,
      e.action,
      e.resource,
      { text: e.result, style: e.result === 'ok' ? c.green : c.red },
      truncate(e.reason, 60),
    ]);
    process.stdout.write(table(['SEQ', 'TIME', 'ACTOR', 'ACTION', 'RESOURCE', 'RESULT', 'REASON'], rows, c));
  }
}
