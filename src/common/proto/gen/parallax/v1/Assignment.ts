// Original file: proto/parallax/v1/agent.proto

import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from '../../parallax/v1/RunSpec.js';

export interface Assignment {
  'runId'?: (string);
  'attempt'?: (number);
  'tenant'?: (string);
  'schedule'?: (string);
  /**
   * env_from_var already resolved into env
   */
  'spec'?: (_parallax_v1_RunSpec | null);
  /**
   * names in spec.env whose values came from variables: masked (***) in output
   */
  'secretEnv'?: (string)[];
}

export interface Assignment__Output {
  'runId': (string);
  'attempt': (number);
  'tenant': (string);
  'schedule': (string);
  /**
   * env_from_var already resolved into env
   */
  'spec': (_parallax_v1_RunSpec__Output | null);
  /**
   * names in spec.env whose values came from variables: masked (***) in output
   */
  'secretEnv': (string)[];
}
