import type { Component } from '../../sim/engine.js';
import type { Kubelet } from './kubelet.js';

/**
 * Every node's kubelet as one component of the engine: asked in node order, like the kubelets were one by one,
 * but only those with pods to sync are looked at (a heap of their positions), so 5,000 idle nodes cost nothing.
 */
export class KubeletPool implements Component {
  private readonly byName = new Map<string, Kubelet>();
  private readonly order: Kubelet[] = [];
  private readonly position = new Map<Kubelet, number>();
  private readonly heap: number[] = [];
  private readonly queued = new Set<number>();

  add(kubelet: Kubelet): void {
    this.position.set(kubelet, this.order.length);
    this.order.push(kubelet);
    this.byName.set(kubelet.nodeName, kubelet);
    kubelet.onWork = () => this.wake(kubelet);
  }

  get(node: string): Kubelet | undefined {
    return this.byName.get(node);
  }

  all(): IterableIterator<Kubelet> {
    return this.byName.values();
  }

  step(): boolean {
    while (this.heap.length) {
      const kubelet = this.order[this.heap[0]!]!;
      if (kubelet.step()) {
        if (!kubelet.hasWork()) this.pop();
        return true;
      }
      this.pop();
    }
    return false;
  }

  private wake(kubelet: Kubelet): void {
    const at = this.position.get(kubelet)!;
    if (this.queued.has(at)) return;
    this.queued.add(at);
    const h = this.heap;
    h.push(at);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (h[parent]! <= h[i]!) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    this.queued.delete(h[0]!);
    const last = h.pop()!;
    if (!h.length) return;
    h[0] = last;
    for (let i = 0; ; ) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let min = i;
      if (l < h.length && h[l]! < h[min]!) min = l;
      if (r < h.length && h[r]! < h[min]!) min = r;
      if (min === i) break;
      [h[min], h[i]] = [h[i]!, h[min]!];
      i = min;
    }
  }
}
