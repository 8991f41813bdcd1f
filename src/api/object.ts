import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';

/** kubernetes-types marks server-owned fields readonly; the server is exactly who writes them. */
export type Writable<T> = { -readonly [K in keyof T]: T[K] };

export type Meta = Writable<ObjectMeta> & { name: string };

/** Any API object as stored: typed access goes through the kubernetes-types interfaces. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  [field: string]: unknown;
}

export function nsName(obj: { metadata?: { namespace?: string; name?: string } }): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : `${m.name}`;
}

export function controllerOf(obj: { metadata?: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((o) => o.controller);
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Sorted `k=v,k2=v2`, or `<none>`: kubectl's labels.FormatLabels. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}
