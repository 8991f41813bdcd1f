import type { Timer } from './timers.js';
import type { World } from './world.js';

/** Anything that does one unit of work per step and says whether it did. */
export interface Component {
  step(): boolean;
}

export interface StabilizeOptions {
  /** Timers due after this virtual time stay pending (they will fire in a later command). */
  horizon: number;
  maxSteps?: number;
}

export interface StabilizeResult {
  steps: number;
  converged: boolean;
}

/**
 * Runs the world to a fixed point (raft's Stabilize): deliver watch events, let each component do one unit of
 * work, and when everyone is idle, jump the clock to the next timer inside the horizon. Components are asked in
 * a fixed order, so the same state always unfolds the same way.
 */
export function runUntilStable(
  w: World,
  components: () => Component[],
  fire: (t: Timer) => void,
  opts: StabilizeOptions,
): StabilizeResult {
  const maxSteps = opts.maxSteps ?? 1_000_000;
  let steps = 0;
  while (steps < maxSteps) {
    steps++;
    if (w.store.deliver() > 0) continue;
    if (components().some((c) => c.step())) continue;
    const next = w.timers.next();
    if (next && next.at <= opts.horizon) {
      w.timers.shift();
      w.clock.advanceTo(next.at);
      fire(next);
      continue;
    }
    return { steps, converged: true };
  }
  return { steps, converged: false };
}
