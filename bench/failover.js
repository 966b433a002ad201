// Failover benchmark: a 3-node cluster takes serial writes (PutVariable) without pause; again and again its leader is
// killed with SIGKILL, and the time from the kill to the first write acknowledged afterwards is measured. The killed
// node is restarted on its data dir, and the next kill waits until all three are healthy and caught up.
// Options: --kills 20, --deadline 200 (ms per write), --coordinator-args "…" (extra flags for every coordinator),
// --json (also print one JSON document).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { cleanup, coordinatorArgsJoined, machine, percentile, root, sleep, startParallaxCluster, tempDir, unary } from './lib/cluster.js';

const LEADER_METADATA_KEY = 'parallax-leader';

/**
 * Writes one variable after the other, each with a short deadline. A write that fails goes to the address a
 * `parallax-leader` trailer names, else to the next node of the list; after a whole round of failures it pauses
 * 10 ms, so a cluster without a leader is not flooded.
 */
function startWriter(Control, addresses, deadlineMs, clientOptions) {
  const options = clientOptions({ 'grpc.initial_reconnect_backoff_ms': 100, 'grpc.max_reconnect_backoff_ms': 500 });
  const clients = new Map(addresses.map((a) => [a, new Control(a, grpc.credentials.createInsecure(), options)]));
  const value = randomBytes(256);
  const waiters = [];
  let target = addresses[0];
  let failedInRow = 0;
  let stopped = false;
  const stats = { acked: 0, failed: 0 };

  const loop = (async () => {
    for (let n = 0; !stopped; n++) {
      const started = process.hrtime.bigint();
      try {
        await unary(clients.get(target), 'PutVariable', { key: `bench/failover-k${n}`, value }, deadlineMs);
        const acked = process.hrtime.bigint();
        stats.acked++;
        failedInRow = 0;
        for (const w of waiters.splice(0)) {
          if (started >= w.after) w.resolve({ acked, address: target });
          else waiters.push(w);
        }
      } catch (err) {
        stats.failed++;
        const hint = err.metadata?.get(LEADER_METADATA_KEY)[0];
        target = typeof hint === 'string' && clients.has(hint) ? hint : addresses[(addresses.indexOf(target) + 1) % addresses.length];
        if (++failedInRow % addresses.length === 0) await sleep(10);
      }
    }
  })();

  return {
    stats,
    /** The first write that was sent at or after `after` (an hrtime) and acknowledged: { acked, address }. */
    ackAfter: (after, timeoutMs) =>
      new Promise((resolve, reject) => {
        const w = { after, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`no write was acknowledged within ${timeoutMs} ms of the kill`));
        }, timeoutMs).unref();
      }),
    async stop() {
      stopped = true;
      await loop;
      for (const client of clients.values()) client.close();
    },
  };
}

export async function main(argv) {
  const { values } = parseArgs({
    args: coordinatorArgsJoined(argv),
    options: {
      kills: { type: 'string', default: '20' },
      deadline: { type: 'string', default: '200' },
      'coordinator-args': { type: 'string', default: '' },
      json: { type: 'boolean', default: false },
    },
  });
  const kills = Number(values.kills);
  const extraArgs = values['coordinator-args'].split(/\s+/).filter(Boolean);
  const { controlProto } = await import(join(root, 'dist/common/proto/load.js'));
  const Control = controlProto().parallax.v1.Control;
  const measurements = [];
  let writer;
  const host = machine();
  try {
    const cluster = await startParallaxCluster({ dir: tempDir('parallax-bench-failover-'), extraArgs });
    await cluster.waitForLeader();
    await cluster.waitHealthy();
    writer = startWriter(Control, cluster.nodes.map((n) => n.address), Number(values.deadline), cluster.clientOptions);
    await writer.ackAfter(process.hrtime.bigint(), 10_000);
    await sleep(1_000);
    for (let k = 1; k <= kills; k++) {
      const { node: victim, status } = await cluster.waitForLeader();
      const killedAt = process.hrtime.bigint();
      victim.child.kill('SIGKILL');
      const { acked, address } = await writer.ackAfter(killedAt, 30_000);
      const ms = Number(acked - killedAt) / 1e6;
      const { node: next, status: after } = await cluster.waitForLeader();
      cluster.start(victim);
      const restartedAt = Date.now();
      await cluster.waitHealthy(30_000, Number(after.commitIndex));
      const by = cluster.nodes.find((n) => n.address === address)?.id ?? address;
      measurements.push({ killed: victim.id, term: Number(status.term), ms, ackedBy: by, newLeader: next.id, newTerm: Number(after.term) });
      console.log(
        `kill ${String(k).padStart(2)}/${kills}: leader ${victim.id} (term ${status.term}) → first write acknowledged ${ms.toFixed(0).padStart(5)} ms later by ${by}; new leader ${next.id} (term ${after.term}); 3 healthy again ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart`,
      );
      await sleep(500);
    }
    await cluster.stop();
  } finally {
    await writer?.stop();
    await cleanup();
  }
  const sorted = measurements.map((m) => m.ms).sort((a, b) => a - b);
  const summary = { kills: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1), min: sorted[0] };
  console.log(
    `failover (${host}), kill -9 of the leader → first acknowledged write: ${summary.kills} kills, min ${summary.min.toFixed(0)} ms, p50 ${summary.p50.toFixed(0)} ms, p99 ${summary.p99.toFixed(0)} ms, max ${summary.max.toFixed(0)} ms (writes: ${writer.stats.acked} acknowledged, ${writer.stats.failed} failed or timed out at ${values.deadline} ms)`,
  );
  if (values.json) console.log(JSON.stringify({ machine: host, deadlineMs: Number(values.deadline), coordinatorArgs: extraArgs, measurements, summary }));
}
