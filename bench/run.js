#!/usr/bin/env node
// `npm run bench -- NAME [options]`: runs one benchmark and prints its figures. Benchmarks are not tests.
const benches = { fire: './fire.js', raft: './raft.js', failover: './failover.js', dispatch: './dispatch.js', catchup: './catchup.js' };
const [name, ...rest] = process.argv.slice(2);
if (!name || !(name in benches)) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]\n`);
  process.exit(2);
}
const { main } = await import(benches[name]);
await main(rest);
