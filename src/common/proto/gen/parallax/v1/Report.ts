// Original file: proto/parallax/v1/agent.proto

import type { RunStartedRequest as _parallax_v1_RunStartedRequest, RunStartedRequest__Output as _parallax_v1_RunStartedRequest__Output } from '../../parallax/v1/RunStartedRequest.js';
import type { AppendOutputRequest as _parallax_v1_AppendOutputRequest, AppendOutputRequest__Output as _parallax_v1_AppendOutputRequest__Output } from '../../parallax/v1/AppendOutputRequest.js';
import type { RunFinishedRequest as _parallax_v1_RunFinishedRequest, RunFinishedRequest__Output as _parallax_v1_RunFinishedRequest__Output } from '../../parallax/v1/RunFinishedRequest.js';
import type { Long } from '@grpc/proto-loader';

/**
 * A report on the Session: handled exactly as the unary call of its kind, and answered by a ReportResult of the same
 * seq. Numbered by the agent from 1 within a stream.
 */
export interface Report {
  'seq'?: (number | string | Long);
  'started'?: (_parallax_v1_RunStartedRequest | null);
  'output'?: (_parallax_v1_AppendOutputRequest | null);
  'finished'?: (_parallax_v1_RunFinishedRequest | null);
  'body'?: "started"|"output"|"finished";
}

/**
 * A report on the Session: handled exactly as the unary call of its kind, and answered by a ReportResult of the same
 * seq. Numbered by the agent from 1 within a stream.
 */
export interface Report__Output {
  'seq': (number);
  'started'?: (_parallax_v1_RunStartedRequest__Output | null);
  'output'?: (_parallax_v1_AppendOutputRequest__Output | null);
  'finished'?: (_parallax_v1_RunFinishedRequest__Output | null);
  'body'?: "started"|"output"|"finished";
}
