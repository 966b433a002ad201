// Original file: proto/parallax/v1/agent.proto

import type { Welcome as _parallax_v1_Welcome, Welcome__Output as _parallax_v1_Welcome__Output } from '../../parallax/v1/Welcome.js';
import type { Assignment as _parallax_v1_Assignment, Assignment__Output as _parallax_v1_Assignment__Output } from '../../parallax/v1/Assignment.js';
import type { Cancel as _parallax_v1_Cancel, Cancel__Output as _parallax_v1_Cancel__Output } from '../../parallax/v1/Cancel.js';
import type { LeaseRenewed as _parallax_v1_LeaseRenewed, LeaseRenewed__Output as _parallax_v1_LeaseRenewed__Output } from '../../parallax/v1/LeaseRenewed.js';
import type { ReportResult as _parallax_v1_ReportResult, ReportResult__Output as _parallax_v1_ReportResult__Output } from '../../parallax/v1/ReportResult.js';

export interface CoordinatorMessage {
  'welcome'?: (_parallax_v1_Welcome | null);
  'assign'?: (_parallax_v1_Assignment | null);
  'cancel'?: (_parallax_v1_Cancel | null);
  'renewed'?: (_parallax_v1_LeaseRenewed | null);
  'reportResult'?: (_parallax_v1_ReportResult | null);
  'body'?: "welcome"|"assign"|"cancel"|"renewed"|"reportResult";
}

export interface CoordinatorMessage__Output {
  'welcome'?: (_parallax_v1_Welcome__Output | null);
  'assign'?: (_parallax_v1_Assignment__Output | null);
  'cancel'?: (_parallax_v1_Cancel__Output | null);
  'renewed'?: (_parallax_v1_LeaseRenewed__Output | null);
  'reportResult'?: (_parallax_v1_ReportResult__Output | null);
  'body'?: "welcome"|"assign"|"cancel"|"renewed"|"reportResult";
}
