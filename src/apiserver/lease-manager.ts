import type { World } from '../sim/world.js';

/** kube-apiserver's --event-ttl default: an event is deleted an hour after its last write. */
export const EVENT_TTL_SECONDS = 3600;

/** The owner of the timers at which leases run out: etcd's lessor (the cluster revokes them then). */
export const LESSOR = 'etcd/lessor';

// staging/src/k8s.io/apiserver/pkg/storage/etcd3/lease_manager.go: a lease is reused by the writes of a minute (at
// most 5 % of the TTL), for at most 1,000 objects, and granted with that much extra time
const REUSE_SECONDS = 60;
const REUSE_PERCENT = 0.05;
const MAX_OBJECTS_PER_LEASE = 1000;

/**
 * The API server's lease manager: writes with a TTL (events) get an etcd lease, the previous one while it runs out late
 * enough, else a new one. A command's API server starts from the store's latest lease, as the long-running
 * kube-apiserver would still hold it (the count of objects it carries starts again).
 */
export class LeaseManager {
  private previous?: { id: number; expiresAt: number };
  private attached = 0;

  constructor(private readonly w: World) {
    this.previous = w.store.latestLease();
  }

  /** The lease for a write that must go `ttlSeconds` from now. */
  leaseFor(ttlSeconds: number): number {
    const now = this.w.clock.now();
    const reuseSeconds = Math.min(REUSE_SECONDS, Math.floor(REUSE_PERCENT * ttlSeconds));
    const prev = this.previous;
    this.attached++;
    const valid = prev && now + ttlSeconds * 1000 < prev.expiresAt;
    // (at or after: upstream's clock never reads the same nanosecond twice; a virtual one does, for a whole burst)
    const sufficient = prev && now + (ttlSeconds + reuseSeconds) * 1000 >= prev.expiresAt;
    if (prev && valid && sufficient && this.attached <= MAX_OBJECTS_PER_LEASE) return prev.id;
    const expiresAt = now + (ttlSeconds + reuseSeconds) * 1000;
    const id = this.w.store.grantLease(expiresAt);
    // a lease running out does not move the story forward: it goes when time passes by (between commands, `wait`)
    this.w.timers.add(expiresAt, LESSOR, String(id), 'expire', { patient: true });
    this.previous = { id, expiresAt };
    this.attached = 1;
    return id;
  }
}
