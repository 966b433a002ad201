import { Args, Flags } from '@oclif/core';
import type { ScheduleVersionsResponse__Output } from '../../../common/proto/gen/parallax/v1/ScheduleVersionsResponse.js';
import { rfc3339 } from '../../../common/time.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { palette, table } from '../../lib/output.js';

export interface VersionJson {
  version: number;
  at: string | null;
  /** What the change changed: each field with its value before and after (null: none). */
  changes: { field: string; from: unknown; to: unknown }[];
}

export default class ScheduleVersions extends BaseCommand<ScheduleVersionsResponse__Output> {
  static override summary = 'Show how a schedule changed: each version, when, and what it changed from what to what.';

  static override description =
    'Version 1 is the schedule as created; every update, pause and resume that changes something is the next. The newest 100 versions are kept.';

  static override args = {
    name: Args.string({ description: 'Name of the schedule.', required: true, ignoreStdin: true }),
  };

  static override flags = {
    ...readFlags,
    limit: Flags.integer({ summary: 'At most this many versions, the newest (default all kept).', helpValue: 'N', min: 1, max: 100 }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> backup-db', '<%= config.bin %> <%= command.id %> backup-db --limit 5 --json'];

  async run(): Promise<ScheduleVersionsResponse__Output> {
    const { args, flags } = await this.parse(ScheduleVersions);
    return call(await this.control(flags), 'scheduleVersions', { name: args.name, limit: flags.limit ?? 0 });
  }

  protected override toJson(result: ScheduleVersionsResponse__Output): VersionJson[] {
    return result.versions.map((v) => ({
      version: v.version,
      at: rfc3339(v.atMs),
      changes: v.changes.map((c) => ({ field: c.field, from: JSON.parse(c.from) as unknown, to: JSON.parse(c.to) as unknown })),
    }));
  }

  protected render(result: ScheduleVersionsResponse__Output): void {
    const c = palette();
    const rows = result.versions.map((v) => [
      String(v.version),
      rfc3339(v.atMs) ?? '-',
      v.changes.length === 0 ? 'created' : v.changes.map((ch) => `${ch.field}: ${short(ch.from)} → ${short(ch.to)}`).join('; '),
    ]);
    process.stdout.write(table(['VERSION', 'AT (UTC)', 'CHANGES'], rows, c));
  }
}

/** A value as one short piece of a line: long ones (a command, a map) are cut. */
function short(json: string): string {
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
