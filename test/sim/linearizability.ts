/**
 * A linearizability checker for histories of operations, after the algorithm of porcupine
 * (github.com/anishathalye/porcupine: Wing & Gong's search with Lowe's cache of configurations, plus
 * Horn & Kroening's P-compositionality, i.e. checking independent parts of a history separately).
 *
 * A history is a list of operations, each with the virtual time its client called it and the time the
 * answer came back. It is linearizable if the operations can be put in one sequence that (1) respects real
 * time: an operation that returned before another was called comes first, and (2) is a legal run of the
 * sequential model from its initial state, with every output as observed.
 *
 * The search (checkPartition, class Search), as in porcupine:
 *
 * - model.partition splits the history into independent parts (kvModel: one per key), each checked alone.
 * - Every operation becomes two events, its call and its return, sorted by time into one list. At equal
 *   times calls come before returns (porcupine's rule): an operation that returns at t and one called at t
 *   are then concurrent, and the checker accepts either order. That is the permissive reading of a clock
 *   too coarse to tell them apart: it never reports a violation that only the timestamps' resolution
 *   created. A simulator that knows "returned at t, then called at t" happened in that order must give the
 *   second a larger timestamp (e.g. stamp events with a counter). Ties among calls, or among returns, keep
 *   the order of the calls in the history, so the search is deterministic.
 * - The events form a doubly linked list behind a head sentinel (in typed arrays, not objects). Walking
 *   from the head, every call met before the first return belongs to a candidate: an operation that may
 *   take effect next (everything that returned before its call has been placed).
 * - Depth-first search: place a candidate whose step from the current state is legal (push (operation,
 *   previous state), move to the new state, lift its call and return out of the list) and start again from
 *   the head. Meeting a return means its operation had to be placed by then and no candidate tried led
 *   anywhere: pop the last placed operation, put its events back (in reverse order of lifting, which
 *   restores the links exactly), restore the state, and try the next candidate. All operations placed:
 *   linearizable. A return met with nothing to pop: not linearizable.
 * - A cache of configurations — (set of placed operations, state) — keeps the search from exploring one
 *   configuration twice through different orders: what can follow depends on those two only. The set is a
 *   Uint32Array bitset whose hash is kept up to date on every set and clear (Zobrist hashing), so a step
 *   costs O(1) besides the model's work; see ConfigurationCache for how configurations are stored.
 *
 * Beyond porcupine (each rule keeps the search complete; the test file cross-checks it against brute force):
 *
 * - Read-only operations (Model.readOnly) that fit are committed to: if a read r can be placed now, any
 *   linearization from here can be rearranged to place r first, so other candidates need not be tried.
 * - The operation of the first return in the list is tried before the other writes: writes are placed
 *   "just in time", as they are needed, rather than as soon as they are called.
 * - Operations that never returned ("pending", below) can always go last, which gives three more rules:
 *   once only pending operations are left, the history is linearizable; a pending operation that would
 *   leave the state as it is is not placed (it can wait for the end); and a configuration is pruned if a
 *   closed one (every continuation tried, all failed) has the same state, the same returned operations,
 *   and a subset of its pending operations.
 *
 * The check is bounded: the wall clock is read every 256 steps and a check that runs past timeoutMs (or
 * takes more than maxSteps steps, the bound that does not depend on the machine's speed, for a simulator
 * that must replay a seed exactly) answers { ok: 'unknown' }. A failing check costs more than a passing one:
 * it has to rule out every configuration before the violation (see the timings in the test file).
 *
 * Operations that never returned (the client crashed, or gave up, or the leader it talked to crashed): give
 * them `return: Infinity` — not the time the client gave up, since a request already in a replicated log
 * can still be committed later — and an output that the model's step accepts from any state (the search
 * relies on it). Such an operation is concurrent with everything called after it, so it may be placed
 * anywhere from its call on, including after every other operation, where it is invisible: both "it took
 * effect" (at some point after its call) and "it never did" are allowed. In kvModel that output is
 * `{ unknown: true }`. Each one multiplies the configurations a failing check has to rule out, so a
 * history should have few per key; a passing check is little affected.
 */

/** One operation of one client; call and return are virtual timestamps, call <= return (Infinity: never returned). */
export interface Operation<I, O> {
  clientId: number;
  input: I;
  call: number;
  output: O;
  return: number;
}

export interface Model<S, I, O> {
  init(): S;
  /** Whether `input` with the observed `output` is legal from `state`, and the state after it. Must not mutate `state`. */
  step(state: S, input: I, output: O): { ok: boolean; state: S };
  /** split a history into independent parts (e.g. per key); optional */
  partition?(history: Operation<I, O>[]): Operation<I, O>[][];
  equal(a: S, b: S): boolean;
  /** a stable string of a state, for the cache of (linearized set, state) seen; equal states must hash alike */
  hash(state: S): string;
  describe?(input: I, output: O): string;
  /** how a failure's explanation shows a state; optional, hash(state) otherwise */
  describeState?(state: S): string;
  /**
   * Optional: true if the operation never changes the state (whenever its step is ok, the state it returns
   * equals the one given), like a read. The search then commits to such an operation as soon as it fits,
   * which prunes much of the search. Must be exact: a wrong true can make a linearizable history fail.
   */
  readOnly?(input: I, output: O): boolean;
}

export type CheckResult =
  | { ok: true }
  | {
      ok: false;
      /** A human-readable explanation: the longest linearizable prefix found and the operation that could not be placed. */
      partial: string[];
    };

export interface CheckOptions {
  /** Wall-clock budget for the whole check (all partitions); default 10 000 ms, Infinity for none. */
  timeoutMs?: number;
  /** Budget in search steps (deterministic, unlike timeoutMs); default unlimited. */
  maxSteps?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function checkOperations<S, I, O>(
  model: Model<S, I, O>,
  history: Operation<I, O>[],
  options: CheckOptions = {},
): CheckResult | { ok: 'unknown' } {
  history.forEach(validate);
  const budget = new Budget(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.maxSteps ?? Infinity);
  const parts = model.partition ? model.partition(history) : [history];
  for (let p = 0; p < parts.length; p++) {
    const ops = parts[p]!;
    if (ops.length === 0) continue;
    const verdict = checkPartition(model, ops, budget);
    if (verdict.kind === 'unknown') return { ok: 'unknown' };
    if (verdict.kind === 'illegal') {
      const where = parts.length > 1 ? `partition ${p + 1} of ${parts.length}, ` : '';
      return { ok: false, partial: explain(model, ops.length, verdict, where) };
    }
  }
  return { ok: true };
}

function validate<I, O>(op: Operation<I, O>, index: number): void {
  if (!Number.isFinite(op.call) || Number.isNaN(op.return) || op.return < op.call) {
    throw new RangeError(
      `operation ${index}: call must be a finite number and return a number (or Infinity) not before it, got call ${op.call}, return ${op.return}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Budget

class Budget {
  private steps = 0;
  private readonly deadline: number;

  constructor(
    timeoutMs: number,
    private readonly maxSteps: number,
  ) {
    this.deadline = performance.now() + timeoutMs;
  }

  /** Count one step; true when the budget is spent. The clock is read on the first step and every 256th. */
  spent(): boolean {
    const n = this.steps++;
    if (n >= this.maxSteps) return true;
    return (n & 255) === 0 && performance.now() > this.deadline;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Bitset with an incrementally maintained hash

/**
 * A set of small integers in a Uint32Array, with a 53-bit hash kept up to date by set and clear (Zobrist
 * hashing: each position owns a random key, the hash is the XOR of the keys of the positions set), so
 * hashing costs O(1) instead of O(size / 32). Positions in `unhashed` do not count in the hash: two sets
 * that differ only there hash alike (the search uses that to find, with one lookup, the configurations
 * that differ only in which never-returned operations they placed).
 */
export class Bitset {
  readonly words: Uint32Array;
  private hashHi = 0;
  private hashLo = 0;
  private readonly keyHi: Uint32Array;
  private readonly keyLo: Uint32Array;

  constructor(
    readonly size: number,
    unhashed?: Bitset,
  ) {
    this.words = new Uint32Array((size + 31) >>> 5);
    this.keyHi = new Uint32Array(size);
    this.keyLo = new Uint32Array(size);
    // Keys from a fixed seed (splitmix32), so every run hashes, and therefore searches, alike.
    let seed = 0x9e3779b9;
    const random = (): number => {
      seed = (seed + 0x9e3779b9) | 0;
      let z = seed;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    for (let i = 0; i < size; i++) {
      const hi = random() & 0x1fffff; // 21 bits: hi * 2^32 + lo stays a safe integer
      const lo = random();
      if (unhashed?.has(i)) continue;
      this.keyHi[i] = hi;
      this.keyLo[i] = lo;
    }
  }

  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  set(i: number): void {
    const w = i >>> 5;
    const mask = 1 << (i & 31);
    if ((this.words[w]! & mask) !== 0) return;
    this.words[w] = this.words[w]! | mask;
    this.toggleHash(i);
  }

  clear(i: number): void {
    const w = i >>> 5;
    const mask = 1 << (i & 31);
    if ((this.words[w]! & mask) === 0) return;
    this.words[w] = this.words[w]! & ~mask;
    this.toggleHash(i);
  }

  /** A 53-bit hash of the positions set (but those in `unhashed`): equal sets hash alike. O(1). */
  hash(): number {
    return this.hashHi * 0x1_0000_0000 + this.hashLo;
  }

  equalsWords(other: Uint32Array): boolean {
    const a = this.words;
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== other[i]) return false;
    return true;
  }

  private toggleHash(i: number): void {
    this.hashHi ^= this.keyHi[i]!;
    this.hashLo = (this.hashLo ^ this.keyLo[i]!) >>> 0;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The search

type Verdict<S, I, O> =
  | { kind: 'ok' }
  | { kind: 'unknown' }
  | {
      kind: 'illegal';
      /** The longest linearizable prefix found, in order. */
      prefix: Operation<I, O>[];
      /** The state after that prefix. */
      state: S;
      /** The operation whose return was reached without it being placeable after that prefix. */
      stuck: Operation<I, O>;
    };

const NIL = -1;
const HEAD = 0;

// The phases in which the search tries the candidates of a configuration (porcupine tries them in list
// order). Operations are ranked READS, WRITES or PENDING.
/** Read-only operations (if the model says which), in list order: one that fits is committed to. */
const READS = 0;
/** The operation of the first return event (it has to be placed before anything later returns). */
const URGENT = 1;
/** The other operations (and, with pendingLast false, the pending ones), in list order. */
const WRITES = 2;
/** Pending operations, with pendingLast true. */
const PENDING = 3;

/**
 * Check one independent part of a history. Without never-returned operations that is one search; with them,
 * two searches that differ only in when they try those operations — as early as their calls allow (quick
 * to find a linearization that needs them) or only once nothing else fits (quick to refute a history, as
 * then more configurations are subsumed by closed ones) — run in turns with doubling step slices, and the
 * first to finish answers.
 */
function checkPartition<S, I, O>(model: Model<S, I, O>, history: Operation<I, O>[], budget: Budget): Verdict<S, I, O> {
  const ops = history
    .map((op, index) => ({ op, index }))
    .sort((a, b) => a.op.call - b.op.call || a.index - b.index)
    .map((x) => x.op);
  if (!ops.some((op) => op.return === Infinity)) return new Search(model, ops, false).run(budget, Infinity)!;
  const searches = [new Search(model, ops, true), new Search(model, ops, false)];
  for (let slice = 1024; ; slice = Math.min(2 * slice, 1 << 24)) {
    for (const search of searches) {
      const verdict = search.run(budget, slice);
      if (verdict !== undefined) return verdict;
    }
  }
}

/**
 * The depth-first search over one part of a history. Operations are numbered in order of their calls (so
 * the sets of placed operations it meets are mostly a run of ones and a few scattered bits, which the
 * cache stores compactly). In the event list, node 0 is the head sentinel, the call event of operation i
 * is node 2i+1 (odd), its return event node 2i+2.
 *
 * At each configuration the candidates are tried in phases: READS, URGENT, WRITES, PENDING (see the
 * constants). Besides committing to reads, the order only steers the search: trying the urgent operation
 * first places writes "just in time" (when their return comes) rather than as soon as they are called.
 */
class Search<S, I, O> {
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly pending: Bitset;
  private readonly rank: Uint8Array;
  private readonly lastPhase: number;
  private readonly linearized: Bitset;
  private readonly cache: ConfigurationCache<S>;
  private readonly stackOp: Int32Array;
  private readonly stackSeen: Int32Array;
  private readonly stackPhase: Uint8Array;
  private readonly stackUrgent: Int32Array;
  private readonly stackState: S[];
  private depth = 0;
  private state: S;
  private returnedLeft = 0;
  private phase = READS;
  /** The operation of the first return event of the current configuration, once phase READS has met it. */
  private urgent = NIL;
  private entry: number;
  /** Set when the current configuration is known to fail without trying its remaining candidates. */
  private dead = false;
  private bestLength = -1;
  private best: Verdict<S, I, O> | undefined;

  constructor(
    private readonly model: Model<S, I, O>,
    private readonly ops: Operation<I, O>[],
    pendingLast: boolean,
  ) {
    const n = ops.length;
    const next = (this.next = new Int32Array(2 * n + 1));
    const prev = (this.prev = new Int32Array(2 * n + 1));

    // Sort the events: by time, calls before returns at equal times, then by operation number (deterministic).
    const order = new Int32Array(2 * n);
    for (let i = 0; i < 2 * n; i++) order[i] = i + 1;
    const time = (node: number): number => {
      const op = ops[(node - 1) >>> 1]!;
      return node & 1 ? op.call : op.return;
    };
    order.sort((a, b) => {
      const ta = time(a);
      const tb = time(b);
      if (ta !== tb) return ta < tb ? -1 : 1;
      const ka = a & 1; // 1 for calls
      const kb = b & 1;
      if (ka !== kb) return kb - ka;
      return a - b;
    });
    let last = HEAD;
    prev[HEAD] = NIL;
    for (const node of order) {
      next[last] = node;
      prev[node] = last;
      last = node;
    }
    next[last] = NIL;

    this.pending = new Bitset(n);
    this.rank = new Uint8Array(n);
    ops.forEach((op, i) => {
      if (op.return === Infinity) {
        this.pending.set(i);
        this.rank[i] = pendingLast ? PENDING : WRITES;
      } else {
        this.returnedLeft++;
        this.rank[i] = model.readOnly?.(op.input, op.output) ? READS : WRITES;
      }
    });
    this.lastPhase = pendingLast ? PENDING : WRITES;
    this.linearized = new Bitset(n, this.pending);
    this.cache = new ConfigurationCache<S>(model, this.pending.words);
    this.stackOp = new Int32Array(n);
    this.stackSeen = new Int32Array(n);
    this.stackPhase = new Uint8Array(n);
    this.stackUrgent = new Int32Array(n);
    this.stackState = new Array<S>(n);
    this.state = model.init();
    this.entry = next[HEAD]!;
  }

  /** Search on for at most `steps` steps: a verdict, or undefined to be called again. */
  run(budget: Budget, steps: number): Verdict<S, I, O> | undefined {
    const { ops, next, rank } = this;
    // Once only pending operations are left, they can all go last, in any order: done.
    while (this.returnedLeft > 0) {
      if (budget.spent()) return { kind: 'unknown' };
      if (steps-- <= 0) return undefined;
      const entry = this.entry;
      if (this.dead) {
        const verdict = this.backtrack();
        if (verdict) return verdict;
      } else if (entry & 1) {
        // A call: try to place its operation, if it belongs to this phase.
        const op = (entry - 1) >>> 1;
        this.entry = next[entry]!;
        if (rank[op] === this.phase && op !== this.urgent) this.place(op);
      } else if (this.phase === READS) {
        // The first return: its operation is the most urgent one. Try it alone, then the other writes.
        const op = (entry - 2) >>> 1;
        this.urgent = op;
        this.phase = WRITES;
        this.entry = next[HEAD]!;
        if (rank[op] === WRITES) this.place(op, URGENT);
      } else if (this.phase < this.lastPhase) {
        this.phase = PENDING;
        this.entry = next[HEAD]!;
      } else {
        // A return whose operation is not placed yet, and no candidate led anywhere. Backtrack.
        if (this.depth > this.bestLength) {
          this.bestLength = this.depth;
          const prefix = Array.from(this.stackOp.subarray(0, this.depth), (i) => ops[i]!);
          this.best = { kind: 'illegal', prefix, state: this.state, stuck: ops[(entry - 2) >>> 1]! };
        }
        const verdict = this.backtrack();
        if (verdict) return verdict;
      }
    }
    return { kind: 'ok' };
  }

  /** Place operation op next if its step fits and the configuration it leads to is new. */
  private place(op: number, phase = this.phase): void {
    const { input, output } = this.ops[op]!;
    const state = this.state;
    const result = this.model.step(state, input, output);
    if (!result.ok) return;
    const isPending = this.pending.has(op);
    // A pending operation that leaves the state as it is can wait: placed now it would only narrow what
    // can follow, and it fits at the end anyway.
    if (isPending && this.model.equal(result.state, state)) return;
    // A read-only operation that fits here can be committed to: in any linearization from here it can be
    // moved to the front. So if placing it fails, this configuration fails.
    const forced = phase === READS;
    this.linearized.set(op);
    const seen = this.cache.add(this.linearized, result.state);
    if (seen === NIL) {
      this.linearized.clear(op);
      if (forced) this.dead = true;
      return;
    }
    const depth = this.depth++;
    this.stackOp[depth] = op;
    this.stackSeen[depth] = seen;
    this.stackPhase[depth] = phase;
    this.stackUrgent[depth] = this.urgent;
    this.stackState[depth] = state;
    if (!isPending) this.returnedLeft--;
    this.state = result.state;
    this.lift(2 * op + 1);
    this.entry = this.next[HEAD]!;
    this.phase = READS;
    this.urgent = NIL;
  }

  /** Undo the last placement and go on with the next candidate; a verdict if there is none. */
  private backtrack(): Verdict<S, I, O> | undefined {
    if (this.depth === 0) return this.best ?? { kind: 'illegal', prefix: [], state: this.state, stuck: this.ops[0]! };
    const depth = --this.depth;
    this.cache.close(this.stackSeen[depth]!);
    const op = this.stackOp[depth]!;
    this.state = this.stackState[depth]!;
    this.linearized.clear(op);
    const call = 2 * op + 1;
    this.unlift(call);
    const phase = this.stackPhase[depth]!;
    this.dead = phase === READS;
    this.urgent = this.stackUrgent[depth]!;
    // after the urgent operation, the other writes from the start; otherwise the candidates after this one
    this.phase = phase === URGENT ? WRITES : phase;
    this.entry = phase === URGENT ? this.next[HEAD]! : this.next[call]!;
    if (!this.pending.has(op)) this.returnedLeft++;
    return undefined;
  }

  /** Lift operation `call`'s two events out of the list. A call's return always follows it, so next[call] is a node. */
  private lift(call: number): void {
    const { next, prev } = this;
    const ret = call + 1;
    next[prev[call]!] = next[call]!;
    prev[next[call]!] = prev[call]!;
    next[prev[ret]!] = next[ret]!;
    if (next[ret] !== NIL) prev[next[ret]!] = prev[ret]!;
  }

  /** Put them back; exact when done in reverse order of the lifts (the removed nodes keep their old links). */
  private unlift(call: number): void {
    const { next, prev } = this;
    const ret = call + 1;
    next[prev[ret]!] = ret;
    if (next[ret] !== NIL) prev[next[ret]!] = ret;
    next[prev[call]!] = call;
    prev[next[call]!] = call;
  }
}

const FULL = 0xffffffff;

/**
 * The configurations (set of placed operations, state) explored. A new configuration is pruned if it was
 * seen before, or if it is subsumed by a closed one (one from which every continuation was tried, and
 * failed): same state, same returned operations placed, and a subset of its pending operations placed.
 * That is sound because a pending operation can always go last (its output is legal from any state, and
 * nothing has to follow it), so any way to finish from the larger set also finishes from the smaller one.
 *
 * Storage, to keep the garbage collector out of the search: states are interned to small numbers; each
 * configuration is a row of typed arrays, chained in buckets of a Map from a 30-bit hash of (bitset hash,
 * state number); its bitset is stored as (number of leading all-ones words, the words after them up to the
 * last non-zero one) in one growing word arena.
 */
class ConfigurationCache<S> {
  private readonly stateIds = new Map<string, number>();
  private readonly states: S[] = [];
  /** Next state number with the same model.hash (only for a model whose hash confuses unequal states). */
  private readonly sameHash: number[] = [];
  private readonly buckets = new Map<number, number>();
  private size = 0;
  private chain = new Int32Array(1024);
  private stateOf = new Int32Array(1024);
  private lead = new Int32Array(1024);
  private length = new Int32Array(1024);
  private offset = new Int32Array(1024);
  private closed = new Uint8Array(1024);
  private arena = new Uint32Array(4096);
  private arenaUsed = 0;

  constructor(
    private readonly model: { hash(state: S): string; equal(a: S, b: S): boolean },
    private readonly pending: Uint32Array,
  ) {}

  /** Record the configuration and return its number, or NIL if it need not be explored. */
  add(bits: Bitset, state: S): number {
    const stateId = this.intern(state);
    const h = bits.hash(); // of the returned operations only
    let key = Math.imul((h >>> 0) ^ Math.imul(stateId, 0x9e3779b1), 0x85ebca6b) ^ ((h / 0x1_0000_0000) | 0);
    key ^= key >>> 15;
    key = Math.imul(key, 0xc2b2ae35);
    key = (key ^ (key >>> 13)) & 0x3fffffff;

    const words = bits.words;
    let lead = 0;
    while (lead < words.length && words[lead] === FULL) lead++;
    let end = words.length;
    while (end > lead && words[end - 1] === 0) end--;

    const head = this.buckets.get(key) ?? NIL;
    for (let e = head; e !== NIL; e = this.chain[e]!) {
      if (this.stateOf[e] === stateId && this.subsumes(e, words, lead, end)) return NIL;
    }

    const e = this.size++;
    if (e === this.chain.length) this.growRows();
    const length = end - lead;
    if (this.arenaUsed + length > this.arena.length) {
      const arena = new Uint32Array(Math.max(2 * this.arena.length, this.arenaUsed + length));
      arena.set(this.arena);
      this.arena = arena;
    }
    for (let i = lead, at = this.arenaUsed; i < end; i++, at++) this.arena[at] = words[i]!;
    this.chain[e] = head;
    this.stateOf[e] = stateId;
    this.lead[e] = lead;
    this.length[e] = length;
    this.offset[e] = this.arenaUsed;
    this.arenaUsed += length;
    this.buckets.set(key, e);
    return e;
  }

  close(e: number): void {
    this.closed[e] = 1;
  }

  private intern(state: S): number {
    const hash = this.model.hash(state);
    const found = this.stateIds.get(hash);
    if (found === undefined) {
      const id = this.states.push(state) - 1;
      this.sameHash.push(NIL);
      this.stateIds.set(hash, id);
      return id;
    }
    let id: number = found;
    for (;;) {
      if (this.model.equal(this.states[id]!, state)) return id;
      const other: number = this.sameHash[id]!;
      if (other === NIL) break;
      id = other;
    }
    const fresh = this.states.push(state) - 1;
    this.sameHash.push(NIL);
    this.sameHash[id] = fresh;
    return fresh;
  }

  /** Whether configuration e has the same bits, or (if closed) the same returned and a subset of the pending ones. */
  private subsumes(e: number, bits: Uint32Array, bitsLead: number, bitsEnd: number): boolean {
    const lead = this.lead[e]!;
    const end = lead + this.length[e]!;
    const base = this.offset[e]! - lead;
    const arena = this.arena;
    const pending = this.pending;
    let equal = true;
    for (let i = Math.min(lead, bitsLead), to = Math.max(end, bitsEnd); i < to; i++) {
      const s = i < lead ? FULL : i < end ? arena[base + i]! : 0;
      const diff = s ^ bits[i]!;
      if (diff === 0) continue;
      equal = false;
      // a returned operation differs, or e has a pending operation that bits lacks
      if ((diff & (~pending[i]! | s)) !== 0) return false;
    }
    return equal || this.closed[e] === 1;
  }

  private growRows(): void {
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(2 * a.length);
      b.set(a);
      return b;
    };
    this.chain = grow(this.chain, (n) => new Int32Array(n));
    this.stateOf = grow(this.stateOf, (n) => new Int32Array(n));
    this.lead = grow(this.lead, (n) => new Int32Array(n));
    this.length = grow(this.length, (n) => new Int32Array(n));
    this.offset = grow(this.offset, (n) => new Int32Array(n));
    this.closed = grow(this.closed, (n) => new Uint8Array(n));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Explaining a failure

function explain<S, I, O>(
  model: Model<S, I, O>,
  size: number,
  verdict: Extract<Verdict<S, I, O>, { kind: 'illegal' }>,
  where: string,
): string[] {
  const describe = (op: Operation<I, O>): string => {
    const what = model.describe ? model.describe(op.input, op.output) : `${JSON.stringify(op.input)} → ${JSON.stringify(op.output)}`;
    const ret = op.return === Infinity ? 'never returned' : String(op.return);
    return `client ${op.clientId} [${op.call}, ${ret}] ${what}`;
  };
  const { prefix, state, stuck } = verdict;
  const lines = [`not linearizable (${where}${size} operations)`];
  lines.push(`longest linearizable prefix found: ${prefix.length} of ${size} operations`);
  prefix.forEach((op, i) => lines.push(`  ${i + 1}. ${describe(op)}`));
  lines.push(`state after that prefix: ${model.describeState ? model.describeState(state) : model.hash(state)}`);
  const legal = model.step(state, stuck.input, stuck.output).ok;
  lines.push(
    `operation that could not be placed: ${describe(stuck)} — it had to take effect before it returned, and ` +
      (legal ? 'every order that places it after that prefix fails later' : 'it is not a legal step from that state'),
  );
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// A key-value store

export type KvInput =
  | { op: 'get'; key: string }
  | { op: 'put'; key: string; value: string }
  | { op: 'append'; key: string; value: string };

/**
 * `{ value }` for a get (a missing key reads as ''), `{}` for a put or append. `{ unknown: true }` (with
 * `return: Infinity`) for an operation whose answer never came: a get then constrains nothing, a put or
 * append may or may not have taken effect.
 */
export interface KvOutput {
  value?: string;
  unknown?: boolean;
}

/** The value of one key (the model checks each key's history on its own). */
export type KvState = string;

export const kvModel: Model<KvState, KvInput, KvOutput> = {
  init: () => '',
  step(state, input, output) {
    switch (input.op) {
      case 'get':
        return { ok: output.unknown === true || output.value === state, state };
      case 'put':
        return { ok: true, state: input.value };
      case 'append':
        return { ok: true, state: state + input.value };
    }
  },
  partition(history) {
    const byKey = new Map<string, Operation<KvInput, KvOutput>[]>();
    for (const op of history) {
      const part = byKey.get(op.input.key);
      if (part) part.push(op);
      else byKey.set(op.input.key, [op]);
    }
    return [...byKey.values()];
  },
  readOnly: (input) => input.op === 'get',
  equal: (a, b) => a === b,
  hash: (state) => state,
  describeState: (state) => JSON.stringify(state),
  describe(input, output) {
    const key = JSON.stringify(input.key);
    const unknown = output.unknown === true;
    switch (input.op) {
      case 'get':
        return `get(${key}) → ${unknown ? '? (never returned)' : JSON.stringify(output.value)}`;
      case 'put':
      case 'append':
        return `${input.op}(${key}, ${JSON.stringify(input.value)})${unknown ? ' (outcome unknown)' : ''}`;
    }
  },
};
