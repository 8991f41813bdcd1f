import { MinHeap } from './min-heap.js';

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

export class Timers {
  /**
   * Two heaps, so that the next timer and the next one that moves the story forward are both found at once: adding
   * and firing cost a logarithm, not a move of the whole list (150,000 pods wait on their pulls at the same time).
   * A cancelled timer stays in its heap until it comes up, and is dropped then: the live ones are those indexed by
   * owner.
   */
  private readonly progress = new MinHeap<Timer>(order);
  private readonly patient = new MinHeap<Timer>(order);
  private seq: number;
  /** How many cancelled timers still sit in the heaps. */
  private cancelled = 0;
  /**
   * The timers of each owner, by key: a lookup or a cancel by owner and key reads that key's timers only, however many
   * the owner has (the scheduler keeps one for each of 150,000 pods that fit nowhere).
   */
  private readonly byOwner = new Map<string, Map<string, Set<Timer>>>();

  constructor(saved: Timer[] = []) {
    this.seq = saved.reduce((m, t) => Math.max(m, t.seq), 0);
    for (const t of saved) this.insert({ ...t });
  }

  private insert(t: Timer): void {
    (t.patient ? this.patient : this.progress).push(t);
    let keys = this.byOwner.get(t.owner);
    if (!keys) this.byOwner.set(t.owner, (keys = new Map()));
    let set = keys.get(t.key);
    if (!set) keys.set(t.key, (set = new Set()));
    set.add(t);
  }

  private live(t: Timer): boolean {
    return !!this.byOwner.get(t.owner)?.get(t.key)?.has(t);
  }

  private unindex(t: Timer): void {
    const keys = this.byOwner.get(t.owner);
    const set = keys?.get(t.key);
    set?.delete(t);
    if (set?.size === 0) keys!.delete(t.key);
    if (keys?.size === 0) this.byOwner.delete(t.owner);
  }

  /** The pending timers of one component, in time order. */
  of(owner: string): Timer[] {
    return [...this.ofOwner(owner)].sort(order);
  }

  add(at: number, owner: string, key: string, action: string, opts: TimerOptions = {}): void {
    this.insert({ at, owner, key, action, seq: ++this.seq, ...(opts.data ? { data: opts.data } : {}), ...(opts.patient ? { patient: true } : {}) });
  }

  /** Drops the timers of a key (its object changed or disappeared). */
  cancel(owner: string, key: string, action?: string): void {
    for (const t of this.byOwner.get(owner)?.get(key) ?? []) {
      if (action && t.action !== action) continue;
      this.unindex(t);
      this.cancelled++;
    }
    if (this.cancelled > 1024 && this.cancelled > this.progress.size + this.patient.size - this.cancelled) this.compact();
  }

  /** Rebuilds the heaps from the live timers once cancelled ones are most of them (they would pile up otherwise). */
  private compact(): void {
    const live = this.all();
    this.progress.clear();
    this.patient.clear();
    this.cancelled = 0;
    for (const t of live) (t.patient ? this.patient : this.progress).push(t);
  }

  /** The heap's first live timer, cancelled ones above it dropped. */
  private top(heap: MinHeap<Timer>): Timer | undefined {
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
    for (const t of this.byOwner.get(owner)?.get(key) ?? []) if (!action || t.action === action) return true;
    return false;
  }

  /** Every pending timer, in time order. */
  all(): Timer[] {
    const out: Timer[] = [];
    for (const owner of this.byOwner.keys()) for (const t of this.ofOwner(owner)) out.push(t);
    return out.sort(order);
  }

  /** The pending timers of one component, in no particular order (for a question whose answer needs none). */
  *ofOwner(owner: string): Iterable<Timer> {
    for (const set of this.byOwner.get(owner)?.values() ?? []) yield* set;
  }
}

function order(a: Timer, b: Timer): number {
  return a.at - b.at || a.seq - b.seq;
}
