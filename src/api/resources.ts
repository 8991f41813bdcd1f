/**
 * The API's resource table: what `kubectl api-resources` lists, with the etcd prefix kube-apiserver uses
 * (pkg/kubeapiserver/default_storage_factory_builder.go: services/specs, minions, ...).
 */
export interface ResourceType {
  kind: string;
  group: string; // '' for the core group
  version: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  etcdPrefix: string;
  /** In the `all` category (kubectl get all), in discovery order. */
  inAll?: boolean;
  /** Objects users may create; the rest are written by the control plane only. */
  userWritable: boolean;
  /** The warning kube-apiserver sends with every request on a deprecated resource (kubectl prints "Warning: …"). */
  deprecation?: string;
  /** Owner of the objects the garbage collector follows (a Deployment's ReplicaSets, a Service's EndpointSlices). */
  ownsDependents?: boolean;
}

const core = (kind: string, plural: string, shortNames: string[], namespaced: boolean, extra: Partial<ResourceType> = {}) =>
  ({ kind, group: '', version: 'v1', plural, singular: kind.toLowerCase(), shortNames, namespaced, etcdPrefix: plural, userWritable: true, ...extra }) satisfies ResourceType;

const grouped = (group: string, version: string, kind: string, plural: string, shortNames: string[], namespaced: boolean, extra: Partial<ResourceType> = {}) =>
  ({ kind, group, version, plural, singular: kind.toLowerCase(), shortNames, namespaced, etcdPrefix: plural, userWritable: true, ...extra }) satisfies ResourceType;

/** Simulated resources, in discovery order (core group first, then apps, ...), as `get all` expects. */
export const RESOURCES: readonly ResourceType[] = [
  core('Pod', 'pods', ['po'], true, { inAll: true }),
  core('Service', 'services', ['svc'], true, { inAll: true, etcdPrefix: 'services/specs', ownsDependents: true }),
  core('Endpoints', 'endpoints', ['ep'], true, { etcdPrefix: 'services/endpoints', singular: 'endpoints', deprecation: 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice' }),
  core('Namespace', 'namespaces', ['ns'], false),
  core('Node', 'nodes', ['no'], false, { etcdPrefix: 'minions' }),
  core('ConfigMap', 'configmaps', ['cm'], true),
  core('Secret', 'secrets', [], true),
  core('ServiceAccount', 'serviceaccounts', ['sa'], true),
  core('Event', 'events', ['ev'], true, { userWritable: false }),
  core('PersistentVolumeClaim', 'persistentvolumeclaims', ['pvc'], true),
  core('PersistentVolume', 'persistentvolumes', ['pv'], false),
  grouped('apps', 'v1', 'Deployment', 'deployments', ['deploy'], true, { inAll: true, ownsDependents: true }),
  grouped('apps', 'v1', 'ReplicaSet', 'replicasets', ['rs'], true, { inAll: true, ownsDependents: true }),
  grouped('batch', 'v1', 'CronJob', 'cronjobs', ['cj'], true, { inAll: true, ownsDependents: true }),
  grouped('batch', 'v1', 'Job', 'jobs', [], true, { inAll: true, ownsDependents: true }),
  grouped('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', [], true),
  grouped('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', ['sc'], false),
  grouped('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', [], false),
  grouped('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', [], false),
  grouped('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', [], true),
  grouped('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', [], true),
];

/**
 * Resources that are questions, not objects: created (POST) and answered at once about the caller, never stored
 * (`kubectl auth whoami`, `auth can-i`, `auth can-i --list`). Discovery lists them with the create verb only.
 */
/** What discovery and `api-resources` show of a resource. */
export type ServedResource = Pick<ResourceType, 'kind' | 'group' | 'version' | 'plural' | 'singular' | 'shortNames' | 'namespaced' | 'inAll'>;

const review = (group: string, kind: string): ServedResource => ({ kind, group, version: 'v1', plural: `${kind.toLowerCase()}s`, singular: kind.toLowerCase(), shortNames: [], namespaced: false });

export const REVIEWS: readonly ServedResource[] = [
  review('authentication.k8s.io', 'SelfSubjectReview'),
  review('authorization.k8s.io', 'SelfSubjectAccessReview'),
  review('authorization.k8s.io', 'SelfSubjectRulesReview'),
];

/**
 * Kinds that exist in Kubernetes but have no simulated controller yet: accepting them would show objects that
 * never do anything, which would teach something false. They get a clear "not simulated yet" error instead.
 */
export const KNOWN_NOT_SIMULATED: Readonly<Record<string, string>> = {
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ControllerRevision: 'apps/v1',
  ReplicationController: 'v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  PriorityClass: 'scheduling.k8s.io/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
};

export function apiVersionOf(r: Pick<ResourceType, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps`, `pods`: how the API names a resource in messages. */
export function qualifiedResource(r: Pick<ResourceType, 'plural' | 'group'>): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** `deployment.apps`, `pod`: the prefix of `-o name` and of `created` lines. */
export function kindPrefix(r: ResourceType): string {
  const k = r.kind.toLowerCase();
  return r.group ? `${k}.${r.group}` : k;
}

export function byKind(apiVersion: string, kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.kind === kind && apiVersionOf(r) === apiVersion);
}

export function byKindOnly(kind: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.kind === kind);
}

/** Resolves what a user typed (`po`, `pods`, `pod`, `deployment.apps`, `Deployment`) to a resource type. */
export function resolveResource(arg: string): ResourceType | undefined {
  const lower = arg.toLowerCase();
  const [name, ...groupParts] = lower.split('.');
  const group = groupParts.join('.');
  return RESOURCES.find(
    (r) =>
      (group === '' || r.group === group) &&
      (r.plural === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name),
  );
}

export function etcdKey(r: ResourceType, namespace: string | undefined, name: string): string {
  return r.namespaced ? `/registry/${r.etcdPrefix}/${namespace}/${name}` : `/registry/${r.etcdPrefix}/${name}`;
}

export function etcdPrefix(r: ResourceType, namespace?: string): string {
  return r.namespaced && namespace ? `/registry/${r.etcdPrefix}/${namespace}/` : `/registry/${r.etcdPrefix}/`;
}

/** The REST path a request goes to (shown in the narration, as kubectl -v=6 would). */
export function restPath(r: ResourceType, namespace: string | undefined, name?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const ns = r.namespaced && namespace ? `/namespaces/${namespace}` : '';
  return `${base}${ns}/${r.plural}${name ? `/${name}` : ''}`;
}
