// Fire benchmark: N schedules on one coordinator (or a cluster of --nodes), each due once per --period (a minute or
// an hour), their due times spread evenly over the period, running `true` on local agents. Prints fire lateness
// (fire recorded − due time), fire → started (run started recorded − fire recorded) and the (leader) coordinator's
// RSS, empty and loaded. On a cluster it then kills the leader with SIGKILL and prints how long until a new leader
// fires again (the first fire recorded after the kill). Options: --schedules 10000 --period 1m|1h --duration 120
// --agents 2 --capacity 64 --nodes 1, --no-kill (skip the failover), and --cpu-prof DIR to write CPU profiles of
// the processes there. The figure: --nodes 3 --schedules 100000 --period 1h (28 fires a second).
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
      period: { type: 'string', default: '1m' },
      'no-kill': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
    },
  });
  const count = Number(values.schedules);
  const durationS = Number(values.duration);
  const PERIODS = { '1m': 60, '1h': 3600 };
  const periodS = PERIODS[values.period];
  if (periodS === undefined) throw new Error(`--period: expected one of ${Object.keys(PERIODS).join(', ')}, got "${values.period}"`);
  // The schedule's cron: due once a period, at second i of it (seconds, then minutes when the period is an hour).
  const cronOf = (i) => (periodS === 60 ? `${i % 60} * * * * *` : `${i % 60} ${Math.floor(i / 60) % 60} * * * *`);
  const { controlProto } = await import(join(root, 'dist/common/proto/load.js'));
  const { Store } = await import(join(root, 'dist/coordinator/storage/db.js'));
  const { scriptCommand } = await import(join(root, 'dist/common/script-launch.js'));

  const dir = mkdtempSync(join(tmpdir(), 'parallax-bench-fire-'));
  const children = [];
  const start = (bin, args, env = {}) => {
    const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
    const command = scriptCommand(join(root, 'bin', bin), args, profile);
    const child = spawn(command.file, command.args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...command.env, PARALLAX_LOG_LEVEL: 'warn', ...env },
    });
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
        await call('CreateSchedule', { name: `s${i}`, cron: cronOf(i), spec: { argv: ['true'] } });
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
  // Failover: the leader is killed; a surviving node's data dir is read at the end.
  let killedAt;
  let newLeader;
  if (cluster && !values['no-kill']) {
    killedAt = Date.now();
    coordinator.kill('SIGKILL');
    process.stderr.write('killed the leader; waiting for a new one to fire…\n');
    const found = await cluster.waitForLeader(30_000);
    newLeader = found.node;
    dataDir = newLeader.dataDir;
    // Every schedule has a due time within a period; a few seconds show when firing resumed.
    await new Promise((r) => setTimeout(r, 5_000));
  }
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', r)))));
  await cluster?.stop();

  const store = await Store.open(dataDir);
  const lateness = [];
  const toStart = [];
  const toLease = [];
  let states = {};
  let firstAfterKill = Infinity;
  // Fires by schedule and due time: every due time in the window must have one fire or one recorded miss.
  const fires = new Map();
  for await (const [, value] of store.scan({ gte: 't/default/r/', lt: 't/default/r/\u00ff' })) {
    const run = JSON.parse(value.toString());
    if (killedAt !== undefined && run.createdAt >= killedAt) firstAfterKill = Math.min(firstAfterKill, run.createdAt);
    if (run.trigger === 'schedule') fires.set(`${run.schedule}@${run.dueAt}`, (fires.get(`${run.schedule}@${run.dueAt}`) ?? 0) + 1);
    if (run.dueAt < t0 || run.dueAt > t1) continue;
    states[run.state] = (states[run.state] ?? 0) + 1;
    lateness.push(run.createdAt - run.dueAt);
    if (run.startedAt > 0) toStart.push(run.startedAt - run.createdAt);
    if (run.leasedAt > 0) toLease.push(run.leasedAt - run.createdAt);
  }
  let missed = 0;
  const missesOf = new Map();
  for await (const [key, value] of store.scan({ gte: 't/default/m/', lt: 't/default/m/\u00ff' })) {
    const miss = JSON.parse(value.toString());
    if (miss.to < t0 || miss.from > t1) continue;
    missed += miss.count;
    const schedule = key.split('/')[3];
    missesOf.set(schedule, [...(missesOf.get(schedule) ?? []), miss]);
  }
  let unaccounted = 0;
  let twice = 0;
  let due = 0;
  // Schedule i is due at the seconds whose offset in the period is i (mod the period).
  for (let second = Math.ceil(t0 / 1000); second * 1000 <= t1; second++) {
    for (let i = second % periodS; i < count; i += periodS) {
      due++;
      const fired = fires.get(`s${i}@${second * 1000}`) ?? 0;
      if (fired > 1) twice++;
      const inMiss = (missesOf.get(`s${i}`) ?? []).some((m) => m.from <= second * 1000 && second * 1000 <= m.to);
      if (fired === 0 && !inMiss) unaccounted++;
    }
  }
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  lateness.sort((a, b) => a - b);
  toStart.sort((a, b) => a - b);
  toLease.sort((a, b) => a - b);
  const f = (n) => `${n} ms`;
  const where = Number(values.nodes) > 1 ? `a ${values.nodes}-node cluster` : 'one coordinator';
  console.log(`fire benchmark: ${count} schedules on ${where}, ${((t1 - t0) / 1000).toFixed(0)} s, ${values.agents} agents × capacity ${values.capacity}`);
  console.log(`  schedules created        ${createS.toFixed(1)} s (${Math.round(count / createS)}/s)`);
  console.log(`  fires                    ${lateness.length} (of ${due} due times in the window, ${(lateness.length / ((t1 - t0) / 1000)).toFixed(1)}/s)`);
  console.log(`  run states               ${JSON.stringify(states)}`);
  console.log(`  due times in the window  ${missed} recorded as missed, ${twice} fired twice, ${unaccounted} with neither a fire nor a recorded miss`);
  console.log(`  fire lateness            p50 ${f(percentile(lateness, 50))}  p99 ${f(percentile(lateness, 99))}  max ${f(lateness.at(-1))}`);
  console.log(`  fire → leased to agent   p50 ${f(percentile(toLease, 50))}  p99 ${f(percentile(toLease, 99))}  max ${f(toLease.at(-1))}`);
  console.log(`  fire → process started   p50 ${f(percentile(toStart, 50))}  p99 ${f(percentile(toStart, 99))}  max ${f(toStart.at(-1))}`);
  const perSchedule = ((rssEnd - rssEmpty) * 1024) / count;
  console.log(`  coordinator RSS          max ${rssMax.toFixed(0)} MiB, at end ${rssEnd.toFixed(0)} MiB; empty ${rssEmpty.toFixed(0)} MiB, so ${perSchedule.toFixed(2)} KiB per schedule`);
  const resumeMs = firstAfterKill - (killedAt ?? NaN);
  if (killedAt !== undefined) {
    const resumed = Number.isFinite(resumeMs) ? `${resumeMs} ms` : 'no fire within 5 s after a new leader was found';
    console.log(`  leader killed (SIGKILL)  a new leader (${newLeader.id}) fired ${resumed} after the kill`);
  }
  const target = (ok) => (ok ? 'met' : 'NOT met');
  console.log(`targets: lateness p99 ≤ 10 ms ${target(percentile(lateness, 99) <= 10)}; RSS ≤ 1 KiB per schedule ${target(perSchedule <= 1)}` +
    (killedAt !== undefined ? `; firing resumed ≤ 1 s after a kill ${target(resumeMs <= 1000)}` : ''));
}
