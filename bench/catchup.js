// Catch-up benchmark: a follower that was down while the state grew catches up from a snapshot. A 3-node cluster
// compacting its log every 500 entries; one follower is killed; --state-mib of variables (60 KiB values, 8 writers)
// are written; the follower is started again. Prints how long until it serves the last value (a --stale read of its
// own state) and its RSS meanwhile (sampled every 50 ms) and after: a follower receives the state into its data
// directory chunk by chunk, so its memory should not grow with the state.
// Options: --state-mib 300, --json.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { cleanup, machine, root, rssMiB, sleep, startParallaxCluster, tempDir } from './lib/cluster.js';

const VALUE_BYTES = 60 * 1024;

function unary(client, method, request) {
  return new Promise((resolve, reject) => client[method](request, (err, res) => (err ? reject(err) : resolve(res))));
}

export async function main(argv) {
  const { values } = parseArgs({ args: argv, options: { 'state-mib': { type: 'string', default: '300' }, json: { type: 'boolean', default: false } } });
  const stateMiB = Number(values['state-mib']);
  if (!Number.isFinite(stateMiB) || stateMiB <= 0) throw new Error(`--state-mib: expected a number of MiB above 0, got "${values['state-mib']}"`);
  const { controlProto } = await import(join(root, 'dist/common/proto/load.js'));
  const Control = controlProto().parallax.v1.Control;
  const cluster = await startParallaxCluster({ dir: tempDir('parallax-bench-catchup-'), extraArgs: ['--snapshot-count', '500'] });
  try {
    const { node: leader } = await cluster.waitForLeader();
    const follower = cluster.nodes.find((n) => n.id !== leader.id);
    follower.child.kill('SIGKILL');
    await new Promise((resolve) => follower.child.once('exit', resolve));

    const writer = new Control(leader.address, grpc.credentials.createInsecure(), cluster.clientOptions());
    const count = Math.ceil((stateMiB * 1024 * 1024) / VALUE_BYTES);
    const value = (i) => Buffer.alloc(VALUE_BYTES, 97 + (i % 26)).toString();
    process.stderr.write(`writing ${count} values of ${VALUE_BYTES / 1024} KiB (${stateMiB} MiB) while ${follower.id} is down…\n`);
    const writeStart = Date.now();
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++;
        await unary(writer, 'PutVariable', { key: `bench/k${i}`, value: value(i) });
      }
    }));
    const writeMs = Date.now() - writeStart;
    writer.close();

    process.stderr.write(`starting ${follower.id} again…\n`);
    const started = Date.now();
    cluster.start(follower);
    const reader = new Control(follower.address, grpc.credentials.createInsecure(), cluster.clientOptions());
    const last = `bench/k${count - 1}`;
    let peak = 0;
    let caughtUpMs;
    for (let i = 0; i < 6_000 && caughtUpMs === undefined; i++) {
      await sleep(50);
      peak = Math.max(peak, rssMiB(follower.child.pid));
      if (i % 10 !== 9) continue;
      const got = await unary(reader, 'GetVariable', { key: last, stale: true }).catch(() => undefined);
      if (got !== undefined) caughtUpMs = Date.now() - started;
    }
    reader.close();
    if (caughtUpMs === undefined) throw new Error(`${follower.id} did not catch up within 5 minutes`);
    const result = {
      machine: machine(),
      stateMiB,
      values: count,
      writeMs,
      caughtUpMs,
      followerPeakRssMiB: Math.round(Math.max(peak, rssMiB(follower.child.pid))),
      followerRssMiB: Math.round(rssMiB(follower.child.pid)),
      leaderRssMiB: Math.round(rssMiB(leader.child.pid)),
    };
    console.log(`catch-up benchmark: 3 nodes, ${machine()}`);
    console.log(`  state written while ${follower.id} was down: ${stateMiB} MiB in ${count} variables, in ${(writeMs / 1000).toFixed(1)} s`);
    console.log(`  ${follower.id} started again: serves the last value after ${(caughtUpMs / 1000).toFixed(1)} s`);
    console.log(`  ${follower.id} RSS: peak ${result.followerPeakRssMiB} MiB (sampled every 50 ms), after ${result.followerRssMiB} MiB; leader ${result.leaderRssMiB} MiB`);
    if (values.json) console.log(JSON.stringify(result));
  } finally {
    await cluster.stop();
    await cleanup();
  }
}
