import type { Timer } from './timers.js';
import type { World } from './world.js';

/** Anything that does one unit of work per step and says whether it did. */
export interface Component {
  step(): boolean;
}

export interface StabilizeOptions {
  /** How far the clock may jump to reach a timer that moves the story forward (pulls, starts, stops). */
  horizon: number;
  /** Until when patient timers (back-offs, grace periods) fire even if nothing else happens: `now` unless waiting. */
  patientUntil: number;
  /** Steps allowed before giving up (default: BASE_STEPS plus STEPS_PER_OBJECT per object stored, see stepBudget). */
  maxSteps?: number;
  /** Called every PROGRESS_EVERY steps, so a long run can show that it moves (the engine itself prints nothing). */
  onProgress?: (steps: number) => void;
}

export const PROGRESS_EVERY = 5_000;

/**
 * A run that never settles is a bug to report, not a hang: it stops after a budget that grows with the cluster, since
 * each object takes a few steps (a pod about ten: created, scheduled, bound, pulled, started, ready, its events).
 */
const BASE_STEPS = 1_000_000;
const STEPS_PER_OBJECT = 20;
const stepBudget = (w: World): number => BASE_STEPS + STEPS_PER_OBJECT * w.store.size;

export interface StabilizeResult {
  steps: number;
  converged: boolean;
}

/**
 * Runs the world to a fixed point (raft's Stabilize): deliver watch events, let each component do one unit of
 * work, and when everyone is idle, jump the clock to the next timer that moves the story forward (inside the
 * horizon). Components are asked in a fixed order, so the same state always unfolds the same way.
 */
export function runUntilStable(
  w: World,
  components: () => Component[],
  fire: (t: Timer) => void,
  opts: StabilizeOptions,
): StabilizeResult {
  let maxSteps = opts.maxSteps ?? stepBudget(w);
  let steps = 0;
  while (steps < maxSteps) {
    steps++;
    if (steps % PROGRESS_EVERY === 0) {
      opts.onProgress?.(steps);
      // the cluster grows as the run creates pods and events
      maxSteps = opts.maxSteps ?? stepBudget(w);
    }
    if (w.store.deliver() > 0) continue;
    if (components().some((c) => c.step())) continue;
    const next = w.timers.next();
    const progress = w.timers.nextProgress();
    // a jump to a progress timer carries every earlier timer along, patient or not, in time order
    const limit = Math.max(w.clock.now(), opts.patientUntil, progress && progress.at <= opts.horizon ? progress.at : -Infinity);
    if (next && next.at <= limit) {
      w.clock.advanceTo(next.at);
      // timers due at the same instant happen together, before anyone reacts: a controller then sees the pods of a
      // whole millisecond at once (150,000 pods finish their pulls about seven per virtual millisecond)
      for (let t = w.timers.next(); t && t.at === next.at; t = w.timers.next()) {
        w.timers.shift();
        fire(t);
      }
      continue;
    }
    return { steps, converged: true };
  }
  return { steps, converged: false };
}
