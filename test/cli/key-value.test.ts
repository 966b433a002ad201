import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/common/errors.js';
import { parseKeyValues } from '../../src/cli/lib/key-value.js';

const env = { flag: 'env', shape: 'KEY=VALUE', envName: true };

describe('parseKeyValues', () => {
  it('splits at the first "=" and keeps empty values', () => {
    expect(parseKeyValues(['A=1', 'URL=http://x/?a=b', 'EMPTY='], env)).toEqual({
      A: '1',
      URL: 'http://x/?a=b',
      EMPTY: '',
    });
    expect(parseKeyValues(undefined, env)).toEqual({});
  });

  it.each([
    ['FOO', 'invalid --env: "FOO" is not KEY=VALUE'],
    ['=1', 'invalid --env: "=1" is not KEY=VALUE'],
    ['1X=1', 'invalid --env: "1X" is not an environment variable name'],
    ['A-B=1', 'invalid --env: "A-B" is not an environment variable name'],
  ])('rejects %s naming the flag', (item, message) => {
    let caught: unknown;
    try {
      parseKeyValues([item], env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as InvalidArgumentError).message).toContain(message);
    expect((caught as InvalidArgumentError).field).toBe('env');
    expect((caught as InvalidArgumentError).exitCode).toBe(2);
  });

  it('rejects a key given twice', () => {
    expect(() => parseKeyValues(['A=1', 'A=2'], env)).toThrow('invalid --env: A is given twice');
  });

  it('allows any label key for selectors and requires values where asked', () => {
    const selector = { flag: 'selector', shape: 'LABEL=VALUE' };
    expect(parseKeyValues(['topology.zone=eu-1', 'gpu='], selector)).toEqual({ 'topology.zone': 'eu-1', gpu: '' });
    expect(() =>
      parseKeyValues(['TOKEN='], { flag: 'env-from-var', shape: 'NAME=VARIABLE_KEY', envName: true, valueRequired: true }),
    ).toThrow('invalid --env-from-var: "TOKEN=" has nothing after "="');
  });
});
