// Fire benchmark: N schedules on one coordinator (or a cluster of --nodes), due times spread over each minute,
// running `true` on local agents. Prints fire lateness (fire recorded − due time), fire → started (run started
// recorded − fire recorded) and the (leader) coordinator's RSS, empty and loaded. Options: --schedules 10000
// --duration 120 --agents 2 --capacity 64 --nodes 1, and --cpu-prof DIR to write CPU profiles of the processes there.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import {
  adminToken,
  COORDINATOR_ARGS,
  freePorts,
  initDataDir,
  percentile,
  root,
  rssMiB,
  startParallaxCluster,
  waitForToken,
  withToken,
} from './lib/cluster.js';

export async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      schedules: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '120' },
      agents: { type: 'string', default: '2' },
      capacity: { type: 'string', default: '64' },
      nodes: { type: 'string', default: '1' },
      'cpu-prof': { type: 'string' },
    },
  });
  const count = Number(values.schedules);
  const durationS = Number(values.duration);
  const { controlProto } = await import(join(root, 'dist/common/proto/load.js'));
  const { Store } = await import(join(root, 'dist/coordinator/storage/db.js'));

  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-fire-'));
  const children = [];
  const start = (bin, args, env = {}) => {
    const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
    const child = spawn(process.execPath, [...profile, join(root, 'bin', bin), ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PARALLAX_LOG_LEVEL: 'warn', ...env } });
    child.stderr.on('data', (d) => process.stderr.write(`${bin}: ${d}`));
    children.push(child);
    return child;
  };
  // One coordinator, or a cluster whose leader takes the load (its data dir is read at the end).
  let coordinator;
  let address;
  let agentAddresses;
  let dataDir;
  let cluster;
  let token;
  if (Number(values.nodes) > 1) {
    cluster = await startParallaxCluster({ dir, size: Number(values.nodes), cpuProfDir: values['cpu-prof'] });
    const { node } = await cluster.waitHealthy();
    coordinator = node.child;
    address = node.address;
    dataDir = node.dataDir;
    agentAddresses = cluster.nodes.map((n) => n.address).join(',');
    token = cluster.token;
  } else {
    const [port] = await freePorts(1);
    address = `127.0.0.1:${port}`;
    dataDir = join(dir, 'data');
    agentAddresses = address;
    const admin = adminToken(dir);
    token = admin.token;
    initDataDir(dataDir, admin.file);
    coordinator = start('parallax-coordinator', ['--data-dir', dataDir, '--listen', address, '--insecure', '--node-id', 'bench', ...COORDINATOR_ARGS]);
  }
  const Control = controlProto().parallax.v1.Control;
  const client = new Control(address, grpc.credentials.createInsecure(), (await withToken(token))());
  const call = (method, req, deadlineMs = 30_000) =>
    new Promise((resolve, reject) => client[method](req, { deadline: Date.now() + deadlineMs }, (e, r) => (e ? reject(e) : resolve(r))));
  await new Promise((resolve, reject) => client.waitForReady(Date.now() + 15_000, (e) => (e ? reject(e) : resolve())));
  await waitForToken(() => call('Status', {}, 2_000));
  for (let i = 0; i < Number(values.agents); i++) {
    start('parallax-agent', ['--coordinator', agentAddresses, '--name', `bench-${i}`, '--capacity', values.capacity, '--data-dir', join(dir, `agent-${i}`), '--insecure'], { PARALLAX_AGENT_TOKEN: token });
  }
  await new Promise((r) => setTimeout(r, 2_000));
  const rssEmpty = rssMiB(coordinator.pid);

  process.stderr.write(`creating ${count} schedules…\n`);
  const createStart = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < count) {
        const i = next++;
        await call('CreateSchedule', { name: `s${i}`, cron: `${i % 60} * * * * *`, spec: { argv: ['true'] } });
      }
    }),
  );
  const createS = (Date.now() - createStart) / 1000;
  const t0 = Date.now();
  process.stderr.write(`created in ${createS.toFixed(1)} s; measuring for ${durationS} s…\n`);
  let rssMax = 0;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssMiB(coordinator.pid))), 1000);
  await new Promise((r) => setTimeout(r, durationS * 1000));
  clearInterval(sampler);
  const rssEnd = rssMiB(coordinator.pid);
  const t1 = Date.now();
  // Let the last fires finish before reading, so the started figures are complete.
  await new Promise((r) => setTimeout(r, 3000));
  client.close();
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))));
  await cluster?.stop();

  const store = await Store.open(dataDir);
  const lateness = [];
  const toStart = [];
  const toLease = [];
  let states = {};
  for await (const [key, value] of store.scan({ gte: 't/default/r/', lt: 't/default/r/\u00ff' })) {
    void key;
    const run = JSON.parse(value.toString());
    if (run.dueAt < t0 || run.dueAt > t1) continue;
    states[run.state] = (states[run.state] ?? 0) + 1;
    lateness.push(run.createdAt - run.dueAt);
    if (run.startedAt > 0) toStart.push(run.startedAt - run.createdAt);
    if (run.leasedAt > 0) toLease.push(run.leasedAt - run.createdAt);
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  lateness.sort((a, b) => a - b);
  toStart.sort((a, b) => a - b);
  toLease.sort((a, b) => a - b);
  const expected = Math.round((count / 60) * ((t1 - t0) / 1000));
  const f = (n) => `${n} ms`;
  const where = Number(values.nodes) > 1 ? `a ${values.nodes}-node cluster` : 'one coordinator';
  console.log(`fire benchmark: ${count} schedules on ${where}, ${((t1 - t0) / 1000).toFixed(0)} s, ${values.agents} agents × capacity ${values.capacity}`);
  console.log(`  schedules created        ${createS.toFixed(1)} s (${Math.round(count / createS)}/s)`);
  console.log(`  fires                    ${lateness.length} (expected ≈ ${expected}, ${(lateness.length / ((t1 - t0) / 1000)).toFixed(1)}/s)`);
  console.log(`  run states               ${JSON.stringify(states)}`);
  console.log(`  fire lateness            p50 ${f(percentile(lateness, 50))}  p99 ${f(percentile(lateness, 99))}  max ${f(lateness.at(-1))}`);
  console.log(`  fire → leased to agent   p50 ${f(percentile(toLease, 50))}  p99 ${f(percentile(toLease, 99))}  max ${f(toLease.at(-1))}`);
  console.log(`  fire → process started   p50 ${f(percentile(toStart, 50))}  p99 ${f(percentile(toStart, 99))}  max ${f(toStart.at(-1))}`);
  console.log(`  coordinator RSS          max ${rssMax.toFixed(0)} MiB, at end ${rssEnd.toFixed(0)} MiB; empty ${rssEmpty.toFixed(0)} MiB, so ${(((rssEnd - rssEmpty) * 1024) / count).toFixed(2)} KiB per schedule`);
}
