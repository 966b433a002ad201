import { Flags } from '@oclif/core';
import { sizeArgument } from '../../common/size.js';
import { positiveDuration } from './positive-duration.js';

/** --max-schedules, --max-running, --max-output, --keep, --keep-for; with `clearable`, also --clear (tenant update). */
export function quotaFlags(clearable: boolean) {
  return {
    keep: Flags.integer({ summary: "Ended runs a schedule keeps when it is created without --keep (default 100).", min: 1, max: 100_000, helpValue: 'N' }),
    'keep-for': Flags.string({ summary: 'How long a schedule created without --keep-for keeps ended runs (default 30d).', helpValue: 'DURATION' }),
    'max-schedules': Flags.integer({ summary: 'At most this many schedules.', min: 1, helpValue: 'N' }),
    'max-running': Flags.integer({ summary: 'At most this many runs executing at once.', min: 1, helpValue: 'N' }),
    'max-output': Flags.string({ summary: 'At most this much stored run output, all runs together (such as 10GiB).', helpValue: 'SIZE' }),
    ...(clearable
      ? {
          clear: Flags.string({
            summary: 'Remove a limit or a default; repeatable.',
            options: ['max-schedules', 'max-running', 'max-output', 'keep', 'keep-for'],
            multiple: true,
            helpValue: 'QUOTA',
          }),
        }
      : {}),
  };
}

/** The tenant's retention defaults as a request has them (0: not given). */
export function retentionOf(flags: { keep?: number | undefined; 'keep-for'?: string | undefined }) {
  return { defaultKeep: flags.keep ?? 0, defaultKeepForMs: flags['keep-for'] === undefined ? 0 : positiveDuration(flags['keep-for'], 'keep-for') };
}

export function quotasOf(flags: { 'max-schedules'?: number | undefined; 'max-running'?: number | undefined; 'max-output'?: string | undefined }) {
  return {
    maxSchedules: flags['max-schedules'] ?? 0,
    maxRunning: flags['max-running'] ?? 0,
    maxOutputBytes: flags['max-output'] === undefined ? 0 : sizeArgument(flags['max-output'], '--max-output', 'max-output'),
  };
}
