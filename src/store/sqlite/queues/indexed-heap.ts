// A binary min-heap whose items remember their own position (`heapPos`), so an item can be removed or re-keyed in
// O(log n) without a search and without leaving stale entries behind (a queue's leases change deadlines all the
// time). An item is in at most one heap at a time; -1 means none.

export interface HeapItem {
  heapPos: number;
}

export class IndexedHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  has(item: T): boolean {
    return item.heapPos >= 0 && this.items[item.heapPos] === item;
  }

  push(item: T): void {
    item.heapPos = this.items.length;
    this.items.push(item);
    this.up(item.heapPos);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes the item if it is in this heap. */
  remove(item: T): void {
    const i = item.heapPos;
    if (i < 0 || this.items[i] !== item) return;
    const last = this.items.pop() as T;
    item.heapPos = -1;
    if (last === item) return;
    this.items[i] = last;
    last.heapPos = i;
    this.up(i);
    this.down(last.heapPos);
  }

  /** Restores order after the item's key changed (or inserts it). */
  update(item: T): void {
    if (!this.has(item)) {
      this.push(item);
      return;
    }
    this.up(item.heapPos);
    this.down(item.heapPos);
  }

  /** Empties the heap, detaching every item. */
  clear(): void {
    for (const item of this.items) item.heapPos = -1;
    this.items.length = 0;
  }

  /** Items in heap order (not sorted); for scans that do not change the heap. */
  values(): readonly T[] {
    return this.items;
  }

  private up(i: number): void {
    const items = this.items;
    const item = items[i] as T;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p] as T;
      if (!this.less(item, parent)) break;
      items[i] = parent;
      parent.heapPos = i;
      i = p;
    }
    items[i] = item;
    item.heapPos = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[i] as T;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.less(items[r] as T, items[l] as T)) c = r;
      const child = items[c] as T;
      if (!this.less(child, item)) break;
      items[i] = child;
      child.heapPos = i;
      i = c;
    }
    items[i] = item;
    item.heapPos = i;
  }
}

/**
 * A plain binary min-heap without removal: entries that stopped mattering are skipped by the reader when they reach
 * the top (lazy deletion), which costs no position field in the items.
 */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p] as T;
      if (!this.less(item, parent)) break;
      items[i] = parent;
      i = p;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(items[r] as T, items[l] as T) ? r : l;
      if (!this.less(items[c] as T, last)) break;
      items[i] = items[c] as T;
      i = c;
    }
    items[i] = last;
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
