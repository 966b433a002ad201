import { Flags } from '@oclif/core';
import { InvalidArgumentError } from '../../common/errors.js';

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30, tib: 2 ** 40 };

/** A size such as 10GiB, 500MB or 1048576 (bytes). */
export function parseSize(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match === null ? undefined : UNITS[match[2]!.toLowerCase()];
  const bytes = match === null || unit === undefined ? NaN : Math.round(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new InvalidArgumentError(`invalid --${flag} "${text}": expected a size such as 10GiB, 500MB or 1048576 (bytes)`, { field: flag });
  }
  return bytes;
}

/** --max-schedules, --max-running, --max-output; with `clearable`, also --clear QUOTA (tenant update). */
export function quotaFlags(clearable: boolean) {
  return {
    'max-schedules': Flags.integer({ summary: 'At most this many schedules.', min: 1, helpValue: 'N' }),
    'max-running': Flags.integer({ summary: 'At most this many runs executing at once.', min: 1, helpValue: 'N' }),
    'max-output': Flags.string({ summary: 'At most this much stored run output, all runs together (such as 10GiB).', helpValue: 'SIZE' }),
    ...(clearable
      ? {
          clear: Flags.string({
            summary: 'Remove a limit.',
            options: ['max-schedules', 'max-running', 'max-output'],
            multiple: true,
            helpValue: 'QUOTA',
          }),
        }
      : {}),
  };
}

export function quotasOf(flags: { 'max-schedules'?: number | undefined; 'max-running'?: number | undefined; 'max-output'?: string | undefined }) {
  return {
    maxSchedules: flags['max-schedules'] ?? 0,
    maxRunning: flags['max-running'] ?? 0,
    maxOutputBytes: flags['max-output'] === undefined ? 0 : parseSize(flags['max-output'], 'max-output'),
  };
}
