/** What the heap orders: rows by `at`, each knowing its place in the heap (-1 when it is not in it). */
export interface HeapRows {
  at(row: number): number;
  heapIndex(row: number): number;
  setHeapIndex(row: number, index: number): void;
}

/**
 * A binary min-heap of rows by their `at`, whose rows know their place, so a row is moved or removed where it is
 * (O(log n)): one entry per schedule however often its due time changes, and nothing stale to skip or sweep.
 */
export class DueHeap {
  private rows = new Int32Array(1024);
  private count = 0;

  constructor(private readonly order: HeapRows) {}

  peek(): number | undefined {
    return this.count > 0 ? this.rows[0] : undefined;
  }

  /** Puts `row` in the heap at its `at`, or moves it there when `at` changed since. */
  set(row: number): void {
    let i = this.order.heapIndex(row);
    if (i < 0) {
      if (this.count === this.rows.length) {
        const grown = new Int32Array(this.rows.length * 2);
        grown.set(this.rows);
        this.rows = grown;
      }
      i = this.count++;
      this.place(row, i);
    }
    this.down(this.up(i));
  }

  delete(row: number): void {
    const i = this.order.heapIndex(row);
    if (i < 0) return;
    this.order.setHeapIndex(row, -1);
    const last = this.rows[--this.count]!;
    if (i === this.count) return;
    this.place(last, i);
    this.down(this.up(i));
  }

  clear(): void {
    for (let i = 0; i < this.count; i++) this.order.setHeapIndex(this.rows[i]!, -1);
    this.count = 0;
  }

  private up(i: number): number {
    const row = this.rows[i]!;
    const at = this.order.at(row);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.order.at(this.rows[parent]!) <= at) break;
      this.place(this.rows[parent]!, i);
      i = parent;
    }
    this.place(row, i);
    return i;
  }

  private down(i: number): void {
    const row = this.rows[i]!;
    const at = this.order.at(row);
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.count) break;
      const r = l + 1;
      const child = r < this.count && this.order.at(this.rows[r]!) < this.order.at(this.rows[l]!) ? r : l;
      if (this.order.at(this.rows[child]!) >= at) break;
      this.place(this.rows[child]!, i);
      i = child;
    }
    this.place(row, i);
  }

  private place(row: number, i: number): void {
    this.rows[i] = row;
    this.order.setHeapIndex(row, i);
  }
}
