/**
 * Pending work at a virtual time (an image pull finishing, a container stopping). Timers are plain data, not
 * closures, so they are saved with the cluster and the next command picks them up.
 */
export interface Timer {
  at: number;
  /** The component that handles it, e.g. `kubelet/kubesim-worker`. */
  owner: string;
  /** What it is about, e.g. `default/web-7d4b9c6f5-x2k9p`. */
  key: string;
  action: string;
  /** Facts the handler needs later (e.g. when a pull started), saved with the timer. */
  data?: Record<string, number>;
  /**
   * A wait that does not move the story forward by itself (a back-off, a grace period): a command does not jump
   * the clock to it, it fires when its time comes (wall time passing, `kubesim wait`, or a later jump).
   */
  patient?: boolean;
  seq: number;
}

export interface TimerOptions {
  data?: Record<string, number>;
  patient?: boolean;
}

/** A binary min-heap of timers in (at, seq) order. */
class TimerHeap {
  readonly items: Timer[] = [];

  push(t: Timer): void {
    const h = this.items;
    h.push(t);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (order(h[parent]!, t) <= 0) break;
      h[i] = h[parent]!;
      h[parent] = t;
      i = parent;
    }
  }

  peek(): Timer | undefined {
    return this.items[0];
  }

  pop(): Timer | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (!h.length || !last) return top;
    h[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < h.length && order(h[l]!, h[min]!) < 0) min = l;
      if (r < h.length && order(h[r]!, h[min]!) < 0) min = r;
      if (min === i) break;
      [h[min], h[i]] = [h[i]!, h[min]!];
      i = min;
    }
    return top;
  }
}

export class Timers {
  /**
   * Two heaps, so that the next timer and the next one that moves the story forward are both found at once: adding
   * and firing cost a logarithm, not a move of the whole list (150,000 pods wait on their pulls at the same time).
   * A cancelled timer stays in its heap until it comes up, and is dropped then: the live ones are those indexed by
   * owner.
   */
  private readonly progress = new TimerHeap();
  private readonly patient = new TimerHeap();
  private seq: number;
  /** How many cancelled timers still sit in the heaps. */
  private cancelled = 0;
  /** The timers of each owner: lookups by owner and key stay cheap with tens of thousands of pods waiting. */
  private readonly byOwner = new Map<string, Set<Timer>>();

  constructor(saved: Timer[] = []) {
    this.seq = saved.reduce((m, t) => Math.max(m, t.seq), 0);
    for (const t of saved) this.insert({ ...t });
  }

  private insert(t: Timer): void {
    (t.patient ? this.patient : this.progress).push(t);
    let set = this.byOwner.get(t.owner);
    if (!set) this.byOwner.set(t.owner, (set = new Set()));
    set.add(t);
  }

  private live(t: Timer): boolean {
    return !!this.byOwner.get(t.owner)?.has(t);
  }

  private unindex(t: Timer): void {
    const set = this.byOwner.get(t.owner);
    set?.delete(t);
    if (set?.size === 0) this.byOwner.delete(t.owner);
  }

  /** The pending timers of one component, in time order. */
  of(owner: string): Timer[] {
    return [...(this.byOwner.get(owner) ?? [])].sort(order);
  }

  add(at: number, owner: string, key: string, action: string, opts: TimerOptions = {}): void {
    this.insert({ at, owner, key, action, seq: ++this.seq, ...(opts.data ? { data: opts.data } : {}), ...(opts.patient ? { patient: true } : {}) });
  }

  /** Drops the timers of a key (its object changed or disappeared). */
  cancel(owner: string, key: string, action?: string): void {
    for (const t of this.byOwner.get(owner) ?? []) {
      if (t.key !== key || (action && t.action !== action)) continue;
      this.unindex(t);
      this.cancelled++;
    }
    if (this.cancelled > 1024 && this.cancelled > this.progress.items.length + this.patient.items.length - this.cancelled) this.compact();
  }

  /** Rebuilds the heaps from the live timers once cancelled ones are most of them (they would pile up otherwise). */
  private compact(): void {
    const live = this.all();
    this.progress.items.length = 0;
    this.patient.items.length = 0;
    this.cancelled = 0;
    for (const t of live) (t.patient ? this.patient : this.progress).push(t);
  }

  /** The heap's first live timer, cancelled ones above it dropped. */
  private top(heap: TimerHeap): Timer | undefined {
    for (let t = heap.peek(); t; t = heap.peek()) {
      if (this.live(t)) return t;
      heap.pop();
      this.cancelled--;
    }
    return undefined;
  }

  next(): Timer | undefined {
    const a = this.top(this.progress);
    const b = this.top(this.patient);
    return !a ? b : !b ? a : order(a, b) <= 0 ? a : b;
  }

  /** The earliest timer that moves the story forward (not patient), if any. */
  nextProgress(): Timer | undefined {
    return this.top(this.progress);
  }

  shift(): Timer | undefined {
    const t = this.next();
    if (!t) return undefined;
    (t.patient ? this.patient : this.progress).pop();
    this.unindex(t);
    return t;
  }

  has(owner: string, key: string, action?: string): boolean {
    for (const t of this.byOwner.get(owner) ?? []) if (t.key === key && (!action || t.action === action)) return true;
    return false;
  }

  /** Every pending timer, in time order. */
  all(): Timer[] {
    const out: Timer[] = [];
    for (const set of this.byOwner.values()) for (const t of set) out.push(t);
    return out.sort(order);
  }

  /** The pending timers of one component, in no particular order (for a question whose answer needs none). */
  ofOwner(owner: string): Iterable<Timer> {
    return this.byOwner.get(owner) ?? [];
  }
}

function order(a: Timer, b: Timer): number {
  return a.at - b.at || a.seq - b.seq;
}
