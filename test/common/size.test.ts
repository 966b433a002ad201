import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/common/errors.js';
import { parseSize, sizeArgument } from '../../src/common/size.js';

describe('sizes given on the command line', () => {
  it('reads bytes, decimal and binary units as coreutils does (KB is 1000, K and KiB 1024)', () => {
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize('512B')).toBe(512);
    expect(parseSize('64KiB')).toBe(65536);
    expect(parseSize('64k')).toBe(65536);
    expect(parseSize('64KB')).toBe(64000);
    expect(parseSize('1.5 MiB')).toBe(1572864);
    expect(parseSize('1M')).toBe(1048576);
    expect(parseSize('500MB')).toBe(500_000_000);
    expect(parseSize('1GiB')).toBe(2 ** 30);
    expect(parseSize('2T')).toBe(2 * 2 ** 40);
    expect(parseSize('0.1KB')).toBe(100);
  });

  it('refuses what is not a whole positive number of bytes', () => {
    for (const text of ['', 'lots', '0', '-1K', '1.5', '0.1B', '3 parsecs', '1e9']) expect(parseSize(text), text).toBeNaN();
  });

  it('names the flag and shows what is accepted', () => {
    expect(sizeArgument('64KiB', '--max-body')).toBe(65536);
    expect(() => sizeArgument('lots', '--max-body', 'max-body')).toThrow(InvalidArgumentError);
    expect(() => sizeArgument('lots', '--max-body', 'max-body')).toThrow('invalid --max-body "lots": expected a size such as 1GiB, 500MB or 1048576 (bytes)');
  });
});
