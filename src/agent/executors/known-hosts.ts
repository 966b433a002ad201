import { createHash, createHmac } from 'node:crypto';

// Which host keys an agent trusts for an SSH run: fingerprints pinned in the schedule, and/or a known_hosts file
// (OpenSSH's format, from a variable). A host whose key is neither is refused; the error shows its fingerprint.

/** OpenSSH's SHA256 fingerprint of a public key blob: "SHA256:" and unpadded base64. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The name a known_hosts line gives a host: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** True when `blob` is a key known_hosts lists for `name` (hashed names and `*`/`?` patterns included). */
export function knownHostsTrusts(knownHosts: string, name: string, blob: Buffer): boolean {
  const key = blob.toString('base64');
  let trusted = false;
  for (const raw of knownHosts.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const marker = fields[0]!.startsWith('@') ? fields.shift() : undefined;
    const [patterns, , base64] = fields;
    if (patterns === undefined || base64 === undefined || marker === '@cert-authority') continue;
    if (!hostMatches(patterns, name) || base64 !== key) continue;
    if (marker === '@revoked') return false;
    trusted = true;
  }
  return trusted;
}

function hostMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (salt === undefined || hash === undefined) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const pattern of patterns.split(',')) {
    const negated = pattern.startsWith('!');
    if (!glob(negated ? pattern.slice(1) : pattern).test(name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
