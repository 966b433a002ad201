/** What the heap orders: by `at`; `heapIndex` is the item's place in it (-1 when it is not in the heap). */
export interface HeapItem {
  at: number;
  heapIndex: number;
}

/**
 * A binary min-heap on `at` whose items know their place, so an item is moved or removed where it is (O(log n)):
 * one entry per schedule however often its due time changes, and nothing stale to skip or sweep.
 */
export class DueHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Puts `item` in the heap at its `at`, or moves it there when `at` changed since. */
  set(item: T): void {
    if (item.heapIndex < 0) {
      item.heapIndex = this.items.length;
      this.items.push(item);
    }
    this.down(this.up(item.heapIndex));
  }

  delete(item: T): void {
    const i = item.heapIndex;
    if (i < 0) return;
    item.heapIndex = -1;
    const last = this.items.pop()!;
    if (i === this.items.length) return;
    this.items[i] = last;
    last.heapIndex = i;
    this.down(this.up(i));
  }

  clear(): void {
    for (const item of this.items) item.heapIndex = -1;
    this.items.length = 0;
  }

  private up(i: number): number {
    const items = this.items;
    const item = items[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]!.at <= item.at) break;
      this.place(items[parent]!, i);
      i = parent;
    }
    this.place(item, i);
    return i;
  }

  private down(i: number): void {
    const items = this.items;
    const item = items[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= items.length) break;
      const r = l + 1;
      const child = r < items.length && items[r]!.at < items[l]!.at ? r : l;
      if (items[child]!.at >= item.at) break;
      this.place(items[child]!, i);
      i = child;
    }
    this.place(item, i);
  }

  private place(item: T, i: number): void {
    this.items[i] = item;
    item.heapIndex = i;
  }
}
