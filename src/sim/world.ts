import type { EventLog } from '../events/sink.js';
import type { Store } from '../store/store.js';
import type { VirtualClock } from './clock.js';
import type { Rand } from './rand.js';
import type { Timers } from './timers.js';
import type { ContainerMemory } from './container-memory.js';

/** What every simulated component shares: time, chance, the store and the event log. */
export interface World {
  clock: VirtualClock;
  rand: Rand;
  store: Store;
  log: EventLog;
  timers: Timers;
  /** What the container runtime remembers beyond the API: each running container's environment. */
  containers: ContainerMemory;
}
