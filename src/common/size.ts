import { InvalidArgumentError } from './errors.js';

/** As coreutils reads them: KB is 1000 bytes, KiB and a bare K 1024. */
const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Bytes in a size such as 1GiB, 500MB or 1048576; NaN for text that is not a whole positive number of bytes. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = match === null ? undefined : UNITS[match[2]!.toLowerCase()];
  const exact = match === null || unit === undefined ? NaN : Number(match[1]) * unit;
  // 0.1KB is 100.00000000000001 in floating point, and a whole number of bytes; 1.5 (bytes) is not.
  const bytes = Math.round(exact);
  return Number.isSafeInteger(bytes) && bytes >= 1 && Math.abs(exact - bytes) <= 1e-9 * bytes ? bytes : NaN;
}

/**
 * The bytes of a size given as `name` (a flag, or the variable it came from), or an InvalidArgumentError that names
 * it and shows what is accepted; `field` is what the error names as its field (`name` unless given).
 */
export function sizeArgument(text: string, name: string, field = name): number {
  const bytes = parseSize(text);
  if (Number.isNaN(bytes)) throw new InvalidArgumentError(`invalid ${name} "${text}": expected a size such as 1GiB, 500MB or 1048576 (bytes)`, { field });
  return bytes;
}
