import { describe, expect, it } from 'vitest';
import { Bitset, checkOperations, kvModel } from './linearizability.js';
import type { KvInput, KvOutput, Model, Operation } from './linearizability.js';

type KvOp = Operation<KvInput, KvOutput>;

const get = (clientId: number, call: number, ret: number, key: string, value: string): KvOp => ({
  clientId,
  call,
  return: ret,
  input: { op: 'get', key },
  output: { value },
});
const put = (clientId: number, call: number, ret: number, key: string, value: string): KvOp => ({
  clientId,
  call,
  return: ret,
  input: { op: 'put', key, value },
  output: {},
});
const append = (clientId: number, call: number, ret: number, key: string, value: string): KvOp => ({
  clientId,
  call,
  return: ret,
  input: { op: 'append', key, value },
  output: {},
});
/** An operation whose answer never came back: it may or may not have taken effect. */
const neverReturned = (op: KvOp): KvOp => ({ ...op, return: Infinity, output: { unknown: true } });

const check = (history: KvOp[]) => checkOperations(kvModel, history);
const isOk = (history: KvOp[]) => check(history).ok;

describe('linearizable histories', () => {
  it('accepts an empty history', () => {
    expect(check([])).toEqual({ ok: true });
  });

  it('a read concurrent with a write may see the value before or after it', () => {
    expect(isOk([put(0, 0, 10, 'x', 'a'), get(1, 2, 5, 'x', '')])).toBe(true);
    expect(isOk([put(0, 0, 10, 'x', 'a'), get(1, 2, 5, 'x', 'a')])).toBe(true);
    // ... but only a value that exists at some point of its interval
    expect(isOk([put(0, 0, 10, 'x', 'a'), get(1, 2, 5, 'x', 'b')])).toBe(false);
  });

  it('two concurrent writes may take effect in either order, but a later read sees one of them', () => {
    const writes = [put(0, 0, 10, 'x', 'a'), put(1, 1, 9, 'x', 'b')];
    expect(isOk([...writes, get(2, 11, 12, 'x', 'a')])).toBe(true);
    expect(isOk([...writes, get(2, 11, 12, 'x', 'b')])).toBe(true);
    expect(isOk([...writes, get(2, 11, 12, 'x', '')])).toBe(false);
    // reads while both are in flight can see them in the order a, b — or b, a, but one order for all readers
    expect(isOk([...writes, get(2, 2, 3, 'x', 'a'), get(2, 4, 5, 'x', 'b'), get(3, 2, 5, 'x', 'a')])).toBe(true);
  });

  it('concurrent appends are applied in one order that every read agrees with', () => {
    const appends = [append(0, 0, 5, 'x', '1'), append(1, 1, 6, 'x', '2')];
    expect(isOk([...appends, get(2, 7, 8, 'x', '12')])).toBe(true);
    expect(isOk([...appends, get(2, 7, 8, 'x', '21')])).toBe(true);
    expect(isOk([...appends, get(2, 3, 4, 'x', '2'), get(2, 7, 8, 'x', '21')])).toBe(true);
    expect(isOk([...appends, get(2, 3, 4, 'x', '2'), get(2, 7, 8, 'x', '12')])).toBe(false);
    expect(isOk([...appends, get(2, 7, 8, 'x', '1')])).toBe(false);
    expect(isOk([put(0, 0, 1, 'x', 'a'), append(0, 2, 3, 'x', 'b'), get(1, 4, 5, 'x', 'ab')])).toBe(true);
  });

  it('touching intervals count as concurrent: calls sort before returns at equal times', () => {
    expect(isOk([put(0, 0, 5, 'x', 'a'), get(1, 5, 6, 'x', '')])).toBe(true);
    expect(isOk([put(0, 0, 5, 'x', 'a'), get(1, 6, 7, 'x', '')])).toBe(false);
  });

  it('is not confused by the order in which the history lists the operations', () => {
    const history = [put(0, 0, 1, 'x', 'a'), put(1, 2, 3, 'x', 'b'), get(2, 4, 5, 'x', 'b'), get(0, 6, 7, 'x', 'b')];
    expect(isOk([...history].reverse())).toBe(true);
    expect(isOk([get(2, 4, 5, 'x', 'a'), ...history.slice(0, 2)])).toBe(false);
  });
});

describe('histories that are not linearizable', () => {
  it('a read returns a value written only after the read returned', () => {
    const result = check([get(0, 0, 5, 'x', 'a'), put(1, 6, 10, 'x', 'a')]);
    expect(result.ok).toBe(false);
    if (result.ok !== false) return;
    expect(result.partial[0]).toBe('not linearizable (2 operations)');
    expect(result.partial).toContain('longest linearizable prefix found: 0 of 2 operations');
    expect(result.partial).toContain('state after that prefix: ""');
    expect(result.partial.at(-1)).toMatch(/^operation that could not be placed: client 0 \[0, 5\] get\("x"\) → "a" — .*not a legal step/);
  });

  it('two readers see two concurrent writes in opposite orders', () => {
    const writes = [put(0, 0, 100, 'x', 'a'), put(1, 0, 100, 'x', 'b')];
    const reader1 = [get(2, 1, 2, 'x', 'a'), get(2, 3, 4, 'x', 'b')];
    const reader2 = [get(3, 1, 2, 'x', 'b'), get(3, 3, 4, 'x', 'a')];
    expect(isOk([...writes, ...reader1])).toBe(true);
    expect(isOk([...writes, ...reader2])).toBe(true);
    expect(isOk([...writes, ...reader1, ...reader2])).toBe(false);
  });

  it('a stale read after another client, which finished earlier, read the newer value', () => {
    const history = [
      put(0, 0, 1, 'x', 'a'),
      put(1, 2, 20, 'x', 'b'), // still in flight for both reads
      get(2, 4, 5, 'x', 'b'), // so b took effect before 5...
      get(3, 6, 7, 'x', 'a'), // ...and a, read after 6, is stale
    ];
    const result = check(history);
    expect(result.ok).toBe(false);
    if (result.ok !== false) return;
    expect(result.partial).toEqual([
      'not linearizable (4 operations)',
      'longest linearizable prefix found: 3 of 4 operations',
      '  1. client 0 [0, 1] put("x", "a")',
      '  2. client 1 [2, 20] put("x", "b")',
      '  3. client 2 [4, 5] get("x") → "b"',
      'state after that prefix: "b"',
      'operation that could not be placed: client 3 [6, 7] get("x") → "a" — it had to take effect before it returned, and it is not a legal step from that state',
    ]);
    // the same reads with the second client's read first is fine
    expect(isOk([history[0]!, history[1]!, get(3, 4, 5, 'x', 'a'), get(2, 6, 7, 'x', 'b')])).toBe(true);
  });

  it('a value that was overwritten cannot come back', () => {
    expect(isOk([put(0, 0, 1, 'x', 'a'), put(0, 2, 3, 'x', 'b'), get(1, 4, 5, 'x', 'a')])).toBe(false);
    expect(isOk([append(0, 0, 1, 'x', 'a'), get(1, 2, 3, 'x', 'a'), get(1, 4, 5, 'x', '')])).toBe(false);
  });
});

describe('operations that never returned', () => {
  const pendingPut = neverReturned(put(0, 0, 0, 'x', 'a'));

  it('may have taken effect or not', () => {
    expect(isOk([pendingPut, get(1, 5, 6, 'x', '')])).toBe(true);
    expect(isOk([pendingPut, get(1, 5, 6, 'x', 'a')])).toBe(true);
    // ... even after later writes: it may take effect long after the client gave up
    expect(isOk([pendingPut, put(1, 5, 6, 'x', 'b'), get(2, 7, 8, 'x', 'a')])).toBe(true);
    expect(isOk([pendingPut, put(1, 5, 6, 'x', 'b'), get(2, 7, 8, 'x', 'b')])).toBe(true);
    expect(isOk([pendingPut, get(1, 5, 6, 'x', ''), get(1, 1000, 1001, 'x', 'a')])).toBe(true);
  });

  it('but once it is seen it cannot be unseen, and it cannot take effect before its call', () => {
    expect(isOk([pendingPut, get(1, 5, 6, 'x', 'a'), get(1, 7, 8, 'x', '')])).toBe(false);
    expect(isOk([get(1, 0, 1, 'x', 'a'), neverReturned(put(0, 2, 2, 'x', 'a'))])).toBe(false);
  });

  it('a pending append may land between other operations, once', () => {
    const history = [put(0, 0, 1, 'x', 'a'), neverReturned(append(1, 2, 2, 'x', '+')), append(0, 3, 4, 'x', 'b')];
    expect(isOk([...history, get(2, 5, 6, 'x', 'a+b')])).toBe(true);
    expect(isOk([...history, get(2, 5, 6, 'x', 'ab+')])).toBe(true);
    expect(isOk([...history, get(2, 5, 6, 'x', 'ab')])).toBe(true);
    expect(isOk([...history, get(2, 5, 6, 'x', 'a+b+')])).toBe(false);
    expect(isOk([...history, get(2, 5, 6, 'x', '+ab')])).toBe(false);
  });

  it('a get that never returned constrains nothing', () => {
    expect(isOk([put(0, 0, 1, 'x', 'a'), neverReturned(get(1, 2, 2, 'x', '')), get(2, 3, 4, 'x', 'a')])).toBe(true);
  });

  it('explains them as never returned', () => {
    const result = check([get(1, 0, 1, 'x', 'a'), neverReturned(put(0, 2, 2, 'x', 'a'))]);
    expect(result.ok === false && result.partial.at(-1)).toContain('client 1 [0, 1] get("x") → "a"');
    const longer = check([neverReturned(put(0, 0, 0, 'x', 'a')), get(1, 5, 6, 'x', 'a'), get(1, 7, 8, 'x', '')]);
    expect(longer.ok).toBe(false);
    if (longer.ok !== false) return;
    expect(longer.partial).toContain('  1. client 0 [0, never returned] put("x", "a") (outcome unknown)');
  });
});

describe('partitioning', () => {
  it('kvModel splits a history by key', () => {
    const history = [put(0, 0, 1, 'x', 'a'), put(0, 2, 3, 'y', 'b'), get(1, 4, 5, 'x', 'a'), get(1, 6, 7, 'y', 'b')];
    expect(kvModel.partition!(history)).toEqual([
      [history[0], history[2]],
      [history[1], history[3]],
    ]);
  });

  it('checks each key on its own, and names the part that fails', () => {
    const x = [put(0, 0, 10, 'x', 'a'), get(1, 1, 2, 'x', 'a'), get(2, 3, 4, 'x', '')];
    const y = [put(3, 0, 1, 'y', 'b'), get(4, 2, 3, 'y', 'b')];
    const interleaved = [y[0]!, x[0]!, x[1]!, y[1]!, x[2]!];
    const result = check(interleaved);
    expect(result.ok).toBe(false);
    if (result.ok !== false) return;
    expect(result.partial[0]).toBe('not linearizable (partition 2 of 2, 3 operations)');
    expect(result.partial.at(-1)).toContain('client 2 [3, 4] get("x") → ""');
    expect(isOk([y[0]!, x[0]!, x[1]!, y[1]!])).toBe(true);
  });

  it('a value read under one key says nothing about another key', () => {
    // reading y's value under x would be a violation; under its own key it is fine
    expect(isOk([put(0, 0, 1, 'y', 'b'), get(1, 2, 3, 'x', ''), get(1, 4, 5, 'y', 'b')])).toBe(true);
    expect(isOk([put(0, 0, 1, 'y', 'b'), get(1, 2, 3, 'x', 'b')])).toBe(false);
  });

  it('works without a partition function too (a single register)', () => {
    const register: Model<number, { write?: number }, { read?: number }> = {
      init: () => 0,
      step: (state, input, output) =>
        input.write !== undefined ? { ok: true, state: input.write } : { ok: output.read === state, state },
      equal: (a, b) => a === b,
      hash: (state) => String(state),
    };
    const w = (c: number, call: number, ret: number, v: number) => ({ clientId: c, call, return: ret, input: { write: v }, output: {} });
    const r = (c: number, call: number, ret: number, v: number) => ({ clientId: c, call, return: ret, input: {}, output: { read: v } });
    expect(checkOperations(register, [w(0, 0, 10, 1), r(1, 1, 2, 1), r(2, 3, 4, 0)]).ok).toBe(false);
    expect(checkOperations(register, [w(0, 0, 10, 1), r(1, 1, 2, 0), r(2, 3, 4, 1)]).ok).toBe(true);
    const failed = checkOperations(register, [w(0, 0, 1, 1), r(1, 2, 3, 0)]);
    expect(failed.ok === false && failed.partial.at(-1)).toContain('client 1 [2, 3] {} → {"read":0}');
  });
});

describe('bounds and input checks', () => {
  // n appends in flight together, then a read no order explains: the states differ for every order, so the
  // search has n! orders to rule out.
  const hard = (n: number): KvOp[] => [
    ...Array.from({ length: n }, (_, i) => append(i, 0, 100, 'x', String.fromCharCode(97 + i))),
    get(n, 101, 102, 'x', 'impossible'),
  ];

  it('answers unknown when the time runs out', () => {
    expect(checkOperations(kvModel, hard(12), { timeoutMs: 50 })).toEqual({ ok: 'unknown' });
    expect(checkOperations(kvModel, [put(0, 0, 1, 'x', 'a')], { timeoutMs: 0 })).toEqual({ ok: 'unknown' });
  });

  it('answers unknown, deterministically, when the steps run out', () => {
    expect(checkOperations(kvModel, hard(6), { maxSteps: 1000 })).toEqual({ ok: 'unknown' });
    expect(checkOperations(kvModel, hard(6), { maxSteps: 1_000_000 }).ok).toBe(false);
  });

  it('rejects an operation that returns before its call', () => {
    expect(() => check([put(0, 5, 4, 'x', 'a')])).toThrow(RangeError);
    expect(() => check([put(0, NaN, 4, 'x', 'a')])).toThrow(/operation 0/);
  });

  it('the bitset keeps its hash in step with its bits', () => {
    const a = new Bitset(100);
    const b = new Bitset(100);
    for (const i of [3, 31, 32, 64, 99]) a.set(i);
    for (const i of [99, 64, 0, 32, 31, 3]) b.set(i);
    b.clear(0);
    b.set(3); // setting a set bit changes nothing
    expect(b.hash()).toBe(a.hash());
    expect(a.equalsWords(b.words)).toBe(true);
    expect([...a.words]).toEqual([0x80000008, 1, 1, 1 << 3]);
    expect(a.has(64) && !a.has(65)).toBe(true);
    // positions left out of the hash
    const pending = new Bitset(100);
    pending.set(5);
    const c = new Bitset(100, pending);
    const d = new Bitset(100, pending);
    c.set(1);
    d.set(1);
    d.set(5);
    expect(c.hash()).toBe(d.hash());
    expect(c.equalsWords(d.words)).toBe(false);
    a.clear(64);
    expect(a.hash()).not.toBe(b.hash());
    expect(a.equalsWords(b.words)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Random histories from a sequential simulation

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface GenOptions {
  seed: number;
  ops: number;
  clients: number;
  keys: number;
  /** Chance that an operation never returns (its client then crashes and a new client takes its place). */
  pending?: number;
}

/**
 * A linearizable history by construction: every operation gets a random interval (each client one operation
 * at a time) and a linearization point inside it; applying the operations to a map in the order of those
 * points gives the outputs. Puts write unique values without a '.', appends add '.<n>'. An operation that
 * never returns took effect (at its point) or not, at random.
 */
function generate(o: GenOptions): KvOp[] {
  const rand = prng(o.seed);
  const int = (n: number) => Math.floor(rand() * n);
  const free = new Array<number>(o.clients).fill(0);
  const clientOf = Array.from({ length: o.clients }, (_, i) => i);
  let nextClient = o.clients;
  const planned: { op: KvOp; point: number; takesEffect: boolean }[] = [];
  for (let i = 0; i < o.ops; i++) {
    const slot = int(o.clients);
    const call = free[slot]! + int(4);
    const duration = 1 + int(20);
    const point = call + rand() * duration;
    const key = `k${int(o.keys)}`;
    const r = rand();
    const input: KvInput = r < 0.5 ? { op: 'get', key } : r < 0.75 ? { op: 'put', key, value: `p${i}` } : { op: 'append', key, value: `.${i}` };
    const op: KvOp = { clientId: clientOf[slot]!, call, return: call + duration, input, output: {} };
    let takesEffect = true;
    if (rand() < (o.pending ?? 0)) {
      op.return = Infinity;
      op.output = { unknown: true };
      takesEffect = rand() < 0.5;
      clientOf[slot] = nextClient++;
    }
    free[slot] = call + duration;
    planned.push({ op, point, takesEffect });
  }
  const store = new Map<string, string>();
  for (const { op, takesEffect } of [...planned].sort((a, b) => a.point - b.point)) {
    if (!takesEffect) continue;
    const { input } = op;
    const value = store.get(input.key) ?? '';
    if (input.op === 'get') {
      if (op.return !== Infinity) op.output = { value };
    } else {
      store.set(input.key, input.op === 'put' ? input.value : value + input.value);
    }
  }
  return planned.map((p) => p.op);
}

/**
 * Make one completed read return the value of a put on the same key that was called only after the read
 * returned: never linearizable (a state without '.' equal to a put's value exists only after that put).
 */
function corrupt(history: KvOp[], seed: number): KvOp[] {
  const rand = prng(seed);
  const copy = history.map((op) => ({ ...op }));
  const reads = copy.filter((op) => op.input.op === 'get' && op.return !== Infinity);
  for (let tries = 0; tries < 1000; tries++) {
    const read = reads[Math.floor(rand() * reads.length)]!;
    const later = copy.find((op) => op.input.op === 'put' && op.input.key === read.input.key && op.call > read.return);
    if (later && later.input.op === 'put') {
      read.output = { value: later.input.value };
      return copy;
    }
  }
  throw new Error('no read to corrupt');
}

describe('random histories', () => {
  it('the generator makes concurrent histories', () => {
    const history = generate({ seed: 1, ops: 500, clients: 6, keys: 1 });
    const overlapping = history.filter((a, i) => history.some((b, j) => i !== j && a.call < b.return && b.call < a.return));
    expect(overlapping.length).toBeGreaterThan(history.length * 0.8);
    expect(history.filter((op) => op.input.op === 'get' && op.output.value !== '').length).toBeGreaterThan(100);
  });

  it('accepts linearizable histories over several keys', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const history = generate({ seed, ops: 1000, clients: 8, keys: 4 });
      expect(check(history), `seed ${seed}`).toEqual({ ok: true });
    }
  });

  it('accepts them with operations that never returned', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const history = generate({ seed, ops: 1000, clients: 8, keys: 4, pending: 0.01 });
      expect(history.some((op) => op.return === Infinity)).toBe(true);
      expect(check(history), `seed ${seed}`).toEqual({ ok: true });
    }
  });

  it('rejects them with one read corrupted', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const history = corrupt(generate({ seed, ops: 1000, clients: 8, keys: 4, pending: seed % 2 ? 0.01 : 0 }), seed);
      const result = check(history);
      expect(result.ok, `seed ${seed}`).toBe(false);
      if (result.ok === false) expect(result.partial.at(-1)).toMatch(/^operation that could not be placed: /);
    }
  });

  // How fast the checker is belongs to a benchmark, not to a test: these check only that long histories get the
  // right answer.
  it('answers for 2,000-operation histories, with and without a corrupted read', () => {
    const cases = [
      { name: 'one key', history: generate({ seed: 11, ops: 2000, clients: 8, keys: 1 }), corrupted: true },
      { name: 'four keys', history: generate({ seed: 13, ops: 2000, clients: 8, keys: 4 }), corrupted: true },
      { name: 'one key, 1% never returned', history: generate({ seed: 12, ops: 2000, clients: 8, keys: 1, pending: 0.01 }), corrupted: false },
    ];
    for (const { name, history, corrupted } of cases) {
      expect(check(history), name).toEqual({ ok: true });
      if (corrupted) expect(check(corrupt(history, 3)).ok, name).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Cross-check against brute force

/** Every order of the operations that respects real time, tried one by one: the definition, slowly. */
function bruteForce<S, I, O>(model: Model<S, I, O>, ops: Operation<I, O>[]): boolean {
  const placed = ops.map(() => false);
  const search = (state: S, count: number): boolean => {
    if (count === ops.length) return true;
    return ops.some((op, i) => {
      if (placed[i] || ops.some((other, j) => !placed[j] && other.return < op.call)) return false;
      const result = model.step(state, op.input, op.output);
      if (!result.ok) return false;
      placed[i] = true;
      const found = search(result.state, count + 1);
      placed[i] = false;
      return found;
    });
  };
  return search(model.init(), 0);
}

describe('agrees with brute force', () => {
  it('on thousands of small random histories, linearizable or not, with and without readOnly', () => {
    const rand = prng(42);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const withoutReadOnly: Model<string, KvInput, KvOutput> = { ...kvModel, readOnly: undefined };
    let linearizable = 0;
    for (let i = 0; i < 3000; i++) {
      const history: KvOp[] = Array.from({ length: 1 + Math.floor(rand() * 8) }, (_, clientId) => {
        const call = Math.floor(rand() * 10);
        const ret = rand() < 0.2 ? Infinity : call + Math.floor(rand() * 6); // zero-length operations too
        const key = pick(['x', 'x', 'y']);
        const r = rand();
        const input: KvInput =
          r < 0.5 ? { op: 'get', key } : r < 0.75 ? { op: 'put', key, value: pick(['a', 'b']) } : { op: 'append', key, value: pick(['a', 'b']) };
        const output: KvOutput = ret === Infinity ? { unknown: true } : input.op === 'get' ? { value: pick(['', 'a', 'b', 'ab', 'ba']) } : {};
        return { clientId, call, return: ret, input, output };
      });
      const expected = kvModel.partition!(history).every((part) => bruteForce(kvModel, part));
      if (expected) linearizable++;
      expect(checkOperations(kvModel, history).ok, JSON.stringify(history)).toBe(expected);
      expect(checkOperations(withoutReadOnly, history).ok, JSON.stringify(history)).toBe(expected);
    }
    expect(linearizable).toBeGreaterThan(300);
    expect(linearizable).toBeLessThan(2700);
  });
});
