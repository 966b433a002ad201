import { describe, expect, it } from 'vitest';
import { getSchedule, listSchedules } from '../../src/coordinator/state/queries.js';
import { Store, STORAGE_FORMAT } from '../../src/coordinator/storage/db.js';
import { APPLIED_KEY, FORMAT_KEY, logKey, scheduleKey, SNAPSHOT_STAGE_PREFIX } from '../../src/coordinator/storage/keys.js';
import { prefixEnd } from '../../src/coordinator/storage/kv.js';
import { type Membership, RaftStore, type SnapshotMeta } from '../../src/coordinator/storage/raft-store.js';
import { tempDir } from '../helpers/tmp.js';

const members: Membership = { voters: ['n1', 'n2', 'n3'], learners: [], addresses: { n1: 'a:1', n2: 'a:2', n3: 'a:3' } };
const entry = (index: number, term = 1) => ({ index, term, type: 'normal' as const, data: new TextEncoder().encode(`e${index}`) });

async function keysUnder(store: Store, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of store.scan({ gte: prefix, lt: prefixEnd(prefix) })) keys.push(key);
  return keys;
}

/** A node with entries 1 and 2 in its log, both applied, and one variable (`key`) in its state. */
async function nodeWithState(key: string): Promise<{ dir: string; store: Store; raft: RaftStore }> {
  const dir = tempDir();
  const store = await Store.open(dir);
  const raft = await RaftStore.open(store, members);
  await raft.persist([entry(1), entry(2)], { term: 1, vote: 'n1', commit: 2 });
  await store.write([{ type: 'put', key, value: Buffer.from('x') }, { type: 'put', key: APPLIED_KEY, value: Buffer.from('2') }], true);
  return { dir, store, raft };
}

async function drain(gen: AsyncGenerator<[string, Buffer][], SnapshotMeta>): Promise<{ pairs: [string, Buffer][]; meta: SnapshotMeta }> {
  const pairs: [string, Buffer][] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done === true) return { pairs, meta: next.value };
    pairs.push(...next.value);
  }
}

describe('the Raft log on LevelDB', () => {
  it('sends the state machine as of one applied index and installs it in place of a follower\'s state and log', async () => {
    const leaderStore = await Store.open(tempDir());
    const leader = await RaftStore.open(leaderStore, members);
    await leader.persist([entry(1), entry(2), entry(3)], { term: 1, vote: 'n1', commit: 3 });
    await leaderStore.write(
      [
        { type: 'put', key: 't/default/v/a', value: Buffer.from('1') },
        { type: 'put', key: 'C/agent/web-1', value: Buffer.from('{}') },
        { type: 'put', key: APPLIED_KEY, value: Buffer.from('3') },
        // 600 KiB of run output before the variables: more than one chunk, so the stream pauses in the middle.
        ...Array.from({ length: 600 }, (_, i) => ({ type: 'put' as const, key: `t/default/o/r1/${String(i).padStart(10, '0')}`, value: Buffer.alloc(1024, 7) })),
      ],
      false,
    );

    const snapshot = leader.readSnapshot();
    const first = await snapshot.next();
    expect(first.done !== true && first.value.at(-1)![0].startsWith('t/default/o/')).toBe(true);
    // Written while the snapshot is being read: not part of it.
    await leaderStore.write([{ type: 'put', key: 't/default/v/b', value: Buffer.from('2') }, { type: 'put', key: APPLIED_KEY, value: Buffer.from('4') }], false);
    const rest = await drain(snapshot);
    const pairs = [...(first.done === true ? [] : first.value), ...rest.pairs];
    expect(pairs.filter(([k]) => !k.startsWith('t/default/o/')).map(([k]) => k)).toEqual(['C/agent/web-1', 't/default/v/a']);
    expect(pairs).toHaveLength(602);
    expect(rest.meta).toMatchObject({ index: 3, term: 1, pairs: 602, membership: members });
    expect(rest.meta.checksum).toMatch(/^[0-9a-f]{64}$/);

    const followerDir = tempDir();
    const followerStore = await Store.open(followerDir);
    const follower = await RaftStore.open(followerStore, members);
    await follower.persist([entry(1), entry(2, 1)], { term: 1, vote: '', commit: 1 });
    await followerStore.write([{ type: 'put', key: 't/default/v/stale', value: Buffer.from('x') }], false);
    const grown: Membership = { ...members, learners: ['n4'], addresses: { ...members.addresses, n4: 'a:4' } };
    const stage = follower.stage();
    await stage.add(pairs.slice(0, 300));
    await stage.add(pairs.slice(300));
    await follower.installSnapshot({ ...rest.meta, index: 9, term: 2, membership: grown }, stage);

    expect(follower.firstIndex()).toBe(10);
    expect(follower.lastIndex()).toBe(9);
    expect(follower.term(9)).toBe(2);
    expect(follower.members()).toEqual(grown);
    expect((await followerStore.get(APPLIED_KEY))?.toString()).toBe('9');
    expect(await followerStore.get('t/default/v/stale')).toBeUndefined();
    expect(await followerStore.get(logKey(1))).toBeUndefined();
    expect((await followerStore.get('t/default/v/a'))?.toString()).toBe('1');
    expect(await keysUnder(followerStore, SNAPSHOT_STAGE_PREFIX)).toEqual([]);
    // The hard state is the core's to write next; installing keeps the one on disk.
    expect(follower.initialState().hardState).toEqual({ term: 1, vote: '', commit: 1 });
    await followerStore.close();

    // What was installed is what a restart finds.
    const reopenedStore = await Store.open(followerDir);
    const reopened = await RaftStore.open(reopenedStore, members);
    expect([reopened.firstIndex(), reopened.lastIndex(), reopened.term(9)]).toEqual([10, 9, 2]);
    expect(reopened.members()).toEqual(grown);
    await reopenedStore.close();
    await leaderStore.close();
  });

  it('finishes, when it restarts, installing a snapshot that a crash interrupted', async () => {
    const { dir, store, raft } = await nodeWithState('t/default/v/old');
    const stage = raft.stage();
    const pairs: [string, Buffer][] = Array.from({ length: 3000 }, (_, i) => [`t/default/v/new${String(i).padStart(4, '0')}`, Buffer.alloc(1024, i % 251)]);
    await stage.add(pairs.slice(0, 1500));
    await stage.add(pairs.slice(1500));
    const meta: SnapshotMeta = { index: 40, term: 3, membership: members, pairs: pairs.length, checksum: 'not checked here' };
    // The disk as a kill -9 in the middle of the install leaves it: the marker written, the old state partly deleted,
    // part of the new state moved in place.
    await store.write(
      [
        { type: 'put', key: 'M/raft/installing', value: Buffer.from(JSON.stringify({ stage: stage.prefix, meta })) },
        { type: 'del', key: logKey(1) },
        ...pairs.slice(0, 700).map(([key, value]) => ({ type: 'put' as const, key, value })),
      ],
      true,
    );
    await store.close();

    const reopenedStore = await Store.open(dir);
    const reopened = await RaftStore.open(reopenedStore, members);
    expect([reopened.firstIndex(), reopened.lastIndex(), reopened.term(40)]).toEqual([41, 40, 3]);
    expect((await reopenedStore.get(APPLIED_KEY))?.toString()).toBe('40');
    expect(await reopenedStore.get('t/default/v/old')).toBeUndefined();
    expect(await reopenedStore.get(logKey(2))).toBeUndefined();
    const state = await keysUnder(reopenedStore, 't/');
    expect(state).toEqual(pairs.map(([key]) => key));
    expect(await reopenedStore.get('t/default/v/new2999')).toEqual(Buffer.alloc(1024, 2999 % 251));
    expect(await reopenedStore.get('M/raft/installing')).toBeUndefined();
    expect(await keysUnder(reopenedStore, SNAPSHOT_STAGE_PREFIX)).toEqual([]);
    expect(reopened.initialState().hardState).toEqual({ term: 1, vote: 'n1', commit: 2 });
    await reopenedStore.close();
  });

  it('drops, when it restarts, a snapshot that was still arriving, and keeps its own state and log', async () => {
    const { dir, store, raft } = await nodeWithState('t/default/v/mine');
    await raft.stage().add([['t/default/v/theirs', Buffer.from('y')]]);
    await store.close();

    const reopenedStore = await Store.open(dir);
    const reopened = await RaftStore.open(reopenedStore, members);
    expect(await keysUnder(reopenedStore, SNAPSHOT_STAGE_PREFIX)).toEqual([]);
    expect(await keysUnder(reopenedStore, 't/')).toEqual(['t/default/v/mine']);
    expect([reopened.firstIndex(), reopened.lastIndex()]).toEqual([1, 2]);
    await reopenedStore.close();
  });

  it('writes nothing for a Ready that only moves the commit index, and keeps it with the next entries', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    const raft = await RaftStore.open(store, members);
    await raft.persist([entry(1)], { term: 1, vote: 'n1', commit: 0 });
    await raft.persist([], { term: 1, vote: 'n1', commit: 1 });
    await store.close();
    const reopened = await Store.open(dir);
    expect((await RaftStore.open(reopened, members)).initialState().hardState).toEqual({ term: 1, vote: 'n1', commit: 0 });
    const again = await RaftStore.open(reopened, members);
    await again.persist([entry(2)], { term: 1, vote: 'n1', commit: 1 });
    expect((await RaftStore.open(reopened, members)).initialState().hardState).toEqual({ term: 1, vote: 'n1', commit: 1 });
    await reopened.close();
  });

  it('compacts by size as well as by count, so large entries (runs\' output) cannot fill the memory', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    const raft = await RaftStore.open(store, members);
    const big = (index: number) => ({ index, term: 1, type: 'normal' as const, data: new Uint8Array(100 * 1024).fill(index) });
    // 25 entries of 100 KiB; 20 applied. The 5 not applied are never counted, nor dropped.
    await raft.persist(Array.from({ length: 25 }, (_, i) => big(i + 1)), { term: 1, vote: 'n1', commit: 20 });

    const upTo = raft.compactionPoint(20, 5_000, 1024 * 1024);
    // What stays after upTo (entries upTo+1 … 20) fits in 1 MiB, and one entry more would not.
    expect(upTo).toBe(10);
    await raft.compact(upTo!);
    expect(raft.firstIndex()).toBe(11);
    expect(raft.entries(11, 26, Infinity).map((e) => e.data[0])).toEqual(Array.from({ length: 15 }, (_, i) => i + 11));
    expect(() => raft.entries(10, 12, Infinity)).toThrow(/compacted/);
    // Nothing more goes until a tenth of a bound would: a compaction costs a synced write.
    expect(raft.compactionPoint(20, 5_000, 1024 * 1024)).toBeUndefined();
    expect(raft.compactionPoint(21, 5_000, 1024 * 1024)).toBeUndefined();
    expect(raft.compactionPoint(22, 5_000, 1024 * 1024)).toBe(12);

    // The count still bounds small entries; a restart reads the compacted log back.
    await raft.persist(Array.from({ length: 100 }, (_, i) => entry(26 + i)), { term: 1, vote: 'n1', commit: 125 });
    expect(raft.compactionPoint(125, 50, 1024 * 1024)).toBe(75);
    await raft.compact(75);
    await store.close();
    const reopened = await Store.open(dir);
    const again = await RaftStore.open(reopened, members);
    expect([again.firstIndex(), again.lastIndex()]).toEqual([76, 125]);
    expect(again.compactionPoint(125, 50, 1024 * 1024)).toBeUndefined();
    await reopened.close();
  });

  it('refuses a data directory of another storage format, and says which', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await store.write([{ type: 'put', key: FORMAT_KEY, value: Buffer.from('2') }], true);
    await store.close();
    await expect(Store.open(dir)).rejects.toThrow(new RegExp(`has storage format 2; this version of parallax-coordinator reads format ${STORAGE_FORMAT} only`));
  });

  it('moves a data directory of format 4 to format 5 as it is', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    await store.write([{ type: 'put', key: FORMAT_KEY, value: Buffer.from('4') }, { type: 'put', key: 't/default/v/a', value: Buffer.from('1') }], true);
    await store.close();
    const migrated = await Store.open(dir);
    expect((await migrated.get(FORMAT_KEY))?.toString()).toBe('5');
    expect((await migrated.get('t/default/v/a'))?.toString()).toBe('1');
    await migrated.close();
  });

  it('moves the active runs of a format 3 data directory out of their schedules\' records, keeping everything else', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    const record = (name: string, extra: object) => Buffer.from(JSON.stringify({ name, cron: '@hourly', lastFiredDueAt: 7, ...extra }));
    await store.write(
      [
        { type: 'put', key: FORMAT_KEY, value: Buffer.from('3') },
        { type: 'put', key: scheduleKey('payments', 'busy'), value: record('busy', { activeRuns: ['r1', 'r2'] }) },
        { type: 'put', key: scheduleKey('payments', 'idle'), value: record('idle', { activeRuns: [] }) },
        { type: 'put', key: scheduleKey('default', 'old'), value: record('old', {}) },
      ],
      true,
    );
    await store.close();
    const migrated = await Store.open(dir);
    expect((await migrated.get(FORMAT_KEY))?.toString()).toBe(String(STORAGE_FORMAT));
    expect(JSON.parse((await migrated.get(scheduleKey('payments', 'busy')))!.toString())).toEqual({ name: 'busy', cron: '@hourly', lastFiredDueAt: 7 });
    expect(await getSchedule(migrated, 'payments', 'busy')).toMatchObject({ name: 'busy', lastFiredDueAt: 7, activeRuns: ['r1', 'r2'] });
    expect(await getSchedule(migrated, 'payments', 'idle')).toMatchObject({ activeRuns: [] });
    expect(await getSchedule(migrated, 'default', 'old')).toMatchObject({ activeRuns: [] });
    expect((await listSchedules(migrated, 'payments')).map((s) => [s.name, s.activeRuns])).toEqual([
      ['busy', ['r1', 'r2']],
      ['idle', []],
    ]);
    await migrated.close();
  });
});
