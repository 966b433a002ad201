// Raft benchmark: replicated writes per second and their latency on a 3-node Parallax cluster and on a 3-member
// etcd cluster, driven by the same closed-loop gRPC client, one system after the other on the same machine.
// Parallax: Control.PutVariable to the leader; etcd: KV.Put to the leader; 256-byte values, keys bench/k<N>.
// Shapes: 1 client × 1 in flight (serial), and 8 clients (own channels) × 16 in flight.
// Before the shapes, each system is primed the same way: --prime 5 seconds of the parallel shape, whose calls are
// not counted. A Node.js process reaches its steady speed only after V8 has compiled its hot paths, which takes
// thousands of calls: measured serially from a cold start, the first ten seconds ran at half the steady rate. A
// long-running coordinator is always warm, so the steady rate is what is compared; etcd gets the same priming.
// Options: --duration 10 --warmup 2 (seconds, per shape), --prime 5 (seconds, 0 for none), --system both|parallax|etcd, --json (also print one
// JSON document), --cpu-prof DIR (CPU profiles of the coordinators, written when they stop; the leader's top
// functions are printed), --shapes serial,parallel (which to run), --coordinator-args "…" (extra flags for every coordinator).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { cleanup, coordinatorArgsJoined, machine, root, rssMiB, startParallaxCluster, tempDir } from './lib/cluster.js';
import { ETCD_INSTALL_HINT, etcdProto, findEtcd, startEtcdCluster } from './lib/etcd.js';
import { closedLoop } from './lib/load.js';
import { printTop } from './prof-top.js';

const SHAPES = [
  { name: 'serial', label: '1 client × 1 in flight', clients: 1, inflight: 1 },
  { name: 'parallel', label: '8 clients × 16 in flight', clients: 8, inflight: 16 },
];

/**
 * The shapes, then a serial read-only RPC that touches neither disk nor log (Parallax ClusterStatus, etcd
 * Maintenance.Status): the round trip through gRPC and the server alone, as a floor for the serial write latency.
 */
async function runShapes(system, address, makeClient, method, request, timing, pids, floor) {
  const out = {};
  if (timing.primeMs > 0) {
    const parallel = SHAPES.find((s) => s.name === 'parallel');
    process.stderr.write(`${system}: priming with ${parallel.label} for ${timing.primeMs / 1000} s (not counted)…\n`);
    await closedLoop({ makeClient: (opts) => makeClient(address, opts), method, request, ...parallel, warmupMs: 0, durationMs: timing.primeMs, pids });
  }
  for (const shape of SHAPES.filter((s) => timing.shapes.includes(s.name))) {
    process.stderr.write(`${system}: ${shape.label} for ${timing.durationMs / 1000} s (after ${timing.warmupMs / 1000} s warm-up)…\n`);
    out[shape.name] = await closedLoop({ makeClient: (opts) => makeClient(address, opts), method, request, ...shape, ...timing, pids });
  }
  const floorTiming = { warmupMs: 1_000, durationMs: Math.min(3_000, timing.durationMs) };
  out.floor = await closedLoop({ makeClient: floor.makeClient, method: floor.method, request: () => ({}), ...floorTiming });
  return out;
}

async function benchParallax(value, timing, cpuProfDir, extraArgs) {
  const dir = tempDir('parallax-bench-raft-');
  const cluster = await startParallaxCluster({ dir, cpuProfDir, extraArgs });
  try {
    const { node: leader } = await cluster.waitForLeader();
    process.stderr.write(`parallax: leader ${leader.id} at ${leader.address}\n`);
    const { controlProto } = await import(join(root, 'dist/common/proto/load.js'));
    const Control = controlProto().parallax.v1.Control;
    const make = (address, opts) => new Control(address, grpc.credentials.createInsecure(), cluster.clientOptions(opts));
    const request = (n) => ({ key: `bench/k${n}`, value });
    const pids = Object.fromEntries(cluster.nodes.map((n) => [n.id, n.child.pid]));
    const floor = { makeClient: (opts) => make(leader.address, opts), method: 'ClusterStatus' };
    const result = await runShapes('parallax', leader.address, make, 'PutVariable', request, timing, pids, floor);
    // Waited for, not asked once: a coordinator just out of the parallel shape can be slow to answer.
    const after = await cluster.waitForLeader(15_000).catch(() => undefined);
    result.leader = leader.id;
    result.leaderChanged = after?.node.id !== leader.id;
    result.rssMiB = Object.fromEntries(cluster.nodes.map((n) => [n.id, Math.round(rssMiB(n.child.pid))]));
    // Which profile is whose: a profile's file name holds the process id. Not part of the JSON document.
    Object.defineProperty(result, 'pids', { value: Object.fromEntries(cluster.nodes.map((n) => [n.child.pid, n.id])) });
    return result;
  } finally {
    // SIGTERM, so that profiles are written; a leader hands over first, which takes a moment.
    await cluster.stop(15_000);
  }
}

async function benchEtcd(bin, value, timing) {
  const dir = tempDir('parallax-bench-etcd-');
  const cluster = await startEtcdCluster({ bin, dir });
  try {
    const leader = await cluster.leader();
    process.stderr.write(`etcd: leader ${leader.name} at ${leader.client}\n`);
    const { KV, Maintenance } = etcdProto();
    const make = (address, opts) => new KV(address, grpc.credentials.createInsecure(), opts);
    const request = (n) => ({ key: Buffer.from(`bench/k${n}`), value });
    const pids = Object.fromEntries(cluster.members.map((m) => [m.name, m.child.pid]));
    const floor = { makeClient: (opts) => new Maintenance(leader.client, grpc.credentials.createInsecure(), opts), method: 'Status' };
    const result = await runShapes('etcd', leader.client, make, 'Put', request, timing, pids, floor);
    const after = await cluster.leader();
    result.leader = leader.name;
    result.leaderChanged = after?.name !== leader.name;
    result.rssMiB = Object.fromEntries(cluster.members.map((m) => [m.name, Math.round(rssMiB(m.child.pid))]));
    result.version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).split('\n')[0];
    return result;
  } finally {
    await cluster.stop();
  }
}

function printResults(results) {
  const ms = (v) => `${v.toFixed(2)} ms`;
  for (const shape of SHAPES) {
    console.log(`${shape.label}:`);
    for (const system of ['parallax', 'etcd']) {
      const r = results[system]?.[shape.name];
      if (!r) continue;
      const errors = r.errors > 0 ? `  (first: ${r.errorSample})` : '';
      console.log(
        `  ${system.padEnd(9)} ${r.perSec.toFixed(0).padStart(6)} writes/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  max ${ms(r.max)}  errors ${r.errors}${errors}`,
      );
      const cpu = Object.entries(r.cpu).map(([id, v]) => `${id}${id === results[system].leader ? ' (leader)' : ''} ${v}%`).join(', ');
      console.log(`  ${''.padEnd(9)} CPU (share of one core): ${cpu}`);
    }
  }
  console.log('serial read-only RPC that writes nothing (ClusterStatus / Maintenance.Status), the floor of the serial latency:');
  for (const system of ['parallax', 'etcd']) {
    const r = results[system]?.floor;
    if (r) console.log(`  ${system.padEnd(9)} ${r.perSec.toFixed(0).padStart(6)} calls/s   p50 ${ms(r.p50)}  p99 ${ms(r.p99)}  errors ${r.errors}`);
  }
  for (const system of ['parallax', 'etcd']) {
    const r = results[system];
    if (r?.rssMiB) {
      const rss = Object.entries(r.rssMiB).map(([id, v]) => `${id}${id === r.leader ? ' (leader)' : ''} ${v}`).join(', ');
      console.log(`${system} RSS at the end (MiB): ${rss}${r.leaderChanged ? '   NOTE: the leader changed during the run' : ''}`);
    }
  }
  if (results.etcd?.skipped) console.log(`etcd: not measured: ${results.etcd.skipped}`);
  if (results.ratios) {
    const { parallelThroughput, serialThroughput, serialP50 } = results.ratios;
    const parts = [];
    if (serialThroughput !== undefined) parts.push(`throughput serial ${serialThroughput.toFixed(2)}×`);
    if (parallelThroughput !== undefined) parts.push(`throughput parallel ${parallelThroughput.toFixed(2)}×`);
    if (serialP50 !== undefined) parts.push(`serial p50 latency ${serialP50.toFixed(2)}×`);
    console.log(`Parallax / etcd: ${parts.join('; ')}`);
  }
}

export async function main(argv) {
  const { values } = parseArgs({
    args: coordinatorArgsJoined(argv),
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      prime: { type: 'string', default: '5' },
      system: { type: 'string', default: 'both' },
      json: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'coordinator-args': { type: 'string', default: '' },
      shapes: { type: 'string', default: 'serial,parallel' },
    },
  });
  const shapes = values.shapes.split(',').map((s) => s.trim());
  const unknown = shapes.filter((s) => !SHAPES.some((shape) => shape.name === s));
  if (unknown.length > 0) throw new Error(`--shapes: unknown shape ${unknown.join(', ')}; the shapes are ${SHAPES.map((s) => s.name).join(', ')}`);
  const timing = { durationMs: Number(values.duration) * 1000, warmupMs: Number(values.warmup) * 1000, primeMs: Number(values.prime) * 1000, shapes };
  const value = randomBytes(256);
  const cpuProfDir = values['cpu-prof'] && resolve(values['cpu-prof']);
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  const extraArgs = values['coordinator-args'].split(/\s+/).filter(Boolean);
  const results = { config: { durationS: timing.durationMs / 1000, warmupS: timing.warmupMs / 1000, primeS: timing.primeMs / 1000, valueBytes: value.length, machine: machine(), node: process.version } };
  let profilesBefore = new Set();
  const etcdBin = values.system === 'parallax' ? undefined : findEtcd();
  if (values.system !== 'parallax' && etcdBin === undefined) {
    process.stderr.write(`etcd is not installed: Parallax alone is measured. To compare with etcd: ${ETCD_INSTALL_HINT}\n`);
    results.etcd = { skipped: `etcd is not installed (${ETCD_INSTALL_HINT})` };
  }
  try {
    if (values.system !== 'etcd') {
      if (cpuProfDir) profilesBefore = new Set(readdirSync(cpuProfDir));
      results.parallax = await benchParallax(value, timing, cpuProfDir, extraArgs);
    }
    if (etcdBin !== undefined) results.etcd = await benchEtcd(etcdBin, value, timing);
  } finally {
    await cleanup();
  }
  const p = results.parallax;
  const e = results.etcd;
  if (p && e) {
    results.ratios = {};
    if (p.serial && e.serial) {
      results.ratios.serialThroughput = p.serial.perSec / e.serial.perSec;
      results.ratios.serialP50 = p.serial.p50 / e.serial.p50;
    }
    if (p.parallel && e.parallel) results.ratios.parallelThroughput = p.parallel.perSec / e.parallel.perSec;
  }
  console.log(`raft benchmark: 3 nodes each, ${results.config.durationS} s per shape after ${results.config.warmupS} s warm-up (each system primed by ${results.config.primeS} s of the parallel shape first), ${results.config.valueBytes}-byte values, ${results.config.machine}${e?.version ? `, ${e.version}` : ''}`);
  printResults(results);
  if (cpuProfDir && p) {
    const written = readdirSync(cpuProfDir).filter((f) => f.endsWith('.cpuprofile') && !profilesBefore.has(f));
    const role = (f) => p.pids[/\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(f)?.[1]] ?? '?';
    for (const f of written) console.log(`profile of ${role(f)}${role(f) === p.leader ? ' (leader)' : ''}: ${join(cpuProfDir, f)}`);
    const leaderProfile = written.find((f) => role(f) === p.leader);
    if (leaderProfile) printTop(join(cpuProfDir, leaderProfile), 20);
  }
  if (values.json) console.log(JSON.stringify(results));
}
