// Original file: proto/parallax/v1/common.proto

import type { HttpRequest as _parallax_v1_HttpRequest, HttpRequest__Output as _parallax_v1_HttpRequest__Output } from '../../parallax/v1/HttpRequest.js';
import type { SshTarget as _parallax_v1_SshTarget, SshTarget__Output as _parallax_v1_SshTarget__Output } from '../../parallax/v1/SshTarget.js';
import type { Long } from '@grpc/proto-loader';

/**
 * What a run executes. Exactly one of shell or argv is set.
 */
export interface RunSpec {
  /**
   * a command line for /bin/sh -c
   */
  'shell'?: (string);
  /**
   * a program and its arguments, run without a shell
   */
  'argv'?: (string)[];
  /**
   * literal environment
   */
  'env'?: ({[key: string]: string});
  /**
   * environment name -> variable key, resolved when the run is dispatched
   */
  'envFromVar'?: ({[key: string]: string});
  'cwd'?: (string);
  /**
   * 0: no timeout
   */
  'timeoutMs'?: (number | string | Long);
  /**
   * SIGTERM to SIGKILL; 0: the default
   */
  'killGraceMs'?: (number | string | Long);
  /**
   * instead of shell and argv: one HTTP request, made by the agent
   */
  'http'?: (_parallax_v1_HttpRequest | null);
  /**
   * with shell: run it over SSH on a host that has no agent
   */
  'ssh'?: (_parallax_v1_SshTarget | null);
  /**
   * run as this user on the agent's host (the agent must run as root); empty: the agent's
   */
  'user'?: (string);
}

/**
 * What a run executes. Exactly one of shell or argv is set.
 */
export interface RunSpec__Output {
  /**
   * a command line for /bin/sh -c
   */
  'shell': (string);
  /**
   * a program and its arguments, run without a shell
   */
  'argv': (string)[];
  /**
   * literal environment
   */
  'env': ({[key: string]: string});
  /**
   * environment name -> variable key, resolved when the run is dispatched
   */
  'envFromVar': ({[key: string]: string});
  'cwd': (string);
  /**
   * 0: no timeout
   */
  'timeoutMs': (number);
  /**
   * SIGTERM to SIGKILL; 0: the default
   */
  'killGraceMs': (number);
  /**
   * instead of shell and argv: one HTTP request, made by the agent
   */
  'http': (_parallax_v1_HttpRequest__Output | null);
  /**
   * with shell: run it over SSH on a host that has no agent
   */
  'ssh': (_parallax_v1_SshTarget__Output | null);
  /**
   * run as this user on the agent's host (the agent must run as root); empty: the agent's
   */
  'user': (string);
}
