/** A binary min-heap: adding and taking the smallest cost a logarithm. `order` < 0 when a comes before b. */
export class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly order: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const h = this.items;
    h.push(item);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.order(h[parent]!, item) <= 0) break;
      h[i] = h[parent]!;
      h[parent] = item;
      i = parent;
    }
  }

  peek(): T | undefined {
    return this.items[0];
  }

  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (!h.length || last === undefined) return top;
    h[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < h.length && this.order(h[l]!, h[min]!) < 0) min = l;
      if (r < h.length && this.order(h[r]!, h[min]!) < 0) min = r;
      if (min === i) break;
      [h[min], h[i]] = [h[i]!, h[min]!];
      i = min;
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}
