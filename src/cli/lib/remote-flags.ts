import { Flags } from '@oclif/core';
import { InvalidArgumentError } from '../../common/errors.js';
import { sizeArgument } from '../../common/size.js';
import { positiveDuration } from './positive-duration.js';

/** The flags of runs that are not a command on the agent's host: an HTTP request (--http), or SSH to a host (--ssh). */
export const remoteFlags = {
  http: Flags.string({
    summary: 'Instead of a command: make this HTTP request from the agent; ${NAME} in it, --header and --body is filled from the run environment.',
    helpValue: 'URL',
  }),
  method: Flags.string({ summary: 'With --http: the method (default GET).', helpValue: 'METHOD' }),
  header: Flags.string({ summary: 'With --http: a request header (repeatable).', helpValue: '"NAME: VALUE"', multiple: true, multipleNonGreedy: true }),
  body: Flags.string({ summary: 'With --http: the request body.', helpValue: 'TEXT' }),
  success: Flags.string({ summary: 'With --http: the status codes that mean success (default 200-299).', helpValue: 'CODES' }),
  'max-body': Flags.string({ summary: 'With --http: response bytes kept as output (default 64KiB, at most 1MiB).', helpValue: 'SIZE' }),
  'insecure-tls': Flags.boolean({ summary: 'With --http: do not verify the server\'s TLS certificate.' }),
  'follow-redirects': Flags.boolean({ summary: 'With --http: follow up to 5 redirects, as curl -L does; the request\'s headers are not sent on to another origin.' }),
  ssh: Flags.string({
    summary: 'Run the --shell command on this host over SSH, from an agent (for hosts without one). On update, "none" runs it on the agent again.',
    helpValue: 'USER@HOST[:PORT]',
  }),
  'ssh-key-var': Flags.string({ summary: 'With --ssh: the variable holding the private key (parallax var put KEY --from-file ~/.ssh/id_ed25519).', helpValue: 'KEY' }),
  'ssh-host-key': Flags.string({
    summary: 'With --ssh: a trusted host key fingerprint, as ssh-keygen -lf prints it (repeatable). An unknown host is refused with its fingerprint.',
    helpValue: 'SHA256:…',
    multiple: true,
    multipleNonGreedy: true,
  }),
  'ssh-known-hosts-var': Flags.string({ summary: 'With --ssh: a variable holding known_hosts lines to trust.', helpValue: 'KEY' }),
  'ssh-connect-timeout': Flags.string({ summary: 'With --ssh: how long connecting may take (default 20s).', helpValue: 'DURATION' }),
};

/** What remoteFlags parse to. */
export interface RemoteFlagValues {
  http?: string | undefined;
  method?: string | undefined;
  header?: string[] | undefined;
  body?: string | undefined;
  success?: string | undefined;
  'max-body'?: string | undefined;
  'insecure-tls'?: boolean | undefined;
  'follow-redirects'?: boolean | undefined;
  ssh?: string | undefined;
  'ssh-key-var'?: string | undefined;
  'ssh-host-key'?: string[] | undefined;
  'ssh-known-hosts-var'?: string | undefined;
  'ssh-connect-timeout'?: string | undefined;
}

const SSH_PARTS = ['ssh-key-var', 'ssh-host-key', 'ssh-known-hosts-var', 'ssh-connect-timeout'] as const;

/** The SSH target the flags give (null without --ssh, or with --ssh none). */
export function sshOf(flags: RemoteFlagValues) {
  if (flags.ssh === undefined || flags.ssh.trim() === 'none') {
    const stray = SSH_PARTS.find((part) => flags[part] !== undefined);
    if (stray !== undefined) throw new InvalidArgumentError(`--${stray} goes with --ssh USER@HOST`, { field: stray });
    return null;
  }
  const target = /^([^@\s]+)@(\[[0-9A-Fa-f:]+\]|[^:\s]+)(?::(\d{1,5}))?$/.exec(flags.ssh.trim());
  if (target === null) throw new InvalidArgumentError(`invalid --ssh "${flags.ssh}": expected USER@HOST or USER@HOST:PORT`, { field: 'ssh' });
  return {
    user: target[1]!,
    host: target[2]!.replace(/^\[|\]$/g, ''),
    port: target[3] === undefined ? 22 : Number(target[3]),
    keyVar: flags['ssh-key-var'] ?? '',
    hostKeys: flags['ssh-host-key'] ?? [],
    knownHostsVar: flags['ssh-known-hosts-var'] ?? '',
    connectTimeoutMs: flags['ssh-connect-timeout'] === undefined ? 0 : positiveDuration(flags['ssh-connect-timeout'], 'ssh-connect-timeout'),
    privateKey: '',
    knownHosts: '',
  };
}

const HTTP_PARTS = ['method', 'header', 'body', 'success', 'max-body', 'insecure-tls', 'follow-redirects'] as const;

/** The HTTP request the flags give (null without --http); its parts without --http are a mistake worth naming. */
export function httpOf(flags: RemoteFlagValues) {
  if (flags.http === undefined) {
    const stray = HTTP_PARTS.find((part) => flags[part] !== undefined && flags[part] !== false);
    if (stray !== undefined) throw new InvalidArgumentError(`--${stray} goes with --http URL`, { field: stray });
    return null;
  }
  const headers: Record<string, string> = {};
  for (const header of flags.header ?? []) {
    const colon = header.indexOf(':');
    if (colon <= 0) throw new InvalidArgumentError(`invalid --header "${header}": expected "NAME: VALUE"`, { field: 'header' });
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  return {
    method: flags.method ?? '',
    url: flags.http,
    headers,
    body: flags.body ?? '',
    successCodes: flags.success ?? '',
    maxBodyBytes: flags['max-body'] === undefined ? 0 : sizeArgument(flags['max-body'], '--max-body', 'max-body'),
    insecureTls: flags['insecure-tls'] === true,
    followRedirects: flags['follow-redirects'] === true,
  };
}
