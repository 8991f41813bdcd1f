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
   * Sorted by (at, seq); the pending ones start at `head`. Firing moves `head` instead of shifting the array (an
   * O(n) move with 40,000 pods waiting), and the fired slots are dropped once they are half of it.
   */
  private items: Timer[];
  private head = 0;
  private seq: number;
  /** The timers of each owner: lookups by owner and key stay cheap with tens of thousands of pods waiting. */
  private readonly byOwner = new Map<string, Set<Timer>>();

  constructor(saved: Timer[] = []) {
    this.items = [...saved].sort(order);
    this.seq = saved.reduce((m, t) => Math.max(m, t.seq), 0);
    for (const t of this.items) this.index(t);
  }

  private index(t: Timer): void {
    let set = this.byOwner.get(t.owner);
    if (!set) this.byOwner.set(t.owner, (set = new Set()));
    set.add(t);
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
    const t: Timer = { at, owner, key, action, seq: ++this.seq, ...(opts.data ? { data: opts.data } : {}), ...(opts.patient ? { patient: true } : {}) };
    // kept sorted by (at, seq): found by binary search (a new timer often lands before thousands of later ones)
    this.items.splice(this.position(t), 0, t);
    this.index(t);
  }

  /** Drops the timers of a key (its object changed or disappeared). */
  cancel(owner: string, key: string, action?: string): void {
    for (const t of this.byOwner.get(owner) ?? []) {
      if (t.key !== key || (action && t.action !== action)) continue;
      this.items.splice(this.position(t), 1);
      this.unindex(t);
    }
  }

  /** Where a timer sits in the (at, seq) order: a binary search. */
  private position(t: Timer): number {
    let lo = this.head;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(this.items[mid]!, t) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  next(): Timer | undefined {
    return this.items[this.head];
  }

  /** The earliest timer that moves the story forward (not patient), if any. */
  nextProgress(): Timer | undefined {
    for (let i = this.head; i < this.items.length; i++) if (!this.items[i]!.patient) return this.items[i];
    return undefined;
  }

  shift(): Timer | undefined {
    const t = this.items[this.head];
    if (!t) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    this.unindex(t);
    return t;
  }

  has(owner: string, key: string, action?: string): boolean {
    for (const t of this.byOwner.get(owner) ?? []) if (t.key === key && (!action || t.action === action)) return true;
    return false;
  }

  all(): Timer[] {
    return this.items.slice(this.head);
  }

  /** The pending timers of one component, in no particular order (for a question whose answer needs none). */
  ofOwner(owner: string): Iterable<Timer> {
    return this.byOwner.get(owner) ?? [];
  }
}

function order(a: Timer, b: Timer): number {
  return a.at - b.at || a.seq - b.seq;
}
