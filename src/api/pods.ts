import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { KObject } from './object.js';
import { bytes, milliCpu } from './quantity.js';

export const asPod = (o: KObject): Pod => o as unknown as Pod;

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** controller.IsPodActive: not finished and not being deleted. */
export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata?.deletionTimestamp;
}

/** The store index of pods by the node they are bound to (what a kubelet watches with fieldSelector spec.nodeName). */
export const PODS_BY_NODE = 'spec.nodeName';

export const podNodeValues = (pod: KObject): string[] => {
  const node = asPod(pod).spec?.nodeName;
  return node ? [node] : [];
};

export function isReady(pod: Pod): boolean {
  return !!pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

export interface Requests {
  milliCpu: number;
  memory: number;
}

/** Scheduler defaults for containers without requests (DefaultMilliCPURequest, DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU = 100;
export const DEFAULT_MEMORY = 200 * 1024 * 1024;

function containerRequests(c: Container, nonZero: boolean): Requests {
  const req = c.resources?.requests ?? {};
  const cpu = req.cpu !== undefined ? milliCpu(req.cpu) : nonZero ? DEFAULT_MILLI_CPU : 0;
  const memory = req.memory !== undefined ? bytes(req.memory) : nonZero ? DEFAULT_MEMORY : 0;
  return { milliCpu: cpu, memory };
}

/**
 * A pod's request: max(Σ containers, largest init container) (resource helpers). With nonZero, containers that
 * request nothing count as 100m / 200Mi, which is what the scheduler's scoring uses.
 */
export function podRequests(pod: Pod, nonZero = false): Requests {
  const sum = { milliCpu: 0, memory: 0 };
  for (const c of pod.spec?.containers ?? []) {
    const r = containerRequests(c, nonZero);
    sum.milliCpu += r.milliCpu;
    sum.memory += r.memory;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    sum.milliCpu = Math.max(sum.milliCpu, r.milliCpu);
    sum.memory = Math.max(sum.memory, r.memory);
  }
  return sum;
}

export function podKey(pod: { metadata?: { namespace?: string; name?: string } }): string {
  return `${pod.metadata?.namespace}/${pod.metadata?.name}`;
}

/** v1qos.GetPodQOS. */
export function qosClass(pod: Pod): string {
  const containers = pod.spec?.containers ?? [];
  const hasAny = containers.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!hasAny) return 'BestEffort';
  const guaranteed = containers.every((c) => {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    return ['cpu', 'memory'].every((r) => lim[r] !== undefined && (req[r] === undefined || String(req[r]) === String(lim[r])));
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
