#!/usr/bin/env node
// `node bench/prof-top.js FILE.cpuprofile [--top 25]`: the functions a V8 CPU profile spent the most self time in,
// aggregated by function name and file, then the same time grouped by area (our code, grpc-js, LevelDB, Node…).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Self time in ms per node id, from the samples and their time deltas (more exact than hitCount). */
function selfTimes(profile) {
  const self = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) {
    // A sample's delta is the time until the next one: charge it to the sample it follows.
    const ms = (timeDeltas[i + 1] ?? 0) / 1000;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + ms);
  }
  return self;
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
export function summarize(profile) {
  const self = selfTimes(profile);
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

export function printTop(file, top = 25, out = console.log) {
  const { total, idle, functions, areas } = summarize(JSON.parse(readFileSync(file, 'utf8')));
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
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
  if (positionals.length === 0) {
    process.stderr.write('usage: node bench/prof-top.js FILE.cpuprofile… [--top N]\n');
    process.exit(2);
  }
  for (const file of positionals) printTop(file, Number(values.top));
}
