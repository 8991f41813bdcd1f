import { Fifo } from '../sim/fifo.js';
import type { Timer } from '../sim/timers.js';
import type { World } from '../sim/world.js';

/** What a reconcile asks for next (controller-runtime's Result): nothing, or another look after a delay. */
export interface Result {
  requeueAfterMs?: number;
  /**
   * The look after the delay moves no story forward by itself (a CronJob's next time, a Job's back-off or deadline):
   * a command does not wait for it, virtual time reaches it as it catches up with the clock (or with `kubesim wait`).
   */
  patient?: boolean;
}

/**
 * A level-triggered reconciler keyed by `namespace/name`: it reads the current state, ignores what the
 * triggering event said, and treats "not found" as done.
 */
export interface Reconciler {
  readonly name: string;
  reconcile(key: string): Result;
}

/**
 * client-go's work queue semantics: a key waiting in the queue is not added twice, so a burst of events becomes
 * one reconcile. Delayed requeues go through the world's timers, so they survive between commands.
 */
export class WorkQueue {
  private readonly queue = new Fifo<string>();
  private readonly dirty = new Set<string>();

  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    this.queue.push(key);
  }

  get(): string | undefined {
    const key = this.queue.shift();
    if (key !== undefined) this.dirty.delete(key);
    return key;
  }

  has(key: string): boolean {
    return this.dirty.has(key);
  }

  get length(): number {
    return this.queue.length;
  }
}

/** Runs one reconciler: one key per step, requeues through timers owned by `controller/<name>`. */
export class Controller {
  readonly queue = new WorkQueue();
  readonly owner: string;

  constructor(
    private readonly w: World,
    readonly reconciler: Reconciler,
  ) {
    this.owner = `controller/${reconciler.name}`;
  }

  step(): boolean {
    const key = this.queue.get();
    if (key === undefined) return false;
    const result = this.reconciler.reconcile(key);
    if (result.requeueAfterMs !== undefined) {
      this.w.timers.cancel(this.owner, key);
      this.w.timers.add(this.w.clock.now() + result.requeueAfterMs, this.owner, key, 'requeue', { patient: result.patient });
    }
    return true;
  }

  onTimer(t: Timer): void {
    this.queue.add(t.key);
  }
}
