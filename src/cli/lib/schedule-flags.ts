import { Flags } from '@oclif/core';
import { parseDuration } from '../../common/duration.js';
import { InvalidArgumentError } from '../../common/errors.js';
import { parseKeyValues } from './key-value.js';
import { positiveDuration, timeoutMs } from './positive-duration.js';
import { httpOf, remoteFlags, type RemoteFlagValues, sshOf } from './remote-flags.js';

/** The flags that say when and what a schedule runs: `schedule create` requires --cron, `schedule update` none. */
export const timingFlags = {
  cron: Flags.string({ summary: 'When to run: a cron expression of 5 fields, or 6 with seconds first.', helpValue: 'EXPR' }),
  every: Flags.string({ summary: 'Instead of --cron: at a fixed interval, e.g. 15m (at every multiple of it since 1970 UTC).', helpValue: 'DURATION' }),
  at: Flags.string({ summary: 'Instead of --cron: once, at this time (RFC 3339 with its offset).', helpValue: 'TIME' }),
};

/** The timing the flags give, as the coordinator reads it (a cron expression, @every or @at); undefined for none. */
export function timingOf(flags: { cron?: string | undefined; every?: string | undefined; at?: string | undefined }): string | undefined {
  const given = [flags.cron, flags.every, flags.at].filter((v) => v !== undefined);
  if (given.length > 1) throw new InvalidArgumentError('give one of --cron, --every and --at', { field: 'cron' });
  if (flags.every !== undefined) return `@every ${flags.every}`;
  if (flags.at !== undefined) return `@at ${flags.at}`;
  return flags.cron;
}

export const scheduleFlags = {
  tz: Flags.string({ summary: 'IANA time zone the cron expression is read in (default UTC).', helpValue: 'ZONE' }),
  shell: Flags.string({ summary: 'Command line to run with /bin/sh -c (or give a program after --).', helpValue: 'CMD' }),
  ...remoteFlags,
  timeout: Flags.string({ summary: 'Stop a run that takes longer, e.g. 30s, 5m, 1h30m. On update, 0 removes the timeout.', helpValue: 'DURATION' }),
  env: Flags.string({
    summary: 'Environment variable for the run (repeatable).',
    helpValue: 'K=V',
    multiple: true,
    multipleNonGreedy: true,
  }),
  'env-from-var': Flags.string({
    summary: 'Environment variable whose value is read from a stored variable when the run starts (repeatable).',
    helpValue: 'NAME=KEY',
    multiple: true,
    multipleNonGreedy: true,
  }),
  cwd: Flags.string({ summary: 'Working directory of the run on the agent.', helpValue: 'DIR' }),
  user: Flags.string({ summary: 'Run the command as this user on the agent\'s host (the agent must run as root). On update, "" runs it as the agent\'s own user.', helpValue: 'NAME' }),
  selector: Flags.string({
    summary: 'Which agents may run it (repeatable; all must hold): KEY=VALUE, KEY!=VALUE, "KEY in (A,B)", "KEY notin (A,B)", KEY (has the label) or !KEY (has not).',
    helpValue: 'EXPR',
    multiple: true,
    multipleNonGreedy: true,
  }),
  misfire: Flags.string({
    summary: 'Due times missed while no leader ran: fire the latest (once, the default), each (all), or none (skip).',
    helpValue: 'POLICY',
    options: ['skip', 'once', 'all'],
  }),
  overlap: Flags.string({
    summary:
      'A due time while a run of the schedule is active: skip it and record it as missed (forbid, the default), run both (allow), cancel the active run and start (replace), or hold the new run until the active one ends, at most N held (queue[:N], N default 1).',
    helpValue: 'forbid|allow|replace|queue[:N]',
  }),
  'start-within': Flags.string({
    summary: 'A run no agent has taken this long after it was queued fails, saying why it waited (default: it waits). On update, 0 removes the limit.',
    helpValue: 'DURATION',
  }),
  retries: Flags.integer({ summary: 'Run a failed, timed-out or lost attempt again, up to this many times (default 0).', helpValue: 'N', min: 0, max: 100 }),
  backoff: Flags.string({
    summary: 'Delay before a retry: from MIN, doubling per attempt (with jitter) up to MAX (default 10s..5m).',
    helpValue: 'MIN..MAX',
  }),
  after: Flags.string({
    summary:
      'Chain: run when a run of another schedule ends (success, the default: it succeeded; failure: it failed, timed out or was lost, after its retries; always). Without --cron/--every/--at, the schedule runs only then. On update, "none" removes the chain.',
    helpValue: 'SCHEDULE[:success|failure|always]',
  }),
  jitter: Flags.string({
    summary: 'Start each run up to this long after its due time, by a delay fixed for the schedule (spreads load).',
    helpValue: 'DURATION',
  }),
  keep: Flags.integer({ summary: 'Ended runs to keep, the newest (default 100); older ones are deleted.', helpValue: 'N', min: 1, max: 100_000 }),
  'keep-for': Flags.string({ summary: 'Delete ended runs made longer ago than this (default 30d).', helpValue: 'DURATION' }),
  catchup: Flags.string({ summary: 'How late a missed due time may still be fired (default 1h).', helpValue: 'DURATION' }),
};

/**
 * The words after `--`. oclif hands back every positional word (NAME included) in command-line order without saying
 * which side of `--` it was on, so anything besides NAME before `--` is a mistake worth naming.
 */
export function programAfterDashes(rawArgv: readonly string[], positional: readonly string[]): string[] {
  const dashes = rawArgv.indexOf('--');
  const program = dashes === -1 ? [] : rawArgv.slice(dashes + 1);
  const before = positional.length - program.length;
  if (before < 1) throw new InvalidArgumentError('missing NAME: give the schedule a name before --', { field: 'name' });
  if (before > 1) {
    const extra = positional.slice(1, before).map(String).join(' ');
    throw new InvalidArgumentError(
      `unexpected argument before --: "${extra}"; only NAME goes before --, the program and its arguments after it`,
      { field: 'argv' },
    );
  }
  return program;
}

/** What scheduleFlags parse to. */
interface ScheduleFlagValues extends RemoteFlagValues {
  tz?: string | undefined;
  shell?: string | undefined;
  timeout?: string | undefined;
  env?: string[] | undefined;
  'env-from-var'?: string[] | undefined;
  cwd?: string | undefined;
  user?: string | undefined;
  selector?: string[] | undefined;
  misfire?: string | undefined;
  overlap?: string | undefined;
  jitter?: string | undefined;
  keep?: number | undefined;
  'keep-for'?: string | undefined;
  catchup?: string | undefined;
  retries?: number | undefined;
  'start-within'?: string | undefined;
  backoff?: string | undefined;
  after?: string | undefined;
}

/** Plain KEY=VALUE selectors go in the map; the other forms are requirements, which the coordinator checks. */
export function selectorOf(values: string[] | undefined): { selector: Record<string, string>; requirements: string[] } {
  const plain = (v: string) => /^[A-Za-z0-9._/-]+=[^=!()\s,]*$/.test(v.trim());
  const equalities = (values ?? []).filter(plain).map((v) => v.trim());
  return {
    selector: parseKeyValues(equalities, { flag: 'selector', shape: 'LABEL=VALUE' }),
    requirements: (values ?? []).filter((v) => !plain(v)),
  };
}

/** `--backoff MIN..MAX` (or one duration: both bounds), in ms; 0 and 0 when not given. */
export function backoffOf(value: string | undefined): { backoffMinMs: number; backoffMaxMs: number } {
  if (value === undefined) return { backoffMinMs: 0, backoffMaxMs: 0 };
  const parts = value.split('..');
  if (parts.length > 2 || parts.some((p) => p.trim() === '')) {
    throw new InvalidArgumentError(`invalid --backoff "${value}": expected MIN..MAX, e.g. 10s..5m`, { field: 'backoff' });
  }
  const min = positiveDuration(parts[0]!.trim(), 'backoff');
  const max = parts.length === 2 ? positiveDuration(parts[1]!.trim(), 'backoff') : min;
  if (min > max) throw new InvalidArgumentError(`invalid --backoff "${value}": MIN must not be longer than MAX`, { field: 'backoff' });
  return { backoffMinMs: min, backoffMaxMs: max };
}

/** `--after SCHEDULE[:CONDITION]`; null for "none" (no chain). */
export function chainOf(value: string | undefined): { schedule: string; on: string } | null {
  if (value === undefined || value.trim() === 'none') return null;
  const [schedule, on, ...rest] = value.trim().split(':');
  if (schedule === undefined || schedule === '' || rest.length > 0) {
    throw new InvalidArgumentError(`invalid --after "${value}": expected SCHEDULE or SCHEDULE:success|failure|always`, { field: 'after' });
  }
  return { schedule, on: on ?? '' };
}

/**
 * The request fields scheduleFlags give, the same for create and update (a flag not given is its empty value: the
 * coordinator's default on create, unchanged on update, where `fields` says what was given).
 */
export function scheduleRequestFields(flags: ScheduleFlagValues, program: string[]) {
  return {
    tz: flags.tz ?? '',
    spec: {
      shell: flags.shell ?? '',
      argv: program,
      env: parseKeyValues(flags.env, { flag: 'env', shape: 'KEY=VALUE', envName: true }),
      envFromVar: parseKeyValues(flags['env-from-var'], { flag: 'env-from-var', shape: 'NAME=VARIABLE_KEY', envName: true, valueRequired: true }),
      cwd: flags.cwd ?? '',
      user: flags.user ?? '',
      timeoutMs: flags.timeout === undefined || flags.timeout === '0' ? 0 : timeoutMs(flags.timeout),
      http: httpOf(flags),
      ssh: sshOf(flags),
    },
    ...selectorOf(flags.selector),
    misfire: flags.misfire ?? '',
    overlap: flags.overlap ?? '',
    jitterMs: flags.jitter === undefined ? 0 : parseDuration(flags.jitter, '--jitter'),
    keep: flags.keep ?? 0,
    keepForMs: flags['keep-for'] === undefined ? 0 : positiveDuration(flags['keep-for'], 'keep-for'),
    catchupMs: flags.catchup === undefined ? 0 : positiveDuration(flags.catchup, 'catchup'),
    retries: flags.retries ?? 0,
    startWithinMs: flags['start-within'] === undefined || flags['start-within'] === '0' ? 0 : positiveDuration(flags['start-within'], 'start-within'),
    ...backoffOf(flags.backoff),
    after: chainOf(flags.after),
  };
}
