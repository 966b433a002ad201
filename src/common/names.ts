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
