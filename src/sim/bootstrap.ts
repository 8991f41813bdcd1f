import type { KObject } from '../api/object.js';
import { resolveResource } from '../api/resources.js';
import { DEFAULT_CLASS_ANNOTATION } from '../api/storage.js';
import { KUBERNETES_VERSION } from '../api/version.js';
import { ADMIN, nodeUser } from '../apiserver/authn.js';
import { parseImage } from '../node/runtime/images.js';
import { fakeDigest } from '../node/runtime/digest.js';
import { nodeAddress, nodePodCidr, podSubnetFor } from './addresses.js';
import { userFacingRoles } from './user-facing-roles.js';
import { Cluster, type ClusterOptions, type ClusterState } from './cluster.js';
import { Rand } from './rand.js';
import { rfc3339 } from './clock.js';

export interface ClusterSpec {
  name: string;
  workers: number;
  cpu: string;
  memory: string;
  seed: string;
}

export const DEFAULT_SPEC: Omit<ClusterSpec, 'seed'> = { name: 'kubesim', workers: 3, cpu: '4', memory: '8Gi' };

/** Images kind preloads on every node, so system pods start without pulling. */
const PRELOADED = [
  ['registry.k8s.io/pause:3.10', 320_368],
  ['registry.k8s.io/etcd:3.6.4-0', 22_856_221],
  ['registry.k8s.io/kube-apiserver:v1.34.0', 30_068_428],
  ['registry.k8s.io/kube-controller-manager:v1.34.0', 27_646_441],
  ['registry.k8s.io/kube-scheduler:v1.34.0', 20_387_342],
  ['registry.k8s.io/kube-proxy:v1.34.0', 28_356_820],
  ['registry.k8s.io/coredns/coredns:v1.12.1', 22_377_296],
] as const;

const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });

/** The API server's bootstrap RBAC policy (a subset): who may do what in a fresh kubeadm cluster. */
function rbacPolicy(now: string): KObject[] {
  const role = (name: string, rules: object[]) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' }, creationTimestamp: now },
    rules,
  });
  const binding = (name: string, roleName: string, subject: { kind: string; name: string }) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, creationTimestamp: now },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
  });
  const all = ['*'];
  return [
    role('cluster-admin', [rule(all, all, all), { nonResourceURLs: all, verbs: all }]),
    role('system:kube-scheduler', [
      rule([''], ['pods', 'nodes', 'namespaces', 'services'], ['get', 'list', 'watch']),
      rule([''], ['pods/binding'], ['create']),
      rule([''], ['pods/status'], ['update', 'patch']),
      rule(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']),
    ]),
    role('system:volume-scheduler', [
      rule([''], ['persistentvolumes', 'persistentvolumeclaims'], ['get', 'list', 'patch', 'update', 'watch']),
      rule(['storage.k8s.io'], ['storageclasses'], ['get', 'list', 'watch']),
    ]),
    role('system:kube-controller-manager', [rule(all, all, all)]),
    role('system:node', [
      rule([''], ['pods', 'nodes', 'services', 'endpoints', 'configmaps', 'secrets'], ['get', 'list', 'watch']),
      rule([''], ['persistentvolumeclaims', 'persistentvolumes'], ['get']),
      rule([''], ['pods', 'pods/status', 'nodes', 'nodes/status'], ['create', 'update', 'patch', 'delete']),
      rule(['', 'events.k8s.io'], ['events'], ['create', 'patch', 'update']),
    ]),
    role('system:node-proxier', [rule(['', 'discovery.k8s.io'], ['services', 'endpoints', 'endpointslices', 'nodes'], ['get', 'list', 'watch'])]),
    ...userFacingRoles((name, labels) => ({ name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' }, creationTimestamp: now })),
    binding('cluster-admin', 'cluster-admin', { kind: 'Group', name: 'system:masters' }),
    binding('kubeadm:cluster-admins', 'cluster-admin', { kind: 'Group', name: 'kubeadm:cluster-admins' }),
    binding('system:kube-scheduler', 'system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' }),
    binding('system:volume-scheduler', 'system:volume-scheduler', { kind: 'User', name: 'system:kube-scheduler' }),
    binding('system:kube-controller-manager', 'system:kube-controller-manager', { kind: 'User', name: 'system:kube-controller-manager' }),
    binding('system:node', 'system:node', { kind: 'Group', name: 'system:nodes' }),
    binding('kubeadm:node-proxier', 'system:node-proxier', { kind: 'User', name: 'system:kube-proxy' }),
  ] as unknown as KObject[];
}

function nodeObject(name: string, index: number, spec: ClusterSpec, controlPlane: boolean, now: string): KObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
  };
  const resources = { cpu: spec.cpu, 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: spec.memory, pods: '110' };
  const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: now });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' } },
    spec: {
      podCIDR: nodePodCidr(podSubnetFor(spec.workers + 1), index),
      podCIDRs: [nodePodCidr(podSubnetFor(spec.workers + 1), index)],
      providerID: `kind://docker/${spec.name}/${name}`,
      ...(controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: nodeAddress(index) },
        { type: 'Hostname', address: name },
      ],
      allocatable: resources,
      capacity: resources,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: PRELOADED.map(([image, size]) => ({ names: [`${parseImage(image).repository}@sha256:${fakeDigest(image)}`, image], sizeBytes: size })),
      nodeInfo: {
        architecture: 'amd64',
        bootID: fakeDigest(`boot-${name}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5'),
        containerRuntimeVersion: 'containerd://2.1.3',
        kernelVersion: '6.8.0-kubesim',
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: fakeDigest(`machine-${name}`).slice(0, 32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: fakeDigest(`uuid-${name}`).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5'),
      },
    },
  } as unknown as KObject;
}

function staticPod(component: string, image: string, cpu: string, node: KObject): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node.metadata.name}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.source': 'file', 'kubernetes.io/config.mirror': fakeDigest(component).slice(0, 32) },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid, controller: true }],
    },
    spec: {
      nodeName: node.metadata.name,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      containers: [{ name: component, image, resources: { requests: { cpu } } }],
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  } as unknown as KObject;
}

function coreDns(): KObject[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            priorityClassName: 'system-cluster-critical',
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.12.1',
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              },
            ],
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
  ] as unknown as KObject[];
}

/** kind's default class: local-path volumes, created on the node of the first pod that uses the claim. */
function defaultStorageClass(): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'standard', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  } as unknown as KObject;
}

function kubernetesService(apiserverIP: string): KObject[] {
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: apiserverIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [apiserverIP], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    },
  ] as unknown as KObject[];
}

/**
 * A fresh cluster, as kind would leave it: a control-plane node running etcd, the API server, the controller
 * manager and the scheduler as static pods, worker nodes, CoreDNS, and the default namespaces and services.
 */
export function bootstrapCluster(spec: ClusterSpec, base: number, options: ClusterOptions & { startRevision?: number } = {}): Cluster {
  const empty: Omit<ClusterState, 'format' | 'name'> = {
    // a new etcd starts at revision 1; a cleared one where it is
    store: { revision: options.startRevision ?? 1, entries: [] },
    clock: { now: base, offsetMs: 0 },
    rand: Rand.fromSeed(spec.seed).state(),
    timers: [],
    ipam: {},
  };
  const cluster = new Cluster(spec.name, empty, base, options);
  cluster.spec = { workers: spec.workers, cpu: spec.cpu, memory: spec.memory };
  const { store } = cluster.world;
  const now = rfc3339(base);
  for (const obj of rbacPolicy(now)) store.create(`/registry/${obj.kind === 'ClusterRole' ? 'clusterroles' : 'clusterrolebindings'}/${obj.metadata.name}`, obj);
  const create = (obj: KObject, user = ADMIN) => {
    const r = resolveResource(obj.kind)!;
    const result = cluster.api.handle({ verb: 'create', resource: r, namespace: obj.metadata.namespace, body: obj, user, client: 'kubectl', trusted: true });
    if (!result.ok) throw new Error(`kubesim bug: bootstrap of ${obj.kind}/${obj.metadata.name} failed: ${result.error.message}`);
    return result.object;
  };
  const namespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
  for (const ns of namespaces) create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } as KObject);
  const controlPlane = `${spec.name}-control-plane`;
  const nodeNames = [controlPlane, ...Array.from({ length: spec.workers }, (_, i) => `${spec.name}-worker${i === 0 ? '' : i + 1}`)];
  const nodes = nodeNames.map((n, i) => create(nodeObject(n, i, spec, i === 0, now)));
  for (const obj of kubernetesService('172.18.0.2')) create(obj);
  const statics: Array<[string, string, string]> = [
    ['etcd', 'registry.k8s.io/etcd:3.6.4-0', '100m'],
    ['kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.34.0', '250m'],
    ['kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.34.0', '200m'],
    ['kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.34.0', '100m'],
  ];
  for (const [component, image, cpu] of statics) create(staticPod(component, image, cpu, nodes[0]), nodeUser(controlPlane));
  for (const obj of coreDns()) create(obj);
  create(defaultStorageClass());
  cluster.stabilize();
  return cluster;
}

export function nodeSummary(cluster: Cluster): Array<{ name: string; role: string; cpu: string; memory: string }> {
  return cluster.world.store.list('/registry/minions/').map((n) => {
    const node = n as unknown as { metadata: { labels: Record<string, string> }; status: { capacity: Record<string, string> } };
    return {
      name: n.metadata.name,
      role: 'node-role.kubernetes.io/control-plane' in node.metadata.labels ? 'control-plane' : 'worker',
      cpu: node.status.capacity.cpu,
      memory: node.status.capacity.memory,
    };
  });
}
