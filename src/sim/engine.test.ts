import { describe, expect, it } from 'vitest';
import { EventLog } from '../events/sink.js';
import { Store } from '../store/store.js';
import { VirtualClock } from './clock.js';
import { ContainerMemory } from './container-memory.js';
import { runUntilStable, type Component } from './engine.js';
import { Rand } from './rand.js';
import { Timers } from './timers.js';
import type { World } from './world.js';

function world(objects: number): World {
  const clock = new VirtualClock(0);
  const store = new Store();
  for (let i = 0; i < objects; i++) store.create(`/registry/configmaps/default/cm-${i}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` } });
  return { clock, store, rand: Rand.fromSeed('engine'), log: new EventLog(() => clock.now()), timers: new Timers([]), containers: new ContainerMemory() };
}

/** A component with `work` units to do, one per step (Infinity: a livelock, always something to do). */
const busy = (work: number): Component => ({ step: () => work-- > 0 });

describe('the engine', () => {
  it('runs until every component is idle', () => {
    const components = [busy(3), busy(5)];
    expect(runUntilStable(world(0), () => components, () => {}, { horizon: 0, patientUntil: 0 })).toEqual({ steps: 9, converged: true });
  });

  it('gives up on a livelock after its step budget', () => {
    const livelock = [busy(Infinity)];
    expect(runUntilStable(world(0), () => livelock, () => {}, { horizon: 0, patientUntil: 0, maxSteps: 1000 })).toEqual({ steps: 1000, converged: false });
  });

  it('allows a bigger cluster more steps: 150,000 pods take more than a million', () => {
    // a million steps and 20 per stored object: 1,000 objects → 1,020,000
    const long = [busy(1_010_000)];
    const r = runUntilStable(world(1000), () => long, () => {}, { horizon: 0, patientUntil: 0 });
    expect(r.converged).toBe(true);
    const livelock = [busy(Infinity)];
    expect(runUntilStable(world(1000), () => livelock, () => {}, { horizon: 0, patientUntil: 0 }).steps).toBe(1_020_000);
  });
});
