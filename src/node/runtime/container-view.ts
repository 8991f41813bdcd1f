import type { Container, KeyToPath, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { ContainerMemory, Env } from '../../sim/container-memory.js';
import type { Store } from '../../store/store.js';
import { lookup } from '../kubelet/config-refs.js';
import { CLUSTER_DOMAIN, DNS_SERVICE_IP } from '../network/dns.js';

/** A Secret's or ConfigMap's values as the container reads them: a Secret's are base64-decoded. */
function valuesOf(store: Store, ns: string, kind: 'secret' | 'configmap', name: string): Record<string, string> | undefined {
  const data = lookup(store, ns, kind, name)?.data;
  if (!data) return undefined;
  return kind === 'secret' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])) : data;
}

/** Docker-style Service links the kubelet adds (enableServiceLinks): FOO_SERVICE_HOST, FOO_PORT_80_TCP… */
function serviceLinks(store: Store, ns: string): Array<[string, string]> {
  const vars: Array<[string, string]> = [];
  for (const o of store.list(`/registry/services/specs/${ns}/`)) {
    const svc = o as unknown as Service;
    const ip = svc.spec?.clusterIP;
    const first = svc.spec?.ports?.[0];
    if (!ip || ip === 'None' || !first) continue;
    const prefix = svc.metadata!.name!.toUpperCase().replace(/-/g, '_');
    vars.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(first.port)], [`${prefix}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`]);
    for (const p of svc.spec?.ports ?? []) {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const base = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      vars.push([base, `${proto}://${ip}:${p.port}`], [`${base}_PROTO`, proto], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
    }
  }
  return vars;
}

/** The hostname the pod was given (an Indexed Job's JOB-INDEX), else its name. */
const hostnameOf = (pod: Pod): string => pod.spec?.hostname ?? pod.metadata!.name!;

/**
 * The environment a container sees, in two parts: its own variables (Secrets decoded, envFrom, the downward API), then
 * what every container of its namespace gets alike (Service links, HOME), which the runtime keeps once for all.
 */
export function environmentParts(store: Store, pod: Pod, c: Container): { own: Env; shared: Env } {
  const ns = pod.metadata!.namespace!;
  const own: Env = [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', hostnameOf(pod)]];
  for (const f of c.envFrom ?? []) {
    const data = f.secretRef ? valuesOf(store, ns, 'secret', f.secretRef.name ?? '') : f.configMapRef ? valuesOf(store, ns, 'configmap', f.configMapRef.name ?? '') : undefined;
    for (const [k, v] of Object.entries(data ?? {})) own.push([`${f.prefix ?? ''}${k}`, v]);
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
    if (ref) {
      const value = valuesOf(store, ns, e.valueFrom?.secretKeyRef ? 'secret' : 'configmap', ref.name ?? '')?.[ref.key];
      if (value !== undefined) own.push([e.name, value]);
    } else if (e.valueFrom?.fieldRef) own.push([e.name, fieldValue(pod, e.valueFrom.fieldRef.fieldPath)]);
    else own.push([e.name, e.value ?? '']);
  }
  const shared: Env = pod.spec?.enableServiceLinks !== false ? serviceLinks(store, ns) : [];
  shared.push(['HOME', '/root']);
  return { own, shared };
}

/**
 * The downward API's value of a pod field (fieldRef.fieldPath): its name, namespace, UID, one label or annotation
 * (`metadata.labels['app']`), node, service account, addresses. An unset field is empty.
 */
function fieldValue(pod: Pod, path: string): string {
  const keyed = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (keyed) return pod.metadata?.[keyed[1] as 'labels' | 'annotations']?.[keyed[2]!] ?? '';
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.hostIP': pod.status?.hostIP,
    'status.podIP': pod.status?.podIP,
  };
  return fields[path] ?? '';
}

/** The environment a container sees: its variables (Secrets decoded), envFrom, the downward API and Service links. */
export function environment(store: Store, pod: Pod, c: Container): Env {
  const { own, shared } = environmentParts(store, pod, c);
  return [...own, ...shared];
}

/** The environment the running container got when it started (computed now for one the runtime has no record of). */
export function startedEnvironment(store: Store, memory: ContainerMemory, pod: Pod, c: Container): Env {
  const id = pod.status?.containerStatuses?.find((s) => s.name === c.name)?.containerID?.replace(/^containerd:\/\//, '');
  return (id && memory.environment(id)) || environment(store, pod, c);
}

/** A volume's files: every key at its own name, or only the listed items at their paths. */
function filesOf(data: Record<string, string>, items: KeyToPath[] | undefined): Map<string, string> {
  const entries = items?.length ? items.filter((i) => data[i.key] !== undefined).map((i) => [i.path, data[i.key]] as const) : Object.entries(data);
  return new Map(entries);
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Files a container can read: resolv.conf, hostname, its service account's namespace, the keys of its Secret
 * and ConfigMap volumes (ConfigMaps and Secrets are files to the app, updated by the kubelet), and the pod fields of
 * its downward API volumes.
 */
export function readFile(store: Store, pod: Pod, c: Container, path: string): string | undefined {
  const ns = pod.metadata!.namespace!;
  if (path === '/etc/resolv.conf') return `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:5\n`;
  if (path === '/etc/hostname') return `${hostnameOf(pod)}\n`;
  if (path === `${SERVICE_ACCOUNT_DIR}/namespace` && pod.spec?.automountServiceAccountToken !== false) return ns;
  for (const m of c.volumeMounts ?? []) {
    const dir = m.mountPath.replace(/\/$/, '');
    if (!path.startsWith(`${dir}/`)) continue;
    const v = pod.spec?.volumes?.find((x) => x.name === m.name);
    const rel = path.slice(dir.length + 1);
    if (v?.secret) return filesOf(valuesOf(store, ns, 'secret', v.secret.secretName ?? '') ?? {}, v.secret.items).get(rel);
    if (v?.configMap) return filesOf(valuesOf(store, ns, 'configmap', v.configMap.name ?? '') ?? {}, v.configMap.items).get(rel);
    const item = v?.downwardAPI?.items?.find((i) => i.path === rel && i.fieldRef);
    if (item) return fieldValue(pod, item.fieldRef!.fieldPath);
  }
  return undefined;
}
