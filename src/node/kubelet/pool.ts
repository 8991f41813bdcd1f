import type { Component } from '../../sim/engine.js';
import { MinHeap } from '../../sim/min-heap.js';
import type { Kubelet } from './kubelet.js';

/**
 * Every node's kubelet as one component of the engine: asked in node order, like the kubelets were one by one,
 * but only those with pods to sync are looked at (a heap of their positions), so 5,000 idle nodes cost nothing.
 */
export class KubeletPool implements Component {
  private readonly byName = new Map<string, Kubelet>();
  private readonly order: Kubelet[] = [];
  private readonly position = new Map<Kubelet, number>();
  private readonly heap = new MinHeap<number>((a, b) => a - b);
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
    for (let top = this.heap.peek(); top !== undefined; top = this.heap.peek()) {
      const kubelet = this.order[top]!;
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
    this.heap.push(at);
  }

  private pop(): void {
    this.queued.delete(this.heap.pop()!);
  }
}
