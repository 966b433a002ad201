// A closed-loop load generator for any unary gRPC write: `clients` channels, each keeping `inflight` calls
// outstanding; a call that ends is replaced at once by the next one. Latency is per call, from process.hrtime.
import * as grpc from '@grpc/grpc-js';
import { cpuSeconds, percentile, sleep } from './cluster.js';

/**
 * `makeClient(options)` returns a grpc-js client; each gets its own channel (and so its own connection).
 * `request(n)` builds the n-th request. Calls that end during the warm-up are not counted; calls that end during
 * `durationMs` after it are. Resolves with { writes, perSec, p50, p99, max, errors, errorSample, cpu }: `cpu` is the
 * share of one CPU each of `pids` (name → pid; this process is `client`) used during the measured time.
 */
export async function closedLoop({ makeClient, method, request, clients = 1, inflight = 1, warmupMs = 2_000, durationMs = 10_000, deadlineMs = 10_000, pids = {} }) {
  const channels = Array.from({ length: clients }, (_, i) => makeClient({ 'grpc.use_local_subchannel_pool': 1, 'bench.channel': i }));
  let n = 0;
  let measuring = false;
  let stopping = false;
  const latencies = [];
  let errors = 0;
  let errorSample;

  const one = (client) =>
    new Promise((resolve) => {
      const started = process.hrtime.bigint();
      client[method](request(n++), new grpc.Metadata(), { deadline: Date.now() + deadlineMs }, (err) => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (measuring) {
          if (err) {
            errors++;
            errorSample ??= `${grpc.status[err.code] ?? err.code}: ${err.details}`;
          } else {
            latencies.push(ms);
          }
        }
        resolve();
      });
    });
  const worker = async (client) => {
    while (!stopping) await one(client);
  };

  const workers = channels.flatMap((client) => Array.from({ length: inflight }, () => worker(client)));
  await sleep(warmupMs);
  const watched = { ...pids, client: process.pid };
  const cpu0 = Object.fromEntries(Object.entries(watched).map(([name, pid]) => [name, cpuSeconds(pid)]));
  measuring = true;
  const t0 = process.hrtime.bigint();
  await sleep(durationMs);
  measuring = false;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = Object.fromEntries(Object.entries(watched).map(([name, pid]) => [name, Math.round((100 * (cpuSeconds(pid) - cpu0[name])) / seconds)]));
  stopping = true;
  await Promise.all(workers);
  for (const client of channels) client.close();

  latencies.sort((a, b) => a - b);
  return {
    writes: latencies.length,
    perSec: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors,
    errorSample,
    cpu,
  };
}
