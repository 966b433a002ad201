/**
 * The names the coordinators accept, shared with the agent so it refuses at start what they would refuse at its
 * first Hello (a refused Hello would only show as a session that keeps ending).
 */

/** Schedules, tenants, roles, agents, coordinators: 1 to 63 lower-case letters, digits, ".", "_" or "-". */
export const NAME_PATTERN = /^[a-z0-9]([a-z0-9._-]{0,62})$/;
export const NAME_RULE = '1 to 63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit';

/** A label's key, and its value unless empty: 1 to 63 letters, digits, ".", "_", "/" or "-". */
export const LABEL_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,62})$/;
export const LABEL_RULE = 'keys and values are 1 to 63 letters, digits, ".", "_", "/" or "-"';

/**
 * The default name of an agent or coordinator: the host name in lower case, or its first label when the whole is not a
 * name (too long, say). The caller checks the result: a host name can hold what no name may.
 */
export function nameFromHost(host: string): string {
  const lower = host.trim().toLowerCase();
  return NAME_PATTERN.test(lower) ? lower : (lower.split('.')[0] ?? lower);
}
