#!/usr/bin/env node
// `npm run bench:ab -- --against DIR [--pairs 5] [--figures PATH,…] -- NAME [options of that benchmark]`
//
// Compares this checkout with another one (DIR: a `git worktree add` of the commit before a change, say) on one
// benchmark, in alternating runs. On the 2-core development VM a figure drifts by ±15–30% from one hour to the next,
// and one run of each build says nothing; runs in pairs, in both orders (this, that; that, this; …), each pair under
// the same conditions, say what the change did. Both trees are built first; DIR needs its own node_modules (a
// symbolic link to this checkout's will do).
//
// Prints every run's figures as it ends (stderr), then for each figure the median and range of each build and the
// median of the pairs' ratios (this / that). Figures are paths into the benchmark's --json document; without
// --figures, those of the benchmark's issue target (raft, dispatch) are compared.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');

const DEFAULT_FIGURES = {
  raft: ['parallax.serial.perSec', 'parallax.serial.p50', 'parallax.serial.p99', 'parallax.parallel.perSec', 'parallax.parallel.p99'],
  dispatch: ['parallax.latency.fireToStart.p50', 'parallax.latency.fireToStart.p99', 'parallax.throughput.perSec'],
};

function usage(message) {
  process.stderr.write(`ab: ${message}\nusage: npm run bench:ab -- --against DIR [--pairs 5] [--figures PATH,…] -- NAME [benchmark options]\n`);
  process.exit(2);
}

/** The value at a dotted path of a JSON document, or undefined when it is not a number. */
export function figureAt(document, path) {
  let value = document;
  for (const part of path.split('.')) value = value?.[part];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function median(values) {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** For each figure: both builds' medians and ranges, and the median of each pair's ratio (this / that). */
export function summarize(pairs, figures) {
  return figures.map((path) => {
    const mine = pairs.map((p) => figureAt(p.mine, path));
    const theirs = pairs.map((p) => figureAt(p.theirs, path));
    const ratios = pairs.map((_, i) => (mine[i] !== undefined && theirs[i] ? mine[i] / theirs[i] : undefined));
    const range = (values) => {
      const known = values.filter((v) => v !== undefined);
      return known.length === 0 ? undefined : [Math.min(...known), Math.max(...known)];
    };
    return { path, mine: { median: median(mine), range: range(mine) }, theirs: { median: median(theirs), range: range(theirs) }, ratio: median(ratios) };
  });
}

/** Runs one benchmark in `tree` with --json; resolves with its JSON document (the last line of its stdout). */
function runBench(tree, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(tree, 'bench/run.js'), ...args, '--json'], { cwd: tree, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    // Kept short: only the end of it is shown if the run fails.
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'));
      if (code !== 0 || line === undefined) reject(new Error(`the benchmark in ${tree} exited with code ${code} without its JSON document:\n${err}`));
      else resolvePromise(JSON.parse(line));
    });
  });
}

const number = (v) => (v === undefined ? '–' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2));

export async function main(argv) {
  const split = argv.indexOf('--');
  const { values } = parseArgs({
    args: split < 0 ? argv : argv.slice(0, split),
    options: { against: { type: 'string' }, pairs: { type: 'string', default: '5' }, figures: { type: 'string' } },
  });
  const benchArgs = split < 0 ? [] : argv.slice(split + 1);
  if (values.against === undefined) usage('--against DIR is required: the checkout to compare this one with');
  const other = resolve(values.against);
  if (!existsSync(join(other, 'bench/run.js')) || !existsSync(join(other, 'node_modules'))) usage(`${other} is not a checkout with node_modules`);
  const pairs = Number(values.pairs);
  if (!Number.isInteger(pairs) || pairs < 1 || pairs > 50) usage('--pairs: expected a whole number from 1 to 50');
  const name = benchArgs[0];
  if (name === undefined) usage('the benchmark to run goes after --');
  const figures = values.figures?.split(',').map((f) => f.trim()).filter(Boolean) ?? DEFAULT_FIGURES[name];
  if (figures === undefined || figures.length === 0) usage(`--figures: the ${name} benchmark has no default figures; name paths into its --json document`);

  for (const tree of [root, other]) {
    process.stderr.write(`ab: building ${tree}…\n`);
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: tree, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const results = [];
  for (let i = 0; i < pairs; i++) {
    const order = i % 2 === 0 ? ['mine', 'theirs'] : ['theirs', 'mine'];
    const pair = {};
    for (const which of order) {
      pair[which] = await runBench(which === 'mine' ? root : other, benchArgs);
      const shown = figures.map((f) => `${f.split('.').slice(-2).join('.')} ${number(figureAt(pair[which], f))}`).join(', ');
      process.stderr.write(`ab: pair ${i + 1}/${pairs} ${which === 'mine' ? 'this' : 'that'}: ${shown}\n`);
    }
    results.push(pair);
  }
  const range = (r) => (r === undefined ? '–' : `${number(r[0])}–${number(r[1])}`);
  console.log(`${benchArgs.join(' ')}: ${pairs} alternating pairs, this = ${root}, that = ${other}`);
  console.log(`${'figure'.padEnd(36)} ${'this: median (range)'.padEnd(26)} ${'that: median (range)'.padEnd(26)} this/that (median of pairs)`);
  for (const row of summarize(results, figures)) {
    const cell = (side) => `${number(side.median)} (${range(side.range)})`.padEnd(26);
    console.log(`${row.path.padEnd(36)} ${cell(row.mine)} ${cell(row.theirs)} ${row.ratio === undefined ? '–' : `${row.ratio.toFixed(3)}×`}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
