// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

/**
 * How the Report of this seq went: an empty code once its effect is committed; otherwise the error the unary call
 * would have failed with: its Parallax code (as in the `parallax-code` trailer), message and field.
 */
export interface ReportResult {
  'seq'?: (number | string | Long);
  'code'?: (string);
  'message'?: (string);
  'field'?: (string);
}

/**
 * How the Report of this seq went: an empty code once its effect is committed; otherwise the error the unary call
 * would have failed with: its Parallax code (as in the `parallax-code` trailer), message and field.
 */
export interface ReportResult__Output {
  'seq': (number);
  'code': (string);
  'message': (string);
  'field': (string);
}
