// Original file: proto/parallax/v1/control.proto

import type { Variable as _parallax_v1_Variable, Variable__Output as _parallax_v1_Variable__Output } from '../../parallax/v1/Variable.js';

export interface ListVariablesResponse {
  'variables'?: (_parallax_v1_Variable)[];
}

export interface ListVariablesResponse__Output {
  'variables': (_parallax_v1_Variable__Output)[];
}
