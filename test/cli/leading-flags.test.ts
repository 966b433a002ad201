import { describe, expect, it } from 'vitest';
import { commandFirst } from '../../src/cli/lib/leading-flags.js';

describe('commandFirst (flags before the command)', () => {
  it('moves the flags every command takes after the command, with their values', () => {
    expect(commandFirst(['--coordinator', 'a:1,b:2', '--insecure', 'cluster', 'status', '--json'])).toEqual([
      'cluster', 'status', '--json', '--coordinator', 'a:1,b:2', '--insecure',
    ]);
    expect(commandFirst(['--profile=prod', '--tenant', 'pay', 'run', 'get', 'r1'])).toEqual(['run', 'get', 'r1', '--profile=prod', '--tenant', 'pay']);
  });

  it("keeps them before a command's --, so they never become its program's arguments", () => {
    expect(commandFirst(['--json', 'schedule', 'create', 'x', '--every', '1h', '--', 'ls', '-l'])).toEqual([
      'schedule', 'create', 'x', '--every', '1h', '--json', '--', 'ls', '-l',
    ]);
  });

  it('leaves everything else as it is', () => {
    for (const argv of [
      ['cluster', 'status', '--coordinator', 'a:1'],
      ['--help'],
      ['--coordinator', 'a:1'],
      ['--coordinator', 'a:1', '--help'],
      ['--bogus', 'status'],
      [],
    ]) {
      expect(commandFirst(argv)).toEqual(argv);
    }
  });
});
