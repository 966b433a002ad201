import type { RunRecord } from '../state/records.js';

/**
 * Where a run about to be made can start at once: whoever makes runs on the leader (the scheduler's fires, the API's
 * triggers) asks before proposing, names the agent in the command, and says afterwards what became of the run. The
 * entry that makes the run then leases it too: one commit before the agent hears instead of two. The Dispatcher is
 * the placement; without one (or with no agent free), runs are queued and leased by the dispatcher as before.
 */
export interface Placement {
  /** Holds a slot for run `runId` of `schedule` on an agent that can take it now, and names it; or undefined. */
  reserve(tenant: string, schedule: string, runId: string): string | undefined;
  /** The run as the command made it (null: not made; undefined: the proposal failed). Frees the slot if unused. */
  settle(runId: string, run: RunRecord | null | undefined): void;
}
