import type { Schedule__Output } from '../../common/proto/gen/parallax/v1/Schedule.js';
import { call, type Connection } from './client.js';

/**
 * The variables a schedule reads when it runs (--env-from-var, --ssh-key-var, --ssh-known-hosts-var) that do not
 * exist yet: its runs would fail until they do, so the commands that make or change a schedule warn of them. Asked
 * by listing (which gives no values). Nothing when the caller may not list variables, or the coordinators do not
 * answer: a warning is not worth failing a change that was made.
 */
export async function missingVariables(conn: Connection, schedule: Schedule__Output): Promise<string[]> {
  const spec = schedule.spec;
  if (spec === null) return [];
  const keys = new Set([...Object.values(spec.envFromVar), spec.ssh?.keyVar ?? '', spec.ssh?.knownHostsVar ?? ''].filter((key) => key !== ''));
  if (keys.size === 0) return [];
  try {
    // One call, under the keys' common prefix: a script making many schedules is not to spend its rate on this.
    const { variables } = await call(conn, 'listVariables', { prefix: commonPrefix([...keys]) });
    const existing = new Set(variables.map((v) => v.key));
    return [...keys].filter((key) => !existing.has(key)).sort();
  } catch {
    return [];
  }
}

function commonPrefix(keys: string[]): string {
  return keys.reduce((prefix, key) => {
    let i = 0;
    while (i < prefix.length && i < key.length && prefix[i] === key[i]) i++;
    return prefix.slice(0, i);
  });
}

/** The warning for them, on stderr (also with --json, whose document stays the schedule). */
export function warnMissingVariables(schedule: string, missing: readonly string[]): void {
  if (missing.length === 0) return;
  const which = missing.length === 1 ? `the variable ${missing[0]} does not exist yet: runs of ${schedule} fail until it is` : `the variables ${missing.join(', ')} do not exist yet: runs of ${schedule} fail until they are`;
  process.stderr.write(`Warning: ${which} created (parallax var put KEY VALUE).\n`);
}
