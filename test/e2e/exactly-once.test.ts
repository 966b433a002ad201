import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, startAgent, startCluster, waitFor } from '../helpers/procs.js';

interface HistoryJson {
  dueAt: string;
  outcome: 'fired' | 'missed';
  run: string | null;
  count: number;
  from: string;
  trigger: string | null;
}

const KILLS = 10;
const KILL_EVERY_MS = 11_000;

/**
 * The promise of the scheduler, end to end: a 3-node cluster with 2 agents, two schedules due every second, and the
 * leader killed with SIGKILL ten times over two minutes. Afterwards every due time has exactly one fire or one
 * recorded miss, and the schedule whose runs outlast the interval (overlap forbid) never had two running at once,
 * by the start and end times its runs wrote themselves on the agents (a run stopped with SIGTERM writes its end too).
 */
describe('exactly once through leader kills', () => {
  it('fires each due time once or records it missed, and never overlaps a forbid schedule', async () => {
    const { dir, ids, ports, address, nodes, start } = await startCluster();
    const env = { PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config'), PARALLAX_ADDR: ids.map(address).join(',') };
    const leaderSeenBy = async (id: string) => {
      const result = await cli(['cluster', 'status', '--json', '--coordinator', address(id)], env);
      return result.code === 0 ? (json<{ leader: string | null }>(result).leader ?? undefined) : undefined;
    };
    await waitFor('a leader', () => leaderSeenBy('n1'));
    startAgent(ports, 'agent-a');
    startAgent(ports, 'agent-b');

    const spans = join(dir, 'spans');
    const created = [
      await cli(['schedule', 'create', 'tick', '--every', '1s', '--shell', 'true'], env),
      await cli([
        'schedule', 'create', 'slow', '--every', '1s', '--overlap', 'forbid', '--env', `SPANS=${spans}`,
        '--shell', `echo "$PARALLAX_RUN_ID start $(date +%s%N)" >> "$SPANS"; trap 'echo "$PARALLAX_RUN_ID end $(date +%s%N)" >> "$SPANS"' EXIT; trap 'exit 143' TERM; sleep 2.5`,
      ], env),
    ];
    for (const result of created) expect(result.code, result.stderr).toBe(0);
    await waitFor('the first runs', () => existsSync(spans));

    for (let kill = 0; kill < KILLS; kill++) {
      const began = Date.now();
      const alive = ids.find((id) => nodes.get(id)!.child.exitCode === null)!;
      const leader = await waitFor('the leader', () => leaderSeenBy(alive), 20_000);
      nodes.get(leader)!.child.kill('SIGKILL');
      await nodes.get(leader)!.exited;
      const survivor = ids.find((id) => id !== leader)!;
      await waitFor('a new leader', async () => {
        const seen = await leaderSeenBy(survivor);
        return seen !== undefined && seen !== leader;
      }, 20_000);
      start(leader);
      await new Promise((r) => setTimeout(r, Math.max(0, KILL_EVERY_MS - (Date.now() - began))));
    }

    // Stop firing, and let the runs in flight end.
    for (const name of ['tick', 'slow']) expect((await cli(['schedule', 'pause', name], env)).code).toBe(0);
    await waitFor('no active run', async () => {
      const runs = json<{ state: string }[]>(await cli(['run', 'list', '--limit', '10000', '--json'], env));
      return runs.every((r) => ['succeeded', 'failed', 'timed_out', 'cancelled', 'lost'].includes(r.state));
    }, 30_000);

    for (const name of ['tick', 'slow']) {
      const history = json<HistoryJson[]>(await cli(['schedule', 'history', name, '--limit', '10000', '--json'], env));
      const fired = history.filter((e) => e.outcome === 'fired' && e.trigger === 'schedule').map((e) => Date.parse(e.dueAt));
      const missed = history.filter((e) => e.outcome === 'missed').map((e) => [Date.parse(e.from), Date.parse(e.dueAt)] as const);
      // Never two fires for one due time.
      expect(fired.length, name).toBe(new Set(fired).size);
      expect(fired.length, name).toBeGreaterThan(30);
      // Every due time from the first to the last has a fire or a recorded miss.
      const first = Math.min(...fired);
      const last = Math.max(...fired, ...missed.map(([, to]) => to));
      const firedSet = new Set(fired);
      const unaccounted: string[] = [];
      for (let t = first; t <= last; t += 1_000) {
        if (!firedSet.has(t) && !missed.some(([from, to]) => from <= t && t <= to)) unaccounted.push(new Date(t).toISOString());
      }
      expect(unaccounted, name).toEqual([]);
      // A due time is fired or missed, not both.
      expect(fired.filter((t) => missed.some(([from, to]) => from <= t && t <= to)), name).toEqual([]);
    }

    // The agents' own clock: no run of `slow` started before the one before it ended.
    const byRun = new Map<string, { start?: bigint; end?: bigint }>();
    for (const line of readFileSync(spans, 'utf8').trim().split('\n')) {
      const [run, what, ns] = line.split(' ') as [string, 'start' | 'end', string];
      byRun.set(run, { ...byRun.get(run), [what]: BigInt(ns) });
    }
    const ordered = [...byRun.entries()].sort(([, a], [, b]) => (a.start! < b.start! ? -1 : 1));
    expect(ordered.length).toBeGreaterThan(10);
    const overlaps: string[] = [];
    for (let i = 1; i < ordered.length; i++) {
      const [previousId, previous] = ordered[i - 1]!;
      const [id, span] = ordered[i]!;
      if (previous.end === undefined || span.start! < previous.end) overlaps.push(`${id} started before ${previousId} ended`);
    }
    expect(overlaps).toEqual([]);
  }, 240_000);
});
