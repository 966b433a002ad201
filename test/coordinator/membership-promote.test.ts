import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/coordinator/raft/progress.js';
import { caughtUp } from '../../src/coordinator/replication/membership.js';

// When the leader makes a learner a voter: only once the learner has shown it holds the log.

function learner(setup: (pr: Progress) => void): Progress {
  const pr = new Progress(101, 256);
  setup(pr);
  return pr;
}

describe('a learner becoming a voter', () => {
  it('waits for one the leader has only just added: counted as heard from, it has answered nothing yet', () => {
    // As the core makes the progress of a member it adds: next after the leader's log, heard from, nothing matched.
    const added = learner((pr) => (pr.recentActive = true));
    expect(caughtUp(added, 100)).toBe(false);
    // Even where the log is so short that 0 is within reach of its end.
    expect(caughtUp(added, 7)).toBe(false);
  });

  it('promotes one that acknowledged appends and is close to the end of the log, and only while it is heard from', () => {
    const replicating = learner((pr) => {
      pr.recentActive = true;
      pr.maybeUpdate(90);
      pr.becomeReplicate();
    });
    expect(caughtUp(replicating, 100)).toBe(true);
    expect(caughtUp(replicating, 90 + 64)).toBe(true);
    expect(caughtUp(replicating, 90 + 65)).toBe(false);
    replicating.recentActive = false;
    expect(caughtUp(replicating, 100)).toBe(false);
  });

  it('waits for one still being probed or sent a snapshot', () => {
    const probing = learner((pr) => {
      pr.recentActive = true;
      pr.maybeUpdate(99);
    });
    expect(caughtUp(probing, 100)).toBe(false);
    const snapshotting = learner((pr) => {
      pr.recentActive = true;
      pr.maybeUpdate(50);
      pr.becomeSnapshot(99);
    });
    expect(caughtUp(snapshotting, 100)).toBe(false);
  });
});
