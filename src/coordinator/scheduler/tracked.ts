import type { MisfirePolicy } from '../state/records.js';
import type { DueTimes } from './due.js';
import { DueHeap, type HeapRows } from './heap.js';

/** The numbers kept per schedule, in this order in its row. */
const JITTER = 0;
const CATCHUP_MS = 1;
const CREATED_AT = 2;
const SETTLED = 3;
const DUE_AT = 4;
const AFTER = 5;
const AT = 6;
const COLUMNS = 7;

const MISFIRE_POLICIES: readonly MisfirePolicy[] = ['once', 'skip', 'all'];

/**
 * The schedules a scheduler follows, by tenant and name, with the heap of their next due times. A leader follows
 * every schedule of the cluster, so this is built to be small: a schedule is a row of columns, not an object. Its
 * numbers are doubles in one array (a millisecond timestamp does not fit V8's small integers, so an object field
 * holding one points to a 16-byte box of its own), and its tenant's map gives its row, keyed by the name it holds
 * anyway. A schedule costs about 150 bytes; an object per schedule, with its numbers as fields, in one map keyed by
 * "tenant/name", cost about 330.
 *
 * `get`, `add`, `values` and `next` hand out a Tracked: a view of a row, made for the moment. A view is not kept:
 * once its schedule is removed, its row goes to the next schedule added.
 */
export class TrackedSchedules implements HeapRows {
  private readonly byTenant = new Map<string, Map<string, number>>();
  /** @internal Tracked's fields: `numbers` has COLUMNS per row. */
  numbers = new Float64Array(COLUMNS * 1024);
  /** @internal */
  misfires = new Uint8Array(1024);
  /** @internal */
  readonly tenants: string[] = [];
  /** @internal */
  readonly names: string[] = [];
  /** @internal */
  readonly crons: (DueTimes | undefined)[] = [];
  private heapIndexes = new Int32Array(1024);
  private readonly free: number[] = [];
  private used = 0;
  private count = 0;
  /** The followed schedules that have a next due time, earliest `at` first. */
  readonly due = new DueHeap(this);

  get size(): number {
    return this.count;
  }

  get(tenant: string, name: string): Tracked | undefined {
    const row = this.byTenant.get(tenant)?.get(name);
    return row === undefined ? undefined : new Tracked(this, row);
  }

  /** When the schedule of `row` fires: its next due time plus its jitter. */
  at(row: number): number {
    return this.numbers[row * COLUMNS + AT]!;
  }

  /** The schedule of `row`, as a Tracked gave it. */
  view(row: number): Tracked {
    return new Tracked(this, row);
  }

  /** The schedule to fire first (the earliest `at` of those with a due time), if any. */
  next(): Tracked | undefined {
    const row = this.due.peek();
    return row === undefined ? undefined : new Tracked(this, row);
  }

  /** Follows a schedule not followed yet: its numbers start at 0, its next due time at none. */
  add(tenant: string, name: string, cron: DueTimes): Tracked {
    let names = this.byTenant.get(tenant);
    if (names === undefined) this.byTenant.set(tenant, (names = new Map()));
    if (names.has(name)) throw new Error(`schedule ${tenant}/${name} is followed already`);
    const row = this.free.pop() ?? this.grow();
    this.numbers.fill(0, row * COLUMNS, (row + 1) * COLUMNS);
    this.numbers[row * COLUMNS + DUE_AT] = Number.NaN;
    this.misfires[row] = 0;
    this.heapIndexes[row] = -1;
    this.tenants[row] = tenant;
    this.names[row] = name;
    this.crons[row] = cron;
    names.set(name, row);
    this.count++;
    return new Tracked(this, row);
  }

  /** Stops following a schedule (and takes it out of the heap); its row goes to the next schedule added. */
  remove(tenant: string, name: string): void {
    const names = this.byTenant.get(tenant);
    const row = names?.get(name);
    if (names === undefined || row === undefined) return;
    this.due.delete(row);
    names.delete(name);
    if (names.size === 0) this.byTenant.delete(tenant);
    this.crons[row] = undefined;
    this.free.push(row);
    this.count--;
  }

  *values(): IterableIterator<Tracked> {
    for (const names of this.byTenant.values()) for (const row of names.values()) yield new Tracked(this, row);
  }

  clear(): void {
    this.due.clear();
    this.byTenant.clear();
    this.tenants.length = 0;
    this.names.length = 0;
    this.crons.length = 0;
    this.free.length = 0;
    this.used = 0;
    this.count = 0;
  }

  heapIndex(row: number): number {
    return this.heapIndexes[row]!;
  }

  setHeapIndex(row: number, index: number): void {
    this.heapIndexes[row] = index;
  }

  /** A row never used yet, the columns grown to hold it. */
  private grow(): number {
    const row = this.used++;
    if (row < this.misfires.length) return row;
    const rows = this.misfires.length * 2;
    const numbers = new Float64Array(rows * COLUMNS);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const misfires = new Uint8Array(rows);
    misfires.set(this.misfires);
    this.misfires = misfires;
    const heapIndexes = new Int32Array(rows);
    heapIndexes.set(this.heapIndexes);
    this.heapIndexes = heapIndexes;
    return row;
  }
}

/** One followed schedule, seen through its row: its timing, what the state has settled, and its next due time. */
export class Tracked {
  constructor(
    private readonly table: TrackedSchedules,
    readonly row: number,
  ) {}

  get tenant(): string {
    return this.table.tenants[this.row]!;
  }

  get name(): string {
    return this.table.names[this.row]!;
  }

  get cron(): DueTimes {
    return this.table.crons[this.row]!;
  }
  set cron(cron: DueTimes) {
    this.table.crons[this.row] = cron;
  }

  get misfire(): MisfirePolicy {
    return MISFIRE_POLICIES[this.table.misfires[this.row]!]!;
  }
  set misfire(policy: MisfirePolicy) {
    this.table.misfires[this.row] = MISFIRE_POLICIES.indexOf(policy);
  }

  /** The schedule's fixed delay after each due time (--jitter). */
  get jitter(): number {
    return this.number(JITTER);
  }
  set jitter(ms: number) {
    this.setNumber(JITTER, ms);
  }

  get catchupMs(): number {
    return this.number(CATCHUP_MS);
  }
  set catchupMs(ms: number) {
    this.setNumber(CATCHUP_MS, ms);
  }

  /** Due times before its creation are not its own. */
  get createdAt(): number {
    return this.number(CREATED_AT);
  }
  set createdAt(t: number) {
    this.setNumber(CREATED_AT, t);
  }

  /** The latest due time the applied state has settled (fired, missed, or passed over by a resume or retime). */
  get settled(): number {
    return this.number(SETTLED);
  }
  set settled(t: number) {
    this.setNumber(SETTLED, t);
  }

  /** Its next due time (null: none); `at` is when to fire it, the due time plus the jitter. */
  get dueAt(): number | null {
    const t = this.number(DUE_AT);
    return Number.isNaN(t) ? null : t;
  }
  set dueAt(t: number | null) {
    this.setNumber(DUE_AT, t ?? Number.NaN);
  }

  /** The due time before `dueAt`, settled or being settled by this leader: the fire's check (`after`). */
  get after(): number {
    return this.number(AFTER);
  }
  set after(t: number) {
    this.setNumber(AFTER, t);
  }

  get at(): number {
    return this.number(AT);
  }
  set at(t: number) {
    this.setNumber(AT, t);
  }

  /** Whether it is in the heap of due times. */
  get queued(): boolean {
    return this.table.heapIndex(this.row) >= 0;
  }

  private number(column: number): number {
    return this.table.numbers[this.row * COLUMNS + column]!;
  }

  private setNumber(column: number, value: number): void {
    this.table.numbers[this.row * COLUMNS + column] = value;
  }
}
