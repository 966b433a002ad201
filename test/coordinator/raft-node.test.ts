import { describe, expect, it } from 'vitest';
import { RaftNode } from '../../src/coordinator/raft/node.js';
import { MemoryStorage } from '../../src/coordinator/raft/storage.js';
import { type Entry, type Message, message } from '../../src/coordinator/raft/types.js';

/**
 * The driver of a follower (n2 of n1, n2, n3) whose synced writes finish when the test says so: what it sends while a
 * write is under way, and after.
 */
function follower(tickMs = 1_000) {
  const sent: Message[] = [];
  const writes: (() => void)[] = [];
  const storage = new MemoryStorage({ voters: ['n1', 'n2', 'n3'], learners: [] });
  const node = new RaftNode({
    config: {
      id: 'n2',
      storage,
      electionTicks: 10,
      heartbeatTicks: 1,
      random: () => 0.5,
      preVote: true,
      checkQuorum: true,
      maxInflight: 256,
      maxMsgBytes: 1 << 20,
    },
    installSnapshot: async () => undefined,
    persist: (entries, hardState) =>
      new Promise<void>((resolve) =>
        writes.push(() => {
          storage.append(entries);
          if (hardState !== undefined) storage.setHardState(hardState);
          resolve();
        }),
      ),
    send: (messages) => sent.push(...messages),
    apply: async () => undefined,
    onSoftState: () => undefined,
    onFatal: (err) => {
      throw err;
    },
    tickMs,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  /** Finishes every synced write asked so far, and those they lead to, until none is pending. */
  const finishWrites = async () => {
    for (let i = 0; i < 10 && writes.length > 0; i++) {
      for (const done of writes.splice(0)) done();
      await settle();
    }
  };
  return { node, sent, writes, settle, finishWrites };
}

const entry = (index: number): Entry => ({ term: 1, index, type: 'normal', data: new Uint8Array([index]) });
const append = (index: number): Message =>
  message({ type: 'app', from: 'n1', to: 'n2', term: 1, index: index - 1, logTerm: index === 1 ? 0 : 1, entries: [entry(index)], commit: index - 1 });
const heartbeat = (context: string): Message => message({ type: 'heartbeat', from: 'n1', to: 'n2', term: 1, commit: 0, context });
const types = (sent: Message[]) => sent.map((m) => `${m.type}${m.context ? `:${m.context}` : ''}`);

describe('the Raft driver of a follower', () => {
  it('answers heartbeats while a synced write is under way, once the term is on disk, and appends only after the write', async () => {
    const { node, sent, writes, settle, finishWrites } = follower();
    // A new term and an entry: the write that holds both is under way.
    node.step(append(1));
    await settle();
    expect(writes).toHaveLength(1);
    // The term is not on disk yet: the answer waits for the write like everything else.
    node.step(heartbeat('a'));
    await settle();
    expect(types(sent)).toEqual([]);
    await finishWrites();
    expect(types(sent)).toEqual(['appResp', 'heartbeatResp:a']);

    // The term is on disk now: while the next entry is being written, a heartbeat is answered at once.
    sent.length = 0;
    node.step(append(2));
    await settle();
    expect(writes).toHaveLength(1);
    node.step(heartbeat('b'));
    expect(types(sent)).toEqual(['heartbeatResp:b']);
    // The entry is acknowledged only once it is written.
    await finishWrites();
    expect(types(sent)).toEqual(['heartbeatResp:b', 'appResp']);
    expect(sent.at(-1)).toMatchObject({ type: 'appResp', index: 2, reject: false });
    await node.stop();
  });

  it('asks a new leader for a read the old one never answered', async () => {
    const { node, sent, settle, finishWrites } = follower();
    node.step(append(1));
    await settle();
    await finishWrites();
    sent.length = 0;
    let index: number | undefined;
    void node.readIndex().then((i) => (index = i));
    await settle();
    await finishWrites();
    const asked = sent.filter((m) => m.type === 'readIndex');
    expect(asked.map((m) => m.to)).toEqual(['n1']);
    // n1 dies holding the request; n3 leads in term 2.
    node.step(message({ type: 'heartbeat', from: 'n3', to: 'n2', term: 2, commit: 0 }));
    await settle();
    await finishWrites();
    const again = sent.filter((m) => m.type === 'readIndex');
    expect(again.map((m) => [m.to, m.context])).toEqual([['n1', asked[0]!.context], ['n3', asked[0]!.context]]);
    node.step(message({ type: 'readIndexResp', from: 'n3', to: 'n2', term: 2, index: 0, context: asked[0]!.context }));
    await settle();
    await finishWrites();
    expect(index).toBe(0);
    await node.stop();
  });

  it('fails a read whose leader went silent, instead of waiting for it forever', async () => {
    // Short ticks: the election timeout (10 ticks) passes in about 50 ms.
    const { node, writes, finishWrites } = follower(5);
    node.step(append(1));
    await finishWrites();
    // Its own writes (the pre-vote's term) finish as soon as they are asked.
    const disk = setInterval(() => writes.splice(0).forEach((done) => done()), 5);
    node.start();
    const outcome = await Promise.race([
      node.readIndex().then(
        () => 'answered',
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 2 s'), 2_000)),
    ]);
    expect(outcome).toMatch(/no leader to serve a read$/);
    await node.stop();
    clearInterval(disk);
  });
});
