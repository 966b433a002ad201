#!/usr/bin/env node
// One BullMQ worker process for `npm run bench -- dispatch`, the counterpart of one Parallax agent: a Worker on
// `--queue` with `--concurrency` jobs at once, whose processor spawns the job's program (`true`) with
// child_process.spawn, reads its output, and resolves when it has exited. The job's return value carries the
// worker's clock (Date.now(), the clock the Parallax agent uses too) at the processor's entry and right after
// spawn() returned, which is when a Parallax agent stamps a run's start. SIGTERM closes the worker and exits.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    queue: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
    name: { type: 'string', default: `worker-${process.pid}` },
  },
});

function runProgram(argv) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    const spawnedAt = Date.now();
    let outputBytes = 0;
    child.stdout.on('data', (d) => (outputBytes += d.length));
    child.stderr.on('data', (d) => (outputBytes += d.length));
    child.once('error', (err) => resolve({ spawnedAt, error: err.message }));
    child.once('close', (code, signal) => resolve({ spawnedAt, code, signal, outputBytes }));
  });
}

const connection = new Redis({ host: '127.0.0.1', port: Number(values.port), maxRetriesPerRequest: null });
const worker = new Worker(
  values.queue,
  async (job) => {
    const enteredAt = Date.now();
    const { spawnedAt, code, error } = await runProgram(job.data.argv ?? ['true']);
    if (error !== undefined || code !== 0) throw new Error(error ?? `exit code ${code}`);
    return { worker: values.name, enteredAt, spawnedAt, endedAt: Date.now() };
  },
  { connection, concurrency: Number(values.concurrency), name: values.name },
);
worker.on('error', (err) => process.stderr.write(`${values.name}: ${err.message}\n`));

let closing = false;
process.on('SIGTERM', () => {
  if (closing) return;
  closing = true;
  worker
    .close()
    .then(() => connection.quit())
    .finally(() => process.exit(0));
});
