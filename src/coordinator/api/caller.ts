import type { Metadata } from '@grpc/grpc-js';

/** Who makes a request. Every handler gets one; the state layer is given its tenant explicitly. */
export interface Caller {
  kind: 'local' | 'user' | 'token' | 'agent';
  name: string;
  tenant: string;
  roles: string[];
}

export const DEFAULT_TENANT = 'default';

/**
 * Until identity arrives (OIDC, API tokens), a coordinator that serves plaintext on its own address trusts every
 * request as the one built-in local administrator of the default tenant.
 */
export function authenticate(_metadata: Metadata): Caller {
  return { kind: 'local', name: 'local', tenant: DEFAULT_TENANT, roles: ['admin'] };
}
