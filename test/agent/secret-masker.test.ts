import { describe, expect, it } from 'vitest';
import { SecretMasker } from '../../src/agent/secret-masker.js';

function run(masker: SecretMasker, writes: string[]): string {
  let out = '';
  for (const w of writes) out += masker.push('stdout', Buffer.from(w)).toString();
  return out + masker.flush('stdout').toString();
}

describe('SecretMasker', () => {
  it('masks every occurrence, and a value split across writes', () => {
    const masker = new SecretMasker(['hunter22', 's3cr3t-token']);
    expect(run(masker, ['pw=hunter22 and again hunter22\n'])).toBe('pw=*** and again ***\n');
    expect(run(masker, ['token: s3cr', '3t-tok', 'en done'])).toBe('token: *** done');
    // Byte by byte, the worst case.
    expect(run(masker, [...'x hunter22 y'])).toBe('x *** y');
  });

  it('masks the values in a message about the run, also lower-cased as a resolver writes a host name', () => {
    const masker = new SecretMasker(['Tok3nInHost', 'hunter22']);
    expect(masker.text('getaddrinfo ENOTFOUND api-tok3ninhost.example.com, pw hunter22')).toBe('getaddrinfo ENOTFOUND api-***.example.com, pw ***');
    expect(new SecretMasker([]).text('nothing to hide')).toBe('nothing to hide');
  });

  it('masks the longer of two values that overlap, and leaves short values and other text alone', () => {
    const masker = new SecretMasker(['abcd', 'abcdefgh', 'xy']);
    expect(run(masker, ['1 abcdefgh 2 abcd 3 xy'])).toBe('1 *** 2 *** 3 xy');
  });

  it('keeps streams apart, holds back only what could begin a value, and passes output through with no secrets', () => {
    const masker = new SecretMasker(['password1']);
    expect(masker.push('stdout', Buffer.from('hello passw')).toString()).toBe('hello ');
    expect(masker.push('stderr', Buffer.from('ord1 on stderr, pass')).toString()).toBe('ord1 on stderr, ');
    expect(masker.push('stdout', Buffer.from('ord1!')).toString()).toBe('***!');
    expect(masker.flush('stderr').toString()).toBe('pass');
    const none = new SecretMasker([]);
    const data = Buffer.from('as is');
    expect(none.push('stdout', data)).toBe(data);
  });
});

describe('SecretMasker, values inside values', () => {
  it('holds back a shorter value that may be the start of a longer one still coming', () => {
    const masker = new SecretMasker(['abcd', 'abcdefgh']);
    expect(masker.push('stdout', Buffer.from('x abcdef')).toString()).toBe('x ');
    expect(masker.push('stdout', Buffer.from('gh y abcd!')).toString()).toBe('*** y ***!');
  });
});
