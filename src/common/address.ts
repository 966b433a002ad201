import { InvalidArgumentError } from './errors.js';

export interface HostPort {
  host: string;
  port: number;
}

/** Parses HOST:PORT (IPv6 as [::1]:PORT). `field` names the flag or setting in the error. */
export function parseHostPort(value: string, field: string): HostPort {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`invalid ${field} "${value}": expected HOST:PORT, such as 127.0.0.1:7070`, {
      field,
    });
  }
  return { host: match[1] ?? match[2] ?? '', port };
}

export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
