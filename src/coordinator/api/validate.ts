import { InvalidArgumentError } from '../../common/errors.js';
import { LABEL_PATTERN, LABEL_RULE, NAME_PATTERN, NAME_RULE } from '../../common/names.js';
import {
  type ChainCondition,
  type ChainLink,
  DEFAULT_BACKOFF_MAX_MS,
  DEFAULT_BACKOFF_MIN_MS,
  DEFAULT_CATCHUP_MS,
  DEFAULT_KEEP,
  DEFAULT_KEEP_FOR_MS,
  type MisfirePolicy,
  type OverlapPolicy,
} from '../state/records.js';

const VARIABLE_KEY_PATTERN = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const MAX_VARIABLE_KEY_BYTES = 256;
export const MAX_VARIABLE_VALUE_BYTES = 64 * 1024;

export function validateName(name: string, what: string, field = 'name'): string {
  if (!NAME_PATTERN.test(name)) {
    throw new InvalidArgumentError(
      `invalid ${what} name "${name}": use ${NAME_RULE}`,
      { field },
    );
  }
  return name;
}

/** A coordinator's name in its cluster (--id): the same rule as other names. */
export function validateMemberId(id: string, field = 'id'): string {
  if (!NAME_PATTERN.test(id)) {
    throw new InvalidArgumentError(
      `invalid member id "${id}": use 1 to 63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit, such as n4`,
      { field },
    );
  }
  return id;
}

export function validateVariableKey(key: string, field = 'key'): string {
  if (Buffer.byteLength(key) > MAX_VARIABLE_KEY_BYTES || !VARIABLE_KEY_PATTERN.test(key)) {
    throw new InvalidArgumentError(
      `invalid variable key "${key}": use up to ${MAX_VARIABLE_KEY_BYTES} bytes of letters, digits, ".", "_", "-" in segments separated by "/", such as app/db-url`,
      { field },
    );
  }
  return key;
}

export function validateVariableValue(value: Buffer): Buffer {
  if (value.length > MAX_VARIABLE_VALUE_BYTES) {
    throw new InvalidArgumentError(
      `variable value is ${value.length} bytes: the limit is ${MAX_VARIABLE_VALUE_BYTES} bytes (64 KiB)`,
      { field: 'value' },
    );
  }
  return value;
}

export function validateLabels(labels: Record<string, string>, field: string): Record<string, string> {
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL_PATTERN.test(key) || (value !== '' && !LABEL_PATTERN.test(value))) {
      throw new InvalidArgumentError(
        `invalid ${field} "${key}=${value}": ${LABEL_RULE}`,
        { field },
      );
    }
  }
  return { ...labels };
}

const MISFIRE_POLICIES: readonly MisfirePolicy[] = ['skip', 'once', 'all'];
const MAX_CATCHUP_MS = 31 * 24 * 3_600_000;

/** The misfire policy (empty: once) and the catch-up window (0: one hour). */
export function validateMisfire(misfire: string, catchupMs: number): { misfire: MisfirePolicy; catchupMs: number } {
  const policy = misfire === '' ? 'once' : misfire;
  if (!MISFIRE_POLICIES.includes(policy as MisfirePolicy)) {
    throw new InvalidArgumentError(`invalid misfire policy "${misfire}": expected skip, once or all`, { field: 'misfire' });
  }
  if (catchupMs < 0 || catchupMs > MAX_CATCHUP_MS) {
    throw new InvalidArgumentError('invalid catch-up window: expected a duration from 1s to 31d', { field: 'catchup' });
  }
  return { misfire: policy as MisfirePolicy, catchupMs: catchupMs === 0 ? DEFAULT_CATCHUP_MS : catchupMs };
}

const MAX_QUEUE = 100;

/** The overlap policy: forbid (also for empty), allow, replace, or queue[:N] (N from 1 to 100; queue alone is 1). */
export function validateOverlap(overlap: string): { overlap: OverlapPolicy; queueMax?: number } {
  const text = overlap.trim() === '' ? 'forbid' : overlap.trim();
  const queue = /^queue(?::(\d{1,3}))?$/.exec(text);
  if (queue !== null) {
    const max = queue[1] === undefined ? 1 : Number(queue[1]);
    if (max < 1 || max > MAX_QUEUE) {
      throw new InvalidArgumentError(`invalid overlap policy "${overlap}": queue:N holds 1 to ${MAX_QUEUE} runs`, { field: 'overlap' });
    }
    return { overlap: 'queue', queueMax: max };
  }
  if (text !== 'forbid' && text !== 'allow' && text !== 'replace') {
    throw new InvalidArgumentError(`invalid overlap policy "${overlap}": expected forbid, allow, replace or queue[:N]`, { field: 'overlap' });
  }
  return { overlap: text };
}

const MAX_RETRIES = 100;
const MAX_BACKOFF_MS = 24 * 3_600_000;

/** Retries (0 to 100) and the backoff bounds (0: the defaults, 10s and 5m; at most a day; min ≤ max). */
export function validateRetry(retries: number, minMs: number, maxMs: number): { retries: number; backoffMinMs: number; backoffMaxMs: number } {
  if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
    throw new InvalidArgumentError(`invalid retries ${retries}: expected 0 to ${MAX_RETRIES}`, { field: 'retries' });
  }
  const min = minMs === 0 ? DEFAULT_BACKOFF_MIN_MS : minMs;
  const max = maxMs === 0 ? Math.max(DEFAULT_BACKOFF_MAX_MS, min) : maxMs;
  if (min < 0 || max < 0 || min > MAX_BACKOFF_MS || max > MAX_BACKOFF_MS) {
    throw new InvalidArgumentError('invalid backoff: expected MIN..MAX, durations up to 24h, e.g. 10s..5m', { field: 'backoff' });
  }
  if (min > max) throw new InvalidArgumentError(`invalid backoff: the first delay (${min} ms) is longer than the longest (${max} ms)`, { field: 'backoff' });
  return { retries, backoffMinMs: min, backoffMaxMs: max };
}

const CHAIN_CONDITIONS: readonly ChainCondition[] = ['success', 'failure', 'always'];

/** A chain (`--after NAME[:success|failure|always]`): the upstream's name, and when (empty: success). */
export function validateChain(after: { schedule: string; on: string }): ChainLink {
  const schedule = validateName(after.schedule.trim(), 'upstream schedule', 'after');
  const on = after.on === '' ? 'success' : after.on;
  if (!CHAIN_CONDITIONS.includes(on as ChainCondition)) {
    throw new InvalidArgumentError(`invalid --after condition "${after.on}": expected success, failure or always`, { field: 'after' });
  }
  return { schedule, on: on as ChainCondition };
}

/** Environment variables given for one run: names as for a schedule's --env. */
export function validateEnv(env: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(env)) {
    if (!ENV_NAME_PATTERN.test(name)) {
      throw new InvalidArgumentError(`invalid environment variable name "${name}": use letters, digits and "_", not starting with a digit`, { field: 'env' });
    }
  }
  return { ...env };
}

const MAX_JITTER_MS = 3_600_000;

export function validateJitter(ms: number): number {
  if (ms < 0 || ms > MAX_JITTER_MS) throw new InvalidArgumentError('invalid jitter: expected a duration up to 1h', { field: 'jitter' });
  return ms;
}

/** Retention: how many ended runs to keep (0: 100) and for how long (0: 30 days). */
/** `keep` and `keepForMs` as given (0: not given, and then `defaults`, the tenant's or the built-in ones). */
export function validateRetention(
  keep: number,
  keepForMs: number,
  defaults: { keep?: number | undefined; keepForMs?: number | undefined } = {},
): { keep: number; keepForMs: number } {
  if (keep < 0 || keep > 100_000) throw new InvalidArgumentError('invalid keep: expected 1 to 100000 runs', { field: 'keep' });
  if (keepForMs < 0 || keepForMs > 3_660 * 86_400_000) {
    throw new InvalidArgumentError('invalid keep-for: expected a duration up to 10 years', { field: 'keep-for' });
  }
  return {
    keep: keep === 0 ? (defaults.keep ?? DEFAULT_KEEP) : keep,
    keepForMs: keepForMs === 0 ? (defaults.keepForMs ?? DEFAULT_KEEP_FOR_MS) : keepForMs,
  };
}
