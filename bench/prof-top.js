#!/usr/bin/env node
// `node bench/prof-top.js FILE.cpuprofile [--top 25] [--window FROM:TO]`: the functions a V8 CPU profile spent the
// most self time in, aggregated by function name and file, then the same time grouped by area (our code, grpc-js,
// LevelDB, Node…). `--window 7:13` counts only the samples from 7 s to 13 s after the profile started (one shape of a
// benchmark, not its priming); `--timeline` prints how busy each second was, to find the shapes.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Self time in ms per node id, from the samples and their time deltas (more exact than hitCount). */
function selfTimes(profile, window) {
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  let at = 0;
  for (let i = 0; i < samples.length; i++) {
    at += (timeDeltas[i] ?? 0) / 1e6;
    if (window !== undefined && (at < window.from || at >= window.to)) continue;
    // A sample's delta is the time until the next one: charge it to the sample it follows.
    const ms = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + ms);
  }
  return self;
}

/** How much of each second of the profile was not idle: [share per second]. */
export function timeline(profile) {
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const busy = [];
  let at = 0;
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    at += (timeDeltas[i] ?? 0) / 1e6;
    const second = Math.floor(at);
    while (busy.length <= second) busy.push(0);
    if (!idleIds.has(samples[i])) busy[second] += (timeDeltas[i + 1] ?? 0) / 1e6;
  }
  return busy;
}

function shortUrl(url) {
  return url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '~/').replace(/^.*\/dist\//, 'dist/');
}

function area(name, url) {
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name;
  if (url === '') return '(native / V8 builtins)';
  if (url.startsWith('node:')) return `node:${url.split('/')[1] ?? url.slice(5)}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/dist\/(.+)\/[^/]+\.js$/.exec(url);
  return ours ? `dist/${ours[1]}` : shortUrl(url);
}

/** Top functions by self time: [{ name, url, ms }], plus totals and time by area. */
export function summarize(profile, window) {
  const self = selfTimes(profile, window);
  const byFunction = new Map();
  const byArea = new Map();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0) continue;
    const name = node.callFrame.functionName || '(anonymous)';
    const url = node.callFrame.url;
    total += ms;
    if (name === '(idle)') idle += ms;
    const key = `${name}\u0000${url}`;
    const entry = byFunction.get(key) ?? { name, url: shortUrl(url), line: node.callFrame.lineNumber + 1, ms: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
    const a = area(name, url);
    byArea.set(a, (byArea.get(a) ?? 0) + ms);
  }
  const functions = [...byFunction.values()].sort((x, y) => y.ms - x.ms);
  const areas = [...byArea.entries()].map(([name, ms]) => ({ name, ms })).sort((x, y) => y.ms - x.ms);
  return { total, idle, functions, areas };
}

export function printTop(file, top = 25, out = console.log, window = undefined) {
  const { total, idle, functions, areas } = summarize(JSON.parse(readFileSync(file, 'utf8')), window);
  const busy = total - idle;
  const pct = (ms) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  out(`${file}: ${(total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s not idle; percentages are of the time not idle`);
  out('  self ms   share  function  (file:line)');
  for (const f of functions.filter((f) => f.name !== '(idle)').slice(0, top)) {
    out(`  ${f.ms.toFixed(0).padStart(7)} ${pct(f.ms)}  ${f.name}  ${f.url ? `(${f.url}:${f.line})` : ''}`);
  }
  out('  by area:');
  for (const a of areas.filter((a) => a.name !== '(idle)').slice(0, top)) out(`  ${a.ms.toFixed(0).padStart(7)} ${pct(a.ms)}  ${a.name}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, window: { type: 'string' }, timeline: { type: 'boolean', default: false } },
  });
  const match = values.window === undefined ? null : /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(values.window);
  if (positionals.length === 0 || (values.window !== undefined && match === null)) {
    process.stderr.write('usage: node bench/prof-top.js FILE.cpuprofile… [--top N] [--window FROM:TO (seconds)] [--timeline]\n');
    process.exit(2);
  }
  const window = match === null ? undefined : { from: Number(match[1]), to: Number(match[2]) };
  for (const file of positionals) {
    if (values.timeline) {
      const busy = timeline(JSON.parse(readFileSync(file, 'utf8')));
      console.log(`${file}: share of each second not idle`);
      console.log(busy.map((b, i) => `${i}s ${Math.round(b * 100)}%`).join('  '));
    } else {
      printTop(file, Number(values.top), console.log, window);
    }
  }
}
