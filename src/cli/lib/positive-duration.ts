import { parseDuration } from '../../common/duration.js';
import { InvalidArgumentError, isParallaxError } from '../../common/errors.js';

export function timeoutMs(value: string): number {
  return positiveDuration(value, 'timeout');
}

export function positiveDuration(value: string, flag: string): number {
  try {
    const ms = parseDuration(value, `--${flag}`);
    if (ms <= 0) throw new InvalidArgumentError(`invalid --${flag} "${value}": must be more than 0`, { field: flag });
    return ms;
  } catch (err) {
    throw isParallaxError(err) ? new InvalidArgumentError(err.message, { field: flag }) : err;
  }
}
