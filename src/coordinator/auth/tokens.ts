import { hash, randomBytes } from 'node:crypto';

/** API tokens start with this, so secret scanners (and people) can tell one when they see it. */
export const API_TOKEN_PREFIX = 'plx_';

/** A new token: 256 random bits after the prefix, and the hash that is all the cluster keeps of it. */
export function newApiToken(random: (n: number) => Buffer = randomBytes): { token: string; hash: string } {
  const token = API_TOKEN_PREFIX + random(32).toString('base64url');
  return { token, hash: hashApiToken(token) };
}

/** Every call's token is hashed to be looked up: the one-shot hash(), a third of what a Hash object costs. */
export function hashApiToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export function isApiToken(text: string): boolean {
  return /^plx_[A-Za-z0-9_-]{43}$/.test(text);
}
