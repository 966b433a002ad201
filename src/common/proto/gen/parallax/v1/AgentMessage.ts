// Original file: proto/parallax/v1/agent.proto

import type { Hello as _parallax_v1_Hello, Hello__Output as _parallax_v1_Hello__Output } from '../../parallax/v1/Hello.js';
import type { Heartbeat as _parallax_v1_Heartbeat, Heartbeat__Output as _parallax_v1_Heartbeat__Output } from '../../parallax/v1/Heartbeat.js';
import type { Report as _parallax_v1_Report, Report__Output as _parallax_v1_Report__Output } from '../../parallax/v1/Report.js';

export interface AgentMessage {
  'hello'?: (_parallax_v1_Hello | null);
  'heartbeat'?: (_parallax_v1_Heartbeat | null);
  'report'?: (_parallax_v1_Report | null);
  'body'?: "hello"|"heartbeat"|"report";
}

export interface AgentMessage__Output {
  'hello'?: (_parallax_v1_Hello__Output | null);
  'heartbeat'?: (_parallax_v1_Heartbeat__Output | null);
  'report'?: (_parallax_v1_Report__Output | null);
  'body'?: "hello"|"heartbeat"|"report";
}
