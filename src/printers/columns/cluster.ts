import type { Event, Namespace, Node } from 'kubernetes-types/core/v1.js';
import type { ClusterRoleBinding, RoleBinding } from 'kubernetes-types/rbac/v1.js';
import { age } from '../duration.js';
import type { Columns } from './types.js';

function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  let status = !ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady';
  if (node.spec?.unschedulable) status += ',SchedulingDisabled';
  return status;
}

function roles(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const set = new Set<string>();
  for (const [k, v] of Object.entries(labels)) {
    if (k.startsWith('node-role.kubernetes.io/')) set.add(k.slice('node-role.kubernetes.io/'.length));
    if (k === 'kubernetes.io/role' && v) set.add(v);
  }
  return set.size ? [...set].sort().join(',') : '<none>';
}

export const nodeColumns: Columns = {
  headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(o, now) {
    const n = o as unknown as Node;
    return [o.metadata.name, nodeStatus(n), roles(n), age(o.metadata.creationTimestamp, now), n.status?.nodeInfo?.kubeletVersion ?? ''];
  },
  wideRow(o) {
    const n = o as unknown as Node;
    const addr = (t: string) => n.status?.addresses?.find((a) => a.type === t)?.address ?? '<none>';
    const info = n.status?.nodeInfo;
    return [addr('InternalIP'), addr('ExternalIP'), info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>'];
  },
};

export const namespaceColumns: Columns = {
  headers: ['NAME', 'STATUS', 'AGE'],
  wideHeaders: [],
  row: (o, now) => [o.metadata.name, (o as unknown as Namespace).status?.phase ?? 'Active', age(o.metadata.creationTimestamp, now)],
  wideRow: () => [],
};

function eventLastSeen(e: Event, now: number): string {
  const last = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return age(last, now);
}

export const eventColumns: Columns = {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideHeaders: [],
  row(o, now) {
    const e = o as unknown as Event;
    const obj = `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name}`;
    return [eventLastSeen(e, now), e.type ?? '', e.reason ?? '', obj, (e.message ?? '').trim()];
  },
  wideRow: () => [],
};

/** Wide events insert SUBOBJECT and SOURCE before MESSAGE and append FIRST SEEN, COUNT, NAME. */
export function wideEventRow(o: Parameters<Columns['row']>[0], now: number): string[] {
  const e = o as unknown as Event;
  // formatEventSource: the core recorder's source, else the events.k8s.io recorder's reporting controller and instance
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  const source = instance ? `${component}, ${instance}` : component;
  const [lastSeen, type, reason, obj, message] = eventColumns.row(o, now);
  // singleton events of the events.k8s.io API have no count
  const count = e.series?.count ?? (e.count || 1);
  return [lastSeen, type, reason, obj, e.involvedObject.fieldPath ?? '', source, message, age(e.firstTimestamp ?? e.eventTime, now), String(count), o.metadata.name];
}

export const WIDE_EVENT_HEADERS = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'];

export const configMapColumns: Columns = {
  headers: ['NAME', 'DATA', 'AGE'],
  wideHeaders: [],
  row: (o, now) => [o.metadata.name, String(Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length), age(o.metadata.creationTimestamp, now)],
  wideRow: () => [],
};

export const secretColumns: Columns = {
  headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
  wideHeaders: [],
  row: (o, now) => [o.metadata.name, String(o.type ?? 'Opaque'), String(Object.keys((o.data as object) ?? {}).length), age(o.metadata.creationTimestamp, now)],
  wideRow: () => [],
};

export const serviceAccountColumns: Columns = {
  headers: ['NAME', 'SECRETS', 'AGE'],
  wideHeaders: [],
  row: (o, now) => [o.metadata.name, String(((o.secrets as unknown[]) ?? []).length), age(o.metadata.creationTimestamp, now)],
  wideRow: () => [],
};

/** Resources the server has no printer for get the default table: NAME and CREATED AT. */
export const defaultColumns: Columns = {
  headers: ['NAME', 'CREATED AT'],
  wideHeaders: [],
  row: (o) => [o.metadata.name, o.metadata.creationTimestamp ?? '<unknown>'],
  wideRow: () => [],
};

function subjects(b: RoleBinding | ClusterRoleBinding, kind: string): string {
  return (b.subjects ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');
}

export const bindingColumns: Columns = {
  headers: ['NAME', 'ROLE', 'AGE'],
  wideHeaders: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
  row(o, now) {
    const b = o as unknown as RoleBinding;
    return [o.metadata.name, `${b.roleRef.kind}/${b.roleRef.name}`, age(o.metadata.creationTimestamp, now)];
  },
  wideRow(o) {
    const b = o as unknown as RoleBinding;
    return [subjects(b, 'User'), subjects(b, 'Group'), subjects(b, 'ServiceAccount')];
  },
};
