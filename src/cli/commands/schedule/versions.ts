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
      v.changes.length === 0 ? 'created' : v.changes.flatMap((ch) => changeLines(ch.field, ch.from, ch.to)).join('; '),
    ]);
    process.stdout.write(table(['VERSION', 'AT (UTC)', 'CHANGES'], rows, c));
  }
}

/**
 * One change as short pieces of a line. A change of an object (the spec: command, environment, timeout, …) is shown
 * key by key, only the keys that changed, so what differs is not cut off behind what stayed the same.
 */
function changeLines(field: string, from: string, to: string): string[] {
  const before = parseObject(from);
  const after = parseObject(to);
  if (before === undefined || after === undefined) return [`${field}: ${short(from)} → ${short(to)}`];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return changed.map((key) => `${field}.${key}: ${short(JSON.stringify(before[key]) ?? 'none')} → ${short(JSON.stringify(after[key]) ?? 'none')}`);
}

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A value as one short piece of a line: long ones (a command, a map) are cut. */
function short(json: string): string {
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
