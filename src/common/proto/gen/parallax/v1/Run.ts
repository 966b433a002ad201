// Original file: proto/parallax/v1/common.proto

import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from '../../parallax/v1/RunSpec.js';
import type { Attempt as _parallax_v1_Attempt, Attempt__Output as _parallax_v1_Attempt__Output } from '../../parallax/v1/Attempt.js';
import type { Long } from '@grpc/proto-loader';

export interface Run {
  'id'?: (string);
  /**
   * empty for a run not started by a schedule
   */
  'schedule'?: (string);
  /**
   * queued | leased | running | succeeded | failed | timed_out | cancelled | lost
   */
  'state'?: (string);
  'attempt'?: (number);
  'exitCode'?: (number);
  'signal'?: (string);
  'dueAtMs'?: (number | string | Long);
  'createdAtMs'?: (number | string | Long);
  /**
   * 0: not started
   */
  'startedAtMs'?: (number | string | Long);
  /**
   * 0: not ended
   */
  'endedAtMs'?: (number | string | Long);
  'agent'?: (string);
  /**
   * schedule | manual | backfill | chain
   */
  'trigger'?: (string);
  /**
   * why a run ended without an exit code (lost, no variable, spawn failure)
   */
  'error'?: (string);
  /**
   * bytes kept
   */
  'outputBytes'?: (number | string | Long);
  /**
   * bytes not kept: dropped from the head to keep the per-run bound, and by the agent
   */
  'outputTruncatedBytes'?: (number | string | Long);
  'spec'?: (_parallax_v1_RunSpec | null);
  /**
   * every attempt so far, the current one last
   */
  'attempts'?: (_parallax_v1_Attempt)[];
  /**
   * queued for a retry: not leased before this
   */
  'retryAtMs'?: (number | string | Long);
  /**
   * held by overlap queue until the schedule's earlier runs end
   */
  'waiting'?: (boolean);
  /**
   * chain: the run whose end made this one
   */
  'upstreamRun'?: (string);
  /**
   * attempts after the first the run may make
   */
  'retries'?: (number);
  /**
   * selector parts beyond KEY=VALUE
   */
  'requirements'?: (string)[];
  /**
   * queued: why it has not started, as the leader sees it (empty from another node)
   */
  'queuedReason'?: (string);
  /**
   * queued: it fails if no agent has taken it by then; 0: it waits
   */
  'startByMs'?: (number | string | Long);
  /**
   * when the current attempt was handed to its agent; 0: not yet
   */
  'leasedAtMs'?: (number | string | Long);
  '_exitCode'?: "exitCode";
}

export interface Run__Output {
  'id': (string);
  /**
   * empty for a run not started by a schedule
   */
  'schedule': (string);
  /**
   * queued | leased | running | succeeded | failed | timed_out | cancelled | lost
   */
  'state': (string);
  'attempt': (number);
  'exitCode'?: (number);
  'signal': (string);
  'dueAtMs': (number);
  'createdAtMs': (number);
  /**
   * 0: not started
   */
  'startedAtMs': (number);
  /**
   * 0: not ended
   */
  'endedAtMs': (number);
  'agent': (string);
  /**
   * schedule | manual | backfill | chain
   */
  'trigger': (string);
  /**
   * why a run ended without an exit code (lost, no variable, spawn failure)
   */
  'error': (string);
  /**
   * bytes kept
   */
  'outputBytes': (number);
  /**
   * bytes not kept: dropped from the head to keep the per-run bound, and by the agent
   */
  'outputTruncatedBytes': (number);
  'spec': (_parallax_v1_RunSpec__Output | null);
  /**
   * every attempt so far, the current one last
   */
  'attempts': (_parallax_v1_Attempt__Output)[];
  /**
   * queued for a retry: not leased before this
   */
  'retryAtMs': (number);
  /**
   * held by overlap queue until the schedule's earlier runs end
   */
  'waiting': (boolean);
  /**
   * chain: the run whose end made this one
   */
  'upstreamRun': (string);
  /**
   * attempts after the first the run may make
   */
  'retries': (number);
  /**
   * selector parts beyond KEY=VALUE
   */
  'requirements': (string)[];
  /**
   * queued: why it has not started, as the leader sees it (empty from another node)
   */
  'queuedReason': (string);
  /**
   * queued: it fails if no agent has taken it by then; 0: it waits
   */
  'startByMs': (number);
  /**
   * when the current attempt was handed to its agent; 0: not yet
   */
  'leasedAtMs': (number);
  '_exitCode'?: "exitCode";
}
