import { InvalidArgumentError } from '../../common/errors.js';
import type { SshTarget__Output } from '../../common/proto/gen/parallax/v1/SshTarget.js';
import type { SshSpecRecord } from '../state/records.js';
import { validateVariableKey } from './validate.js';

const USER = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]+)$/;
const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
const MAX_CONNECT_TIMEOUT_MS = 5 * 60_000;

/** An SSH run's target, checked: every problem names its flag and what is accepted. */
export function validateSsh(ssh: SshTarget__Output): SshSpecRecord {
  if (!USER.test(ssh.user)) throw new InvalidArgumentError(`invalid --ssh user "${ssh.user}": expected USER@HOST[:PORT]`, { field: 'ssh' });
  if (!HOST.test(ssh.host)) throw new InvalidArgumentError(`invalid --ssh host "${ssh.host}": expected a host name or an IP address`, { field: 'ssh' });
  const port = ssh.port === 0 ? 22 : ssh.port;
  if (!(port >= 1 && port <= 65_535)) throw new InvalidArgumentError(`invalid --ssh port ${ssh.port}: expected 1 to 65535`, { field: 'ssh' });
  if (ssh.keyVar === '') {
    throw new InvalidArgumentError('--ssh needs --ssh-key-var KEY: the variable that holds the private key (parallax var put KEY --from-file id_ed25519)', {
      field: 'ssh-key-var',
    });
  }
  validateVariableKey(ssh.keyVar, 'ssh-key-var');
  if (ssh.knownHostsVar !== '') validateVariableKey(ssh.knownHostsVar, 'ssh-known-hosts-var');
  for (const print of ssh.hostKeys) {
    if (!FINGERPRINT.test(print)) {
      throw new InvalidArgumentError(`invalid --ssh-host-key "${print}": expected a SHA256 fingerprint as ssh-keygen -lf prints it (SHA256:…)`, {
        field: 'ssh-host-key',
      });
    }
  }
  if (ssh.connectTimeoutMs < 0 || ssh.connectTimeoutMs > MAX_CONNECT_TIMEOUT_MS) {
    throw new InvalidArgumentError('invalid --ssh-connect-timeout: expected a duration up to 5m', { field: 'ssh-connect-timeout' });
  }
  return {
    user: ssh.user,
    host: ssh.host,
    port,
    keyVar: ssh.keyVar,
    hostKeys: [...new Set(ssh.hostKeys)],
    knownHostsVar: ssh.knownHostsVar,
    connectTimeoutMs: ssh.connectTimeoutMs,
  };
}
