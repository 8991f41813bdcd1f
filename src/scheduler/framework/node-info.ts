import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import { bytes, milliCpu, parseQuantity } from '../../api/quantity.js';
import { podRequests, type Requests } from '../../api/pods.js';

/** What the scheduler knows of a node: allocatable, what its pods request, which images it holds (framework.NodeInfo). */
export interface NodeInfo {
  name: string;
  node: Node;
  /**
   * What the filters read of every node for every pod, read off the Node once: Node objects come in many shapes, and
   * a property read across thousands of them costs more than the check itself.
   */
  unschedulable: boolean;
  taints: Taint[];
  labels: Record<string, string>;
  /**
   * Its kubernetes.io/hostname label, read once: default spreading reads it on 500 nodes per pod, and a lookup in
   * 5,000 label objects scattered over a heap of 150,000 pods cost 2 s of a 150,000-pod apply.
   */
  hostname: string | undefined;
  allocatable: Requests & { pods: number };
  requested: Requests;
  /** Requests with 100m / 200Mi counted for containers that ask for nothing: what LeastAllocated scores. */
  nonZeroRequested: Requests;
  podCount: number;
  images: Map<string, number>;
  /** The pods on the node, assumed ones included (NodeInfo.Pods): what spreading and inter-pod affinity count. */
  pods: Pod[];
  /** The pods with any pod (anti-)affinity, and those with required anti-affinity: the few that other pods' cycles read. */
  podsWithAffinity: Pod[];
  podsWithRequiredAntiAffinity: Pod[];
  /** The claims its pods use, `namespace/name` → how many pods (PVCRefCounts). */
  pvcRefCounts: Map<string, number>;
  /** Host ports in use, as `ip protocol/port` (HostPortInfo), each with how many pods hold it. */
  usedPorts: Map<string, number>;
  /** How many of the pods each selector counts (see countMatching), kept up to date as pods come and go. */
  matchCounts: Map<PodSelector, number>;
}

/** A label selector within one namespace, as PodTopologySpread counts pods (countPodsMatchSelector). */
export interface PodSelector {
  /** Names the selector and namespace: the same key, the same object (counts are kept by object). */
  key: string;
  namespace: string;
  matches(labels: Record<string, string> | undefined): boolean;
}

const counted = (pod: Pod, s: PodSelector) => !pod.metadata?.deletionTimestamp && pod.metadata?.namespace === s.namespace && s.matches(pod.metadata?.labels);

/**
 * countPodsMatchSelector: the node's pods of the selector's namespace, not terminating, whose labels match. A count is
 * worked out once per node and selector, then kept by accountPod: spreading a Deployment over 5,000 nodes would
 * otherwise read every pod of 500 nodes at each of its pods' cycles.
 */
export function countMatching(info: NodeInfo, selector: PodSelector): number {
  const known = info.matchCounts.get(selector);
  if (known !== undefined) return known;
  let count = 0;
  for (const pod of info.pods) if (counted(pod, selector)) count++;
  info.matchCounts.set(selector, count);
  return count;
}

export const hasPodAffinity = (pod: Pod) => !!(pod.spec?.affinity?.podAffinity || pod.spec?.affinity?.podAntiAffinity);
const hasRequiredAntiAffinity = (pod: Pod) => !!pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length;

/** The host ports a pod asks for, as usedPorts keys: `0.0.0.0` and TCP where the pod names none. */
export function hostPortsOf(pod: Pod): Array<{ ip: string; protocol: string; port: number }> {
  const ports: Array<{ ip: string; protocol: string; port: number }> = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) ports.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort! });
  }
  return ports;
}

const portKey = (p: { ip: string; protocol: string; port: number }) => `${p.ip} ${p.protocol}/${p.port}`;

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * Zero, but stored as a double from the start: memory in bytes passes 2^31 (V8's small integers) after 16 pods of
 * 128Mi on a node, and the field changing representation mid-run made every later scheduling cycle 40% slower.
 */
const DOUBLE_ZERO = -0;

/** A node's scheduling view; `previous` (the same node before a change) hands over what its pods add up to. */
export function newNodeInfo(node: Node, previous?: NodeInfo): NodeInfo {
  const alloc = node.status?.allocatable ?? {};
  const images = new Map<string, number>();
  for (const img of node.status?.images ?? []) for (const n of img.names ?? []) images.set(n, img.sizeBytes ?? 0);
  // one literal of one shape: the filters read these fields on thousands of nodes per pod, and objects made by spreading
  // another into a literal get a slower shape
  return {
    name: node.metadata!.name!,
    node,
    unschedulable: !!node.spec?.unschedulable,
    taints: node.spec?.taints ?? [],
    labels: node.metadata?.labels ?? {},
    hostname: node.metadata?.labels?.[HOSTNAME_LABEL],
    allocatable: { milliCpu: milliCpu(alloc.cpu), memory: bytes(alloc.memory), pods: parseQuantity(alloc.pods) ?? 110 },
    requested: previous?.requested ?? { milliCpu: 0, memory: DOUBLE_ZERO },
    nonZeroRequested: previous?.nonZeroRequested ?? { milliCpu: 0, memory: DOUBLE_ZERO },
    podCount: previous?.podCount ?? 0,
    images,
    pods: previous?.pods ?? [],
    podsWithAffinity: previous?.podsWithAffinity ?? [],
    podsWithRequiredAntiAffinity: previous?.podsWithRequiredAntiAffinity ?? [],
    pvcRefCounts: previous?.pvcRefCounts ?? new Map(),
    usedPorts: previous?.usedPorts ?? new Map(),
    matchCounts: previous?.matchCounts ?? new Map(),
  };
}

function addCount(counts: Map<string, number>, key: string, sign: 1 | -1): void {
  const n = (counts.get(key) ?? 0) + sign;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

function addOrRemove(list: Pod[], pod: Pod, sign: 1 | -1): void {
  if (sign > 0) list.push(pod);
  else {
    const i = list.indexOf(pod);
    if (i >= 0) list.splice(i, 1);
  }
}

/** Adds (sign 1) or removes (sign -1) a pod's requests on its node. */
export function accountPod(info: NodeInfo, pod: Pod, sign: 1 | -1): void {
  const r = podRequests(pod);
  const nz = podRequests(pod, true);
  info.requested.milliCpu += sign * r.milliCpu;
  info.requested.memory += sign * r.memory;
  info.nonZeroRequested.milliCpu += sign * nz.milliCpu;
  info.nonZeroRequested.memory += sign * nz.memory;
  info.podCount += sign;
  addOrRemove(info.pods, pod, sign);
  if (hasPodAffinity(pod)) addOrRemove(info.podsWithAffinity, pod, sign);
  if (hasRequiredAntiAffinity(pod)) addOrRemove(info.podsWithRequiredAntiAffinity, pod, sign);
  for (const port of hostPortsOf(pod)) addCount(info.usedPorts, portKey(port), sign);
  for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim) addCount(info.pvcRefCounts, `${pod.metadata?.namespace}/${v.persistentVolumeClaim.claimName}`, sign);
  for (const [selector, count] of info.matchCounts) if (counted(pod, selector)) info.matchCounts.set(selector, count + sign);
}

/** HostPortInfo.CheckConflict: a wildcard address conflicts with any address on the same protocol and port. */
export function portConflicts(info: NodeInfo, want: { ip: string; protocol: string; port: number }): boolean {
  if (info.usedPorts.has(portKey(want)) || info.usedPorts.has(portKey({ ...want, ip: '0.0.0.0' }))) return true;
  if (want.ip !== '0.0.0.0') return false;
  const suffix = ` ${want.protocol}/${want.port}`;
  for (const key of info.usedPorts.keys()) if (key.endsWith(suffix)) return true;
  return false;
}
