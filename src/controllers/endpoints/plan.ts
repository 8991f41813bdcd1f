import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { EndpointPort } from 'kubernetes-types/discovery/v1.js';
import { isReady, isTerminal } from '../../api/pods.js';

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  pod: Pod;
  ready: boolean;
  terminating: boolean;
}

/** A service port's target on a pod: a number, or a named container port (FindPort). */
export function resolveTargetPort(port: ServicePort, pod: Pod): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    const found = c.ports?.find((p) => p.name === target && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (found) return found.containerPort;
  }
  return undefined;
}

function addressOf(p: Pod, publishNotReady: boolean): EndpointAddress {
  return {
    ip: p.status!.podIP!,
    nodeName: p.spec?.nodeName,
    pod: p,
    ready: publishNotReady || (isReady(p) && !p.metadata?.deletionTimestamp),
    terminating: !!p.metadata?.deletionTimestamp,
  };
}

/**
 * Each stored pod's address, as a Service without publishNotReadyAddresses sees it. A stored object never changes (a new
 * version is a new object), so this holds as long as the pod object lives. A Service of thousands of pods is synced
 * each time one of them gets ready: without it, each sync read every pod's conditions again.
 */
const ADDRESSES = new WeakMap<Pod, EndpointAddress>();

function cachedAddressOf(p: Pod): EndpointAddress {
  let address = ADDRESSES.get(p);
  if (!address) ADDRESSES.set(p, (address = addressOf(p, false)));
  return address;
}

/** Which pods back a service, and whether each may receive traffic (ready) or is on its way out. */
export function endpointAddresses(svc: Service, pods: Pod[]): EndpointAddress[] {
  const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
  return pods
    .filter((p) => p.status?.podIP && !isTerminal(p))
    .map((p) => (publishNotReady ? addressOf(p, true) : cachedAddressOf(p)))
    .sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
}

/**
 * endpoints_controller.go's maxCapacity: an Endpoints object holds at most 1,000 addresses, and says so with this
 * annotation past that (EndpointSlices hold them all: kube-proxy reads those).
 */
export const MAX_CAPACITY = 1000;
export const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

/**
 * truncateEndpoints for the one subset kubesim writes: ready addresses come first; past 1,000 ready ones, the first
 * 1,000 (in address order) and no not-ready one, else every ready one and as many not-ready ones as fit.
 */
export function truncated<T>(ready: T[], notReady: T[]): { ready: T[]; notReady: T[]; truncated: boolean } {
  if (ready.length + notReady.length <= MAX_CAPACITY) return { ready, notReady, truncated: false };
  if (ready.length > MAX_CAPACITY) return { ready: ready.slice(0, MAX_CAPACITY), notReady: [], truncated: true };
  return { ready, notReady: notReady.slice(0, MAX_CAPACITY - ready.length), truncated: true };
}

export function endpointPorts(svc: Service, sample: Pod | undefined): EndpointPort[] {
  return (svc.spec?.ports ?? []).map((p) => ({
    name: p.name ?? '',
    port: sample ? resolveTargetPort(p, sample) : typeof p.targetPort === 'number' ? p.targetPort : p.port,
    protocol: p.protocol ?? 'TCP',
  }));
}
