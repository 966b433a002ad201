// `npm run sim -- --seeds N [--seed S] [--from S] [--check-steps K] [--verbose]`: runs the deterministic Raft simulator;
// --check-steps is the linearizability check's budget of search steps per seed (default 2,000,000).
// `npm run sim -- --scheduler --seeds N [--seed S] [--minutes M] [--schedules K]`: the scheduler on the cluster.
import { parseArgs } from 'node:util';
import { clusterStats } from './cluster.js';
import { DEFAULT_CHECK_STEPS, runSeed } from './run-seed.js';
import { runSchedSeed } from './scheduler/run-sched-seed.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    seeds: { type: 'string', default: '1000' },
    seed: { type: 'string' },
    from: { type: 'string', default: '1' },
    verbose: { type: 'boolean', default: false },
    scheduler: { type: 'boolean', default: false },
    minutes: { type: 'string', default: '5' },
    schedules: { type: 'string', default: '50' },
    'check-steps': { type: 'string', default: String(DEFAULT_CHECK_STEPS) },
  },
});

/** A flag that must be a whole number of at least `min`; anything else stops the run, naming the flag. */
function whole(name: 'seeds' | 'seed' | 'from' | 'minutes' | 'schedules' | 'check-steps', min: number): number {
  const value = Number(values[name]);
  if (Number.isSafeInteger(value) && value >= min) return value;
  console.error(`invalid --${name} "${values[name]}": expected a whole number of at least ${min}`);
  process.exit(2);
}

const checkSteps = whole('check-steps', 1);
const seeds = values.seed !== undefined ? [whole('seed', 0)] : Array.from({ length: whole('seeds', 1) }, (_, i) => whole('from', 0) + i);
const started = Date.now();
let failures = 0;
if (values.scheduler) {
  const totals = { fires: 0, missed: 0, crashes: 0, partitions: 0, clockSteps: 0, transfers: 0, leaders: 0 };
  const flags = `--minutes ${values.minutes} --schedules ${values.schedules}`;
  for (const seed of seeds) {
    const result = await runSchedSeed(seed, { minutes: whole('minutes', 1), schedules: whole('schedules', 1) });
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += result.stats[key];
    if (values.verbose) console.log(`seed ${seed}: ${result.ok ? 'ok' : 'FAILED'} ${JSON.stringify(result.stats)}`);
    if (!result.ok) {
      failures++;
      console.log(`seed ${seed} failed:\n  ${result.problems.slice(0, 5).join('\n  ')}\n  replay: npm run sim -- --scheduler --seed ${seed} ${flags}`);
    }
  }
  console.log(`${seeds.length} seeds, ${failures} failures (${((Date.now() - started) / 1000).toFixed(1)} s; ${flags}; ${JSON.stringify(totals)})`);
} else {
  const unchecked: number[] = [];
  const totals = { ...clusterStats(), operations: 0 };
  for (const seed of seeds) {
    const result = runSeed(seed, {}, checkSteps);
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += result.stats[key];
    if (values.verbose) console.log(`seed ${seed}: ${result.ok ? 'ok' : 'FAILED'} ${JSON.stringify(result.stats)}`);
    if (result.unchecked) unchecked.push(seed);
    if (!result.ok) {
      failures++;
      console.log(`seed ${seed} failed:\n  ${result.problems.slice(0, 5).join('\n  ')}\n  replay: npm run sim -- --seed ${seed}`);
    }
  }
  // A history the checker gave up on is not a failure, but it was not proven linearizable either: say which.
  if (unchecked.length > 0) {
    console.log(`not checked (too hard for the linearizability check's budget): seeds ${unchecked.slice(0, 20).join(', ')}${unchecked.length > 20 ? ', …' : ''}`);
    console.log(`  check one with a larger budget: npm run sim -- --seed ${unchecked[0]} --check-steps ${checkSteps * 10}`);
  }
  console.log(
    `${seeds.length} seeds, ${failures} failures` +
      (unchecked.length > 0 ? ` (${unchecked.length} histories too hard for the linearizability check in its time)` : '') +
      ` (${((Date.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify(totals)})`,
  );
}
process.exitCode = failures > 0 ? 1 : 0;
