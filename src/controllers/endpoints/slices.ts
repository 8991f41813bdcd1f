import { jsonEqual } from '../../api/object.js';

/** kube-controller-manager's --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** An EndpointSlice endpoint, as far as placing it goes: one address (kubesim's pods have one IP), and its pod. */
export interface SliceEndpoint {
  addresses: string[];
  targetRef?: { name?: string };
}

/** A slice as the plan reads it: its endpoints and ports. */
export interface ExistingSlice {
  endpoints?: SliceEndpoint[];
  ports?: unknown;
}

/** What to write: slices to update with their new endpoints (and the Service's ports), slices to create, to delete. */
export interface SlicePlan<S, E> {
  update: Array<{ slice: S; endpoints: E[] }>;
  create: E[][];
  remove: S[];
}

const ipOf = (e: SliceEndpoint) => e.addresses[0] ?? '';
const byIp = (a: SliceEndpoint, b: SliceEndpoint) => (ipOf(a) < ipOf(b) ? -1 : ipOf(a) > ipOf(b) ? 1 : 0);

/**
 * The wanted endpoints not placed yet, by address. An endpoint is its address and its pod: pods on the host's network
 * share their node's address, and only those make a list under one address.
 */
class Unplaced<E extends SliceEndpoint> {
  private readonly byIp = new Map<string, E | E[]>();

  constructor(wanted: E[]) {
    for (const e of wanted) {
      const had = this.byIp.get(ipOf(e));
      this.byIp.set(ipOf(e), had === undefined ? e : Array.isArray(had) ? [...had, e] : [had, e]);
    }
  }

  /** The wanted endpoint that `e` (in a slice) stands for, taken out; none if its address and pod are no longer wanted. */
  take(e: SliceEndpoint): E | undefined {
    const had = this.byIp.get(ipOf(e));
    if (had === undefined) return undefined;
    const samePod = (w: E) => w.targetRef?.name === e.targetRef?.name;
    if (!Array.isArray(had)) {
      if (!samePod(had)) return undefined;
      this.byIp.delete(ipOf(e));
      return had;
    }
    const i = had.findIndex(samePod);
    if (i < 0) return undefined;
    const [taken] = had.splice(i, 1);
    if (!had.length) this.byIp.delete(ipOf(e));
    return taken;
  }

  /** Those left, in the order they were wanted. */
  rest(): E[] {
    return [...this.byIp.values()].flat() as E[];
  }
}

/**
 * The EndpointSlice reconciler's plan for one Service (reconcileByPortMapping), at most 100 endpoints a slice. Each
 * slice keeps those of its endpoints still wanted, in place; slices with other ports give theirs up. The new endpoints
 * fill the slices already being changed, then new slices, and the last few go into an unchanged slice with room for
 * them all rather than a slice of their own. A slice to delete is reused for one to create (one update, not two
 * writes), and a Service without any endpoint keeps one empty slice (the placeholder). A slice is written only if it
 * changed, its endpoints in address order: a pod getting ready rewrites one slice of 100, not the Service's thousands.
 */
export function planSlices<S extends ExistingSlice, E extends SliceEndpoint>(existing: S[], wanted: E[], ports: unknown): SlicePlan<S, E> {
  const left = new Unplaced(wanted);
  const remove: S[] = [];
  const kept: Array<{ slice: S; endpoints: E[]; changed: boolean }> = [];
  for (const slice of existing) {
    if (!jsonEqual(slice.ports, ports)) {
      remove.push(slice);
      continue;
    }
    const endpoints: E[] = [];
    let changed = false;
    for (const e of slice.endpoints ?? []) {
      const want = left.take(e);
      if (!want) {
        changed = true;
        continue;
      }
      if (!jsonEqual(e, want)) changed = true;
      endpoints.push(want);
    }
    // an empty slice (the placeholder) is filled or goes once the Service has endpoints
    kept.push({ slice, endpoints, changed: changed || (!endpoints.length && wanted.length > 0) });
  }
  const fresh = left.rest();
  let next = 0;
  for (const k of kept) {
    while (k.changed && next < fresh.length && k.endpoints.length < MAX_ENDPOINTS_PER_SLICE) k.endpoints.push(fresh[next++]!);
  }
  const create: E[][] = [];
  for (; next < fresh.length; next += MAX_ENDPOINTS_PER_SLICE) create.push(fresh.slice(next, next + MAX_ENDPOINTS_PER_SLICE));
  const last = create.at(-1);
  const roomy = last && last.length < MAX_ENDPOINTS_PER_SLICE && kept.find((k) => !k.changed && k.endpoints.length + last.length <= MAX_ENDPOINTS_PER_SLICE);
  if (roomy) {
    roomy.endpoints.push(...create.pop()!);
    roomy.changed = true;
  }
  const update: Array<{ slice: S; endpoints: E[] }> = [];
  for (const k of kept) {
    if (!k.endpoints.length && k.changed) remove.push(k.slice);
    else if (k.changed) update.push({ slice: k.slice, endpoints: k.endpoints.sort(byIp) });
  }
  // the placeholder: a Service with no endpoint keeps one slice, empty
  if (!wanted.length && !update.length && !create.length && !kept.some((k) => !k.changed)) create.push([]);
  while (remove.length && create.length) update.push({ slice: remove.shift()!, endpoints: create.shift()!.sort(byIp) });
  return { update, create: create.map((c) => c.sort(byIp)), remove };
}
