// Dispatch benchmark: how soon and how many runs of `true` a 3-node Parallax cluster with 4 local agents starts,
// against BullMQ on a local Redis (AOF on, fsync every second) with 4 worker processes whose processor spawns
// `true`; one system after the other on the same machine, each warmed up before each shape (--warmup runs, 4 at a
// time): measured after 20 runs, as it was until 2026-11-23, Parallax's latency was twice what it is warm (p50 11 ms,
// p99 38, against 5 and 12 after 1,000), as V8 had not yet compiled its hot paths; a coordinator in service is warm.
// - latency: runs fired at a paced --rate per second for --duration seconds (open loop: each call goes at its time
//   on a fixed timetable, whether the earlier ones have been answered or not). Parallax: TriggerSchedule on the
//   leader; fire (the run's createdAtMs, the leader's clock) → process started (startedAtMs, the agent's clock right
//   after spawn() returned; same machine, same clock), and the trigger call → process started. BullMQ: Queue.add
//   with Date.now() in the job's data; add call → processor entered, and add call → process started (right after
//   spawn() returned, as Parallax stamps it). Agent capacity and worker concurrency are --latency-capacity
//   (default 16), so that a free slot is not what is measured.
// - throughput: --runs runs as fast as they go, --inflight calls outstanding (TriggerSchedule / Queue.add one job
//   each), through 4 agents of capacity 4 / 4 workers of concurrency 4: from the first call until every run has
//   ended (the leader's Status says no run is active / Redis counts them completed, polled every 20 ms).
// Parallax's runs are manual triggers of one schedule (cron once a year, overlap allow) per shape, or spread
// round-robin over --schedules N of them.
// Options: --duration 10 --rate 100 --runs 5000 --inflight 64 --latency-capacity 16 --warmup 1000 (runs),
// --schedules 1, --system both|parallax|bullmq, --json (also print one JSON document), --cpu-prof DIR (CPU profiles
// of the coordinators and agents, written when they stop; the leader's top functions are printed),
// --coordinator-args "…" (extra flags for every coordinator), --shapes latency,throughput (which to run).
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import {
  cleanup,
  coordinatorArgsJoined,
  cpuSeconds,
  machine,
  percentile,
  root,
  sleep,
  startParallaxCluster,
  startProcess,
  stopProcess,
  tempDir,
  unary,
  waitFor,
} from './lib/cluster.js';
import { findRedis, REDIS_INSTALL_HINT, redisVersion, startRedis } from './lib/redis.js';
import { printTop } from './prof-top.js';
import { scriptCommand } from '../dist/common/script-launch.js';

const AGENTS = 4;
const THROUGHPUT_CAPACITY = 4;
const POLL_MS = 20;
const CRON_ONCE_A_YEAR = '0 0 1 1 *';

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/**
 * Calls `send(i)` at `rate` per second for `durationMs`, each at its own time on the timetable t0 + i / rate (not
 * when the previous call has been answered). Resolves with { results, maxLagMs }: what the calls resolved with, in
 * order (a call that failed gives { error }), and how late the latest call went out against its time.
 */
async function paced(rate, durationMs, send) {
  const count = Math.round((rate * durationMs) / 1000);
  const calls = [];
  const t0 = Date.now();
  let maxLagMs = 0;
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    maxLagMs = Math.max(maxLagMs, Date.now() - due);
    calls.push(send(i).catch((err) => ({ error: err.message ?? String(err) })));
  }
  const results = await Promise.all(calls);
  return { results, maxLagMs: Math.round(maxLagMs) };
}

/** Calls `send(i)` for i in [0, count) with `inflight` calls outstanding; resolves with their results in order. */
async function flood(count, inflight, send) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await send(i).catch((err) => ({ error: err.message ?? String(err) }));
      }
    }),
  );
  return results;
}

/**
 * CPU time of named processes over a measured span: `share` is the share of one core each used (%), `ms` the CPU
 * milliseconds each spent (from /proc, in steps of 10 ms).
 */
function cpuMeter(pids) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const t0 = process.hrtime.bigint();
  return () => {
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const used = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid) - before[name]]));
    return {
      share: Object.fromEntries(Object.entries(used).map(([name, s]) => [name, Math.round((100 * s) / seconds)])),
      ms: Object.fromEntries(Object.entries(used).map(([name, s]) => [name, Math.round(1000 * s)])),
    };
  };
}

function errorSummary(results) {
  const errors = results.filter((r) => r.error !== undefined);
  return { errors: errors.length, errorSample: errors[0]?.error };
}

// ---------------------------------------------------------------------------------------------------- Parallax

async function benchParallax(o) {
  const dir = tempDir('parallax-bench-dispatch-');
  const cluster = await startParallaxCluster({ dir, cpuProfDir: o.cpuProfDir, extraArgs: o.extraArgs });
  const agents = new Map();
  const { controlProto } = await import(join(root, 'dist/common/proto/load.js'));
  const Control = controlProto().parallax.v1.Control;
  let client;
  const result = {};
  try {
    const { node: leader } = await cluster.waitHealthy();
    process.stderr.write(`parallax: leader ${leader.id} at ${leader.address}\n`);
    client = new Control(leader.address, grpc.credentials.createInsecure(), cluster.clientOptions());
    const call = (method, request, deadlineMs = 30_000) => unary(client, method, request, deadlineMs);
    const coordinators = cluster.nodes.map((n) => n.address).join(',');

    const startAgents = async (prefix, capacity) => {
      const names = Array.from({ length: AGENTS }, (_, i) => `${prefix}-${i + 1}`);
      for (const name of names) {
        const profile = o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : [];
        const args = ['--coordinator', coordinators, '--name', name, '--capacity', String(capacity), '--drain-grace', '1s', '--data-dir', join(dir, name), '--insecure'];
        const command = scriptCommand(join(root, 'bin/parallax-agent'), args, profile);
        agents.set(name, startProcess(command.file, command.args, {
          env: { ...command.env, PARALLAX_LOG_LEVEL: 'warn', ...cluster.agentEnv },
          onStderr: (d) => process.stderr.write(`${name}: ${d}`),
        }));
      }
      await waitFor(`${AGENTS} connected agents`, 20_000, async () => {
        const { agents: listed } = await call('ListAgents', {}, 2_000);
        return names.every((name) => listed.some((a) => a.name === name && a.connected)) ? true : undefined;
      });
      return names;
    };
    const stopAgents = (names) => Promise.all(names.map((name) => stopProcess(agents.get(name), 'SIGTERM', 10_000)));
    // A shape's runs go round-robin to --schedules schedules (1 by default) named PREFIX-0, PREFIX-1, …
    const scheduleNames = (prefix) => Array.from({ length: o.schedules }, (_, i) => `${prefix}-${i}`);
    const createSchedules = (prefix) =>
      Promise.all(
        scheduleNames(prefix).map((name) =>
          call('CreateSchedule', { name, cron: CRON_ONCE_A_YEAR, spec: { argv: ['true'] }, overlap: 'allow', keep: 100_000 }),
        ),
      );
    const trigger = async (prefix, i) => {
      const callAt = Date.now();
      const run = await call('TriggerSchedule', { name: `${prefix}-${i % o.schedules}` }, 10_000);
      return { id: run.id, callAt };
    };
    /** Until the leader has no active run (its own state, read without a round of the log). */
    const idle = (timeoutMs) =>
      waitFor('every run to end', timeoutMs, async () => ((await call('Status', {}, 2_000)).runsActive === 0 ? Date.now() : undefined), POLL_MS);
    const runsOf = async (prefix, triggered) => {
      const byId = new Map();
      for (const schedule of scheduleNames(prefix)) {
        const { runs } = await call('ListRuns', { schedule, limit: 10_000 }, 60_000);
        for (const r of runs) byId.set(r.id, r);
      }
      return triggered.filter((t) => t.error === undefined).map((t) => ({ ...t, run: byId.get(t.id) }));
    };
    const warmUp = async (prefix) => {
      process.stderr.write(`parallax: warming up with ${o.warmup} runs…\n`);
      await flood(o.warmup, 4, (i) => trigger(prefix, i));
      await idle(60_000);
    };
    const pids = (names) => ({
      ...Object.fromEntries(cluster.nodes.map((n) => [n.id, n.child.pid])),
      ...Object.fromEntries(names.map((name) => [name, agents.get(name).pid])),
      bench: process.pid,
    });

    if (o.shapes.has('latency')) {
      // Latency: paced triggers, agents with room to spare.
      const names = await startAgents('lat', o.latencyCapacity);
      await createSchedules('bench-latency');
      await warmUp('bench-latency');
      process.stderr.write(`parallax: latency: ${o.rate} runs/s for ${o.durationMs / 1000} s…\n`);
      const cpu = cpuMeter(pids(names));
      const pacedRuns = await paced(o.rate, o.durationMs, (i) => trigger('bench-latency', i));
      await idle(120_000);
      const latencyCpu = cpu();
      const measured = await runsOf('bench-latency', pacedRuns.results);
      const started = measured.filter((m) => m.run && Number(m.run.startedAtMs) > 0);
      result.latency = {
        runs: pacedRuns.results.length,
        notStarted: measured.length - started.length,
        ...errorSummary(pacedRuns.results),
        states: countEach(measured.map((m) => m.run?.state ?? 'missing')),
        fireToStart: stats(started.map((m) => m.run.startedAtMs - m.run.createdAtMs)),
        callToStart: stats(started.map((m) => m.run.startedAtMs - m.callAt)),
        callToFire: stats(started.map((m) => m.run.createdAtMs - m.callAt)),
        leasedToStart: stats(started.map((m) => m.run.startedAtMs - m.run.leasedAtMs)),
        byAgent: countEach(started.map((m) => m.run.agent)),
        capacity: o.latencyCapacity,
        maxSendLagMs: pacedRuns.maxLagMs,
        cpu: latencyCpu.share,
        cpuMs: latencyCpu.ms,
      };
      await stopAgents(names);
    }

    if (o.shapes.has('throughput')) {
      // Throughput: as fast as they go through 4 agents of capacity 4.
      const names = await startAgents('tput', THROUGHPUT_CAPACITY);
      await createSchedules('bench-throughput');
      await warmUp('bench-throughput');
      process.stderr.write(`parallax: throughput: ${o.runs} runs, ${o.inflight} triggers in flight…\n`);
      const cpu = cpuMeter(pids(names));
      const t0 = Date.now();
      const triggered = await flood(o.runs, o.inflight, (i) => trigger('bench-throughput', i));
      const allTriggeredAt = Date.now();
      const doneAt = await idle(600_000);
      const throughputCpu = cpu();
      const tMeasured = await runsOf('bench-throughput', triggered);
      const tStarted = tMeasured.filter((m) => m.run && Number(m.run.startedAtMs) > 0);
      const elapsedS = (doneAt - t0) / 1000;
      result.throughput = {
        runs: o.runs,
        ...errorSummary(triggered),
        states: countEach(tMeasured.map((m) => m.run?.state ?? 'missing')),
        elapsedS,
        triggeredS: (allTriggeredAt - t0) / 1000,
        perSec: tMeasured.filter((m) => m.run?.state === 'succeeded').length / elapsedS,
        fireToStart: stats(tStarted.map((m) => m.run.startedAtMs - m.run.createdAtMs)),
        slots: slotUse(tStarted.map((m) => Number(m.run.endedAtMs) - Number(m.run.startedAtMs)), elapsedS),
        endToLease: stats(endToNextLease(tStarted.map((m) => m.run), THROUGHPUT_CAPACITY)),
        leasedToStart: stats(tStarted.map((m) => m.run.startedAtMs - m.run.leasedAtMs)),
        capacity: THROUGHPUT_CAPACITY,
        cpu: throughputCpu.share,
        cpuMs: throughputCpu.ms,
      };
      await stopAgents(names);
    }
    result.leader = leader.id;
    // Waited for, not asked once: right after the burst a coordinator can take more than a status call's second to
    // answer, and no answer is not another leader.
    result.leaderChanged = (await cluster.waitForLeader(15_000).catch(() => undefined))?.node.id !== leader.id;
    // Which profile is whose: a profile's file name holds the process id. Not part of the JSON document.
    const roles = { ...Object.fromEntries(cluster.nodes.map((n) => [n.child.pid, n.id])), ...Object.fromEntries([...agents].map(([name, c]) => [c.pid, name])) };
    Object.defineProperty(result, 'pids', { value: roles });
    return result;
  } finally {
    client?.close();
    await Promise.all([...agents.values()].map((child) => stopProcess(child, 'SIGTERM', 10_000)));
    // SIGTERM, so that profiles are written; a leader hands over first, which takes a moment.
    await cluster.stop(15_000);
  }
}

/**
 * How the throughput shape used its slots (agents × capacity, workers × concurrency): how long each stood between one
 * run and the next, and how much of that a run's process held it (spawned → its end seen). The rest is the way of
 * a run's end to the next run's start: the scheduler's own work.
 */
function slotUse(processMs, elapsedS) {
  const slots = AGENTS * THROUGHPUT_CAPACITY;
  const cycleMs = (elapsedS * 1000 * slots) / Math.max(1, processMs.length);
  const heldMs = processMs.reduce((sum, v) => sum + v, 0) / Math.max(1, processMs.length);
  return { cycleMs, processMs: heldMs };
}

/**
 * How long an agent's slot stood free: from a run's end (the agent's clock) to the lease of the run that took its slot
 * (the leader's clock; one machine, one clock). An agent's slots are handed out in the order they free up, so on an
 * agent that runs `capacity` at once the k-th lease took the slot of the (k - capacity)-th end.
 */
function endToNextLease(runs, capacity) {
  const byAgent = new Map();
  for (const run of runs) {
    if (!byAgent.has(run.agent)) byAgent.set(run.agent, []);
    byAgent.get(run.agent).push(run);
  }
  const gaps = [];
  for (const list of byAgent.values()) {
    const leases = list.map((r) => Number(r.leasedAtMs)).sort((a, b) => a - b);
    const ends = list.map((r) => Number(r.endedAtMs)).sort((a, b) => a - b);
    for (let k = capacity; k < leases.length; k++) gaps.push(leases[k] - ends[k - capacity]);
  }
  return gaps;
}

/** How many times each value occurs: { value: count }. */
function countEach(values) {
  const counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

// ------------------------------------------------------------------------------------------------------ BullMQ

async function benchBullmq(o, bin) {
  const { Queue } = await import('bullmq');
  const { Redis } = await import('ioredis');
  const dir = tempDir('parallax-bench-redis-');
  const redis = await startRedis({ bin, dir });
  process.stderr.write(`bullmq: redis-server on 127.0.0.1:${redis.port} (AOF, fsync every second)\n`);
  const connections = [];
  const connect = () => {
    const c = new Redis({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null });
    connections.push(c);
    return c;
  };
  const queues = [];
  let workers = [];
  const result = {};
  try {
    const startWorkers = async (queue, concurrency) => {
      const names = Array.from({ length: AGENTS }, (_, i) => `${queue.name}-w${i + 1}`);
      workers = names.map((name) => {
        const args = ['--port', String(redis.port), '--queue', queue.name, '--concurrency', String(concurrency), '--name', name];
        return startProcess(process.execPath, [join(root, 'bench/lib/bullmq-worker.js'), ...args], { onStderr: (d) => process.stderr.write(`${name}: ${d}`) });
      });
      await waitFor(`${AGENTS} BullMQ workers`, 20_000, async () => ((await queue.getWorkersCount()) >= AGENTS ? true : undefined));
      return names;
    };
    const stopWorkers = () => Promise.all(workers.map((child) => stopProcess(child, 'SIGTERM', 10_000)));
    const makeQueue = (name) => {
      const queue = new Queue(name, { connection: connect() });
      queues.push(queue);
      return queue;
    };
    const add = async (queue, warmup = false) => {
      const addAt = Date.now();
      const job = await queue.add('true', { argv: ['true'], addAt, warmup });
      return { id: job.id, addAt };
    };
    /** Until Redis counts `total` jobs of the queue completed or failed. */
    const finished = (queue, total, timeoutMs) =>
      waitFor(`${total} finished jobs`, timeoutMs, async () => {
        const { completed, failed } = await queue.getJobCounts('completed', 'failed');
        return completed + failed >= total ? Date.now() : undefined;
      }, POLL_MS);
    const warmUp = async (queue) => {
      process.stderr.write(`bullmq: warming up with ${o.warmup} jobs…\n`);
      await flood(o.warmup, 4, () => add(queue, true));
      await finished(queue, o.warmup, 60_000);
    };
    const pids = (names) => ({ redis: redis.child.pid, ...Object.fromEntries(names.map((name, i) => [name, workers[i].pid])), bench: process.pid });

    if (o.shapes.has('latency')) {
      // Latency: paced adds, workers with room to spare.
      const latencyQueue = makeQueue('bench-latency');
      const names = await startWorkers(latencyQueue, o.latencyCapacity);
      await warmUp(latencyQueue);
      process.stderr.write(`bullmq: latency: ${o.rate} jobs/s for ${o.durationMs / 1000} s…\n`);
      const cpu = cpuMeter(pids(names));
      const pacedJobs = await paced(o.rate, o.durationMs, () => add(latencyQueue));
      await finished(latencyQueue, o.warmup + pacedJobs.results.length, 120_000);
      const latencyCpu = cpu();
      const jobs = (await latencyQueue.getJobs(['completed', 'failed'], 0, -1)).filter((j) => j && !j.data.warmup);
      const done = jobs.filter((j) => j.returnvalue && j.returnvalue.spawnedAt);
      result.latency = {
        runs: pacedJobs.results.length,
        notStarted: pacedJobs.results.length - done.length,
        ...errorSummary(pacedJobs.results),
        states: countEach(jobs.map((j) => (j.failedReason ? 'failed' : 'completed'))),
        addToProcessor: stats(done.map((j) => j.returnvalue.enteredAt - j.data.addAt)),
        addToStart: stats(done.map((j) => j.returnvalue.spawnedAt - j.data.addAt)),
        concurrency: o.latencyCapacity,
        maxSendLagMs: pacedJobs.maxLagMs,
        cpu: latencyCpu.share,
        cpuMs: latencyCpu.ms,
      };
      await stopWorkers();
    }

    if (o.shapes.has('throughput')) {
      // Throughput: as fast as they go through 4 workers of concurrency 4.
      const throughputQueue = makeQueue('bench-throughput');
      const names = await startWorkers(throughputQueue, THROUGHPUT_CAPACITY);
      await warmUp(throughputQueue);
      process.stderr.write(`bullmq: throughput: ${o.runs} jobs, ${o.inflight} adds in flight…\n`);
      const cpu = cpuMeter(pids(names));
      const t0 = Date.now();
      const added = await flood(o.runs, o.inflight, () => add(throughputQueue));
      const allAddedAt = Date.now();
      const doneAt = await finished(throughputQueue, o.warmup + o.runs, 600_000);
      const throughputCpu = cpu();
      const counts = await throughputQueue.getJobCounts('completed', 'failed');
      const elapsedS = (doneAt - t0) / 1000;
      const tJobs = (await throughputQueue.getJobs(['completed'], 0, -1)).filter((j) => j && !j.data.warmup && j.returnvalue?.spawnedAt);
      result.throughput = {
        runs: o.runs,
        ...errorSummary(added),
        states: { completed: counts.completed - o.warmup, failed: counts.failed },
        elapsedS,
        triggeredS: (allAddedAt - t0) / 1000,
        perSec: (counts.completed - o.warmup) / elapsedS,
        slots: slotUse(tJobs.map((j) => j.returnvalue.endedAt - j.returnvalue.spawnedAt), elapsedS),
        concurrency: THROUGHPUT_CAPACITY,
        cpu: throughputCpu.share,
        cpuMs: throughputCpu.ms,
      };
      await stopWorkers();
    }
    result.version = `BullMQ ${JSON.parse(readFileSync(join(root, 'node_modules/bullmq/package.json'), 'utf8')).version}, ${redisVersion(bin)}`;
    return result;
  } finally {
    await Promise.all(workers.map((child) => stopProcess(child, 'SIGTERM', 10_000)));
    await Promise.all(queues.map((q) => q.close().catch(() => undefined)));
    for (const c of connections) c.disconnect();
    await redis.stop();
  }
}

// ---------------------------------------------------------------------------------------------------- printing

function printResults(results, o) {
  const ms = (v) => (Number.isFinite(v) ? `${v} ms` : '–');
  const line = (s) => `p50 ${ms(s.p50).padStart(6)}  p99 ${ms(s.p99).padStart(7)}  max ${ms(s.max).padStart(7)}`;
  const isAgent = (name) => /^(lat|tput)-\d+$|-w\d+$/.test(name);
  // Coordinators (or Redis) one by one, the agents (or workers) added up, and this process.
  const cpuText = (cpu, leader) => {
    const entries = Object.entries(cpu);
    const own = entries.filter(([name]) => !isAgent(name) && name !== 'bench').map(([name, v]) => `${name}${name === leader ? ' (leader)' : ''} ${v}%`);
    const agents = entries.filter(([name]) => isAgent(name));
    const kind = cpu.redis === undefined ? 'agents' : 'workers';
    return [...own, `${agents.length} ${kind} ${agents.reduce((sum, [, v]) => sum + v, 0)}% in all`, `bench client ${cpu.bench}%`].join(', ');
  };
  // CPU time per run, all processes together, then by part: what one run costs the machine.
  const perRunText = (cpuMs, runs) => {
    const sum = (pick) => Object.entries(cpuMs).filter(([name]) => pick(name)).reduce((total, [, v]) => total + v, 0) / runs;
    const server = cpuMs.redis === undefined ? 'coordinators' : 'redis';
    const agents = cpuMs.redis === undefined ? 'agents' : 'workers';
    const f = (v) => v.toFixed(1);
    return `${f(sum(() => true))} ms (${server} ${f(sum((n) => !isAgent(n) && n !== 'bench'))}, ${agents} ${f(sum(isAgent))}, bench client ${f(sum((n) => n === 'bench'))})`;
  };
  const notes = (r) => {
    const bits = [];
    if (r.errors > 0) bits.push(`${r.errors} calls failed (first: ${r.errorSample})`);
    if (r.notStarted > 0) bits.push(`${r.notStarted} never started`);
    if (r.maxSendLagMs > 5) bits.push(`a call went up to ${r.maxSendLagMs} ms after its time on the timetable`);
    return bits.length > 0 ? `  NOTE: ${bits.join('; ')}` : '';
  };
  const p = results.parallax;
  const b = results.bullmq;
  if (o.shapes.has('latency')) {
    console.log(`latency: \`true\` paced at ${o.rate}/s for ${o.durationMs / 1000} s; Parallax agents of capacity ${o.latencyCapacity}, BullMQ workers of concurrency ${o.latencyCapacity}:`);
  }
  if (p?.latency) {
    const r = p.latency;
    console.log(`  parallax  fire → process started            ${line(r.fireToStart)}   (${r.fireToStart.n} runs, states ${JSON.stringify(r.states)})${notes(r)}`);
    console.log(`            trigger call → process started    ${line(r.callToStart)}`);
    console.log(`            trigger call → fire (run created) ${line(r.callToFire)}`);
    console.log(`            leased → process started          ${line(r.leasedToStart)}`);
    console.log(`            runs per agent: ${Object.entries(r.byAgent).sort(([a], [b]) => a.localeCompare(b)).map(([name, n]) => `${name} ${n}`).join(', ')}`);
    console.log(`            CPU (share of one core): ${cpuText(r.cpu, p.leader)}; CPU per run ${perRunText(r.cpuMs, r.runs)}`);
  }
  if (b?.latency) {
    const r = b.latency;
    console.log(`  bullmq    add call → processor entered      ${line(r.addToProcessor)}   (${r.addToProcessor.n} jobs, states ${JSON.stringify(r.states)})${notes(r)}`);
    console.log(`            add call → process started        ${line(r.addToStart)}`);
    console.log(`            CPU (share of one core): ${cpuText(r.cpu)}; CPU per job ${perRunText(r.cpuMs, r.runs)}`);
  }
  if (o.shapes.has('throughput')) {
    console.log(`throughput: ${o.runs} runs of \`true\` as fast as they go, ${o.inflight} calls in flight; ${AGENTS} agents of capacity ${THROUGHPUT_CAPACITY} / ${AGENTS} workers of concurrency ${THROUGHPUT_CAPACITY}:`);
  }
  for (const [system, r, extra] of [
    ['parallax', p?.throughput, (r) => `; fire → started p50 ${ms(r.fireToStart.p50)}, p99 ${ms(r.fireToStart.p99)}`],
    ['bullmq', b?.throughput, () => ''],
  ]) {
    if (!r) continue;
    console.log(
      `  ${system.padEnd(9)} ${r.perSec.toFixed(0).padStart(5)} runs/s   (${r.runs} in ${r.elapsedS.toFixed(2)} s, all submitted after ${r.triggeredS.toFixed(2)} s; states ${JSON.stringify(r.states)}${extra(r)})${notes(r)}`,
    );
    console.log(`            CPU (share of one core): ${cpuText(r.cpu, p?.leader)}; CPU per run ${perRunText(r.cpuMs, r.runs)}`);
    const { cycleMs, processMs } = r.slots;
    console.log(`            a slot went from one run to the next every ${cycleMs.toFixed(1)} ms; the run's process held it ${processMs.toFixed(1)} ms of that (${Math.round((100 * processMs) / cycleMs)}%)`);
    if (r.endToLease) {
      console.log(`            a run's end → the next lease of its slot p50 ${ms(r.endToLease.p50)}, p99 ${ms(r.endToLease.p99)}; leased → process started p50 ${ms(r.leasedToStart.p50)}, p99 ${ms(r.leasedToStart.p99)}`);
    }
  }
  if (p?.leaderChanged) console.log('parallax: NOTE: the leader changed during the run');
  if (b?.skipped) console.log(`bullmq: not measured: ${b.skipped}`);
  const x = results.ratios;
  if (x) {
    console.log('Parallax / BullMQ:');
    if (x.latencyP99 !== undefined) {
      console.log(`  latency p99  ${x.latencyP99.toFixed(2)}×  fire → process started vs add → processor entered (target ≤ 1.0×, and Parallax p99 ≤ 10 ms: ${p.latency.fireToStart.p99} ms)`);
      console.log(`               ${x.latencyP99CallToStart.toFixed(2)}×  call → process started, both`);
      console.log(`  latency p50  ${x.latencyP50.toFixed(2)}×  fire → process started vs add → processor entered`);
    }
    if (x.throughput !== undefined) console.log(`  throughput   ${x.throughput.toFixed(2)}×  runs/s (target ≥ 1.0×)`);
  }
}

function printProfiles(cpuProfDir, before, p) {
  const written = readdirSync(cpuProfDir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  const role = (f) => p.pids[/\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(f)?.[1]] ?? '?';
  for (const f of written) console.log(`profile of ${role(f)}${role(f) === p.leader ? ' (leader)' : ''}: ${join(cpuProfDir, f)}`);
  const leaderProfile = written.find((f) => role(f) === p.leader);
  if (leaderProfile) printTop(join(cpuProfDir, leaderProfile), 20);
  const agentProfile = written.find((f) => role(f) === 'tput-1') ?? written.find((f) => role(f) === 'lat-1');
  if (agentProfile) printTop(join(cpuProfDir, agentProfile), 10);
}

export async function main(argv) {
  const { values } = parseArgs({
    args: coordinatorArgsJoined(argv),
    options: {
      duration: { type: 'string', default: '10' },
      rate: { type: 'string', default: '100' },
      runs: { type: 'string', default: '5000' },
      inflight: { type: 'string', default: '64' },
      'latency-capacity': { type: 'string', default: '16' },
      warmup: { type: 'string', default: '1000' },
      schedules: { type: 'string', default: '1' },
      system: { type: 'string', default: 'both' },
      json: { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'coordinator-args': { type: 'string', default: '' },
      shapes: { type: 'string', default: 'latency,throughput' },
    },
  });
  const shapes = new Set(values.shapes.split(',').filter(Boolean));
  if (shapes.size === 0 || [...shapes].some((s) => s !== 'latency' && s !== 'throughput')) {
    throw new Error(`--shapes: expected latency, throughput or both (comma-separated), not ${values.shapes}`);
  }
  if (!['both', 'parallax', 'bullmq'].includes(values.system)) throw new Error(`--system: expected both, parallax or bullmq, not ${values.system}`);
  const cpuProfDir = values['cpu-prof'] && resolve(values['cpu-prof']);
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  const o = {
    durationMs: Number(values.duration) * 1000,
    rate: Number(values.rate),
    runs: Number(values.runs),
    inflight: Number(values.inflight),
    latencyCapacity: Number(values['latency-capacity']),
    warmup: Number(values.warmup),
    schedules: Number(values.schedules),
    cpuProfDir,
    extraArgs: values['coordinator-args'].split(/\s+/).filter(Boolean),
    shapes,
  };
  const results = {
    config: {
      durationS: o.durationMs / 1000,
      rate: o.rate,
      runs: o.runs,
      inflight: o.inflight,
      latencyCapacity: o.latencyCapacity,
      throughputCapacity: THROUGHPUT_CAPACITY,
      agents: AGENTS,
      warmup: o.warmup,
      schedules: o.schedules,
      machine: machine(),
      node: process.version,
    },
  };
  const redisBin = values.system === 'parallax' ? undefined : findRedis();
  if (values.system !== 'parallax' && redisBin === undefined) {
    process.stderr.write(`redis-server is not installed: Parallax alone is measured. To compare with BullMQ: ${REDIS_INSTALL_HINT}\n`);
    results.bullmq = { skipped: `redis-server is not installed (${REDIS_INSTALL_HINT})` };
  }
  let profilesBefore = new Set();
  try {
    if (values.system !== 'bullmq') {
      if (cpuProfDir) profilesBefore = new Set(readdirSync(cpuProfDir));
      results.parallax = await benchParallax(o);
    }
    if (redisBin !== undefined) results.bullmq = await benchBullmq(o, redisBin);
  } finally {
    await cleanup();
  }
  const p = results.parallax;
  const b = results.bullmq;
  if ((p?.latency && b?.latency) || (p?.throughput && b?.throughput)) {
    results.ratios = {};
    if (p.latency && b.latency) {
      Object.assign(results.ratios, {
        latencyP99: p.latency.fireToStart.p99 / b.latency.addToProcessor.p99,
        latencyP99CallToStart: p.latency.callToStart.p99 / b.latency.addToStart.p99,
        latencyP50: p.latency.fireToStart.p50 / b.latency.addToProcessor.p50,
      });
    }
    if (p.throughput && b.throughput) results.ratios.throughput = p.throughput.perSec / b.throughput.perSec;
  }
  const against = b?.version ? ` vs ${b.version} (AOF, fsync every second) with ${AGENTS} worker processes` : '';
  const schedules = o.schedules === 1 ? 'one schedule' : `${o.schedules} schedules`;
  console.log(`dispatch benchmark: 3-node Parallax cluster with ${AGENTS} agents, runs of ${schedules}${against}; ${results.config.machine}; ${o.warmup} warm-up runs each`);
  printResults(results, o);
  if (cpuProfDir && p) printProfiles(cpuProfDir, profilesBefore, p);
  if (values.json) console.log(JSON.stringify(results));
}
