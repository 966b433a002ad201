// Original file: proto/parallax/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A host without an agent, reached over SSH from an agent. The private key and known_hosts come from variables;
 * the coordinator fills them in for the agent that runs the attempt (they are never stored in the schedule).
 */
export interface SshTarget {
  'user'?: (string);
  'host'?: (string);
  /**
   * 0: 22
   */
  'port'?: (number);
  /**
   * the variable holding the private key (OpenSSH or PEM)
   */
  'keyVar'?: (string);
  /**
   * pinned host key fingerprints, SHA256:…
   */
  'hostKeys'?: (string)[];
  /**
   * a variable holding known_hosts lines
   */
  'knownHostsVar'?: (string);
  /**
   * 0: 20 s
   */
  'connectTimeoutMs'?: (number | string | Long);
  /**
   * to the agent only
   */
  'privateKey'?: (string);
  /**
   * to the agent only
   */
  'knownHosts'?: (string);
}

/**
 * A host without an agent, reached over SSH from an agent. The private key and known_hosts come from variables;
 * the coordinator fills them in for the agent that runs the attempt (they are never stored in the schedule).
 */
export interface SshTarget__Output {
  'user': (string);
  'host': (string);
  /**
   * 0: 22
   */
  'port': (number);
  /**
   * the variable holding the private key (OpenSSH or PEM)
   */
  'keyVar': (string);
  /**
   * pinned host key fingerprints, SHA256:…
   */
  'hostKeys': (string)[];
  /**
   * a variable holding known_hosts lines
   */
  'knownHostsVar': (string);
  /**
   * 0: 20 s
   */
  'connectTimeoutMs': (number);
  /**
   * to the agent only
   */
  'privateKey': (string);
  /**
   * to the agent only
   */
  'knownHosts': (string);
}
