import type { ClusterRole, PolicyRule } from 'kubernetes-types/rbac/v1.js';
import { jsonEqual } from '../api/object.js';

/**
 * The user-facing ClusterRoles of the bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy):
 * admin, edit and view are aggregated — their rules are the union of the ClusterRoles their aggregationRule selects,
 * which kube-controller-manager's clusterrole-aggregation controller writes into them. kubesim fills them once, when
 * the cluster is made; a ClusterRole created later with an aggregate-to-* label is not aggregated.
 */
const rule = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({ apiGroups, resources, verbs });
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const AGGREGATE = 'rbac.authorization.k8s.io/aggregate-to-';

const AGGREGATE_TO_ADMIN: PolicyRule[] = [
  rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
  rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
];

const AGGREGATE_TO_EDIT: PolicyRule[] = [
  rule([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], READ),
  rule([''], ['serviceaccounts'], ['impersonate']),
  rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], WRITE),
  rule([''], ['pods/eviction'], ['create']),
  rule([''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], WRITE),
  rule([''], ['serviceaccounts/token'], ['create']),
  rule(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], WRITE),
  rule(['autoscaling'], ['horizontalpodautoscalers'], WRITE),
  rule(['batch'], ['cronjobs', 'jobs'], WRITE),
  rule(['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], WRITE),
  rule(['policy'], ['poddisruptionbudgets'], WRITE),
  rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], WRITE),
  rule(['coordination.k8s.io'], ['leases'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
];

const AGGREGATE_TO_VIEW: PolicyRule[] = [
  rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], READ),
  rule([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], READ),
  rule([''], ['namespaces'], READ),
  rule(['discovery.k8s.io'], ['endpointslices'], READ),
  rule(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], READ),
  rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], READ),
  rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], READ),
  rule(['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], READ),
  rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], READ),
  rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], READ),
];

type Role = { name: string; labels?: string[]; aggregates?: string; rules?: PolicyRule[] };

const ROLES: Role[] = [
  { name: 'admin', aggregates: 'admin' },
  { name: 'edit', labels: ['admin'], aggregates: 'edit' },
  { name: 'view', labels: ['edit'], aggregates: 'view' },
  { name: 'system:aggregate-to-admin', labels: ['admin'], rules: AGGREGATE_TO_ADMIN },
  { name: 'system:aggregate-to-edit', labels: ['edit'], rules: AGGREGATE_TO_EDIT },
  { name: 'system:aggregate-to-view', labels: ['view'], rules: AGGREGATE_TO_VIEW },
];

/** admin, edit, view and the roles they aggregate, as stored once the aggregation controller has filled them in. */
export function userFacingRoles(meta: (name: string, labels: Record<string, string>) => ClusterRole['metadata']): ClusterRole[] {
  const roles: ClusterRole[] = ROLES.map((r) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta(r.name, Object.fromEntries((r.labels ?? []).map((l) => [`${AGGREGATE}${l}`, 'true']))),
    ...(r.aggregates && { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [`${AGGREGATE}${r.aggregates}`]: 'true' } }] } }),
    rules: r.rules ?? [],
  }));
  // view first, then edit (which selects view), then admin (which selects edit): each reads filled rules
  for (const name of ['view', 'edit', 'admin']) aggregate(roles.find((r) => r.metadata?.name === name)!, roles);
  return roles;
}

/** The controller's union: the selected roles in name order, each rule added unless an equal one is there already. */
function aggregate(target: ClusterRole, roles: ClusterRole[]): void {
  const [key, value] = Object.entries(target.aggregationRule!.clusterRoleSelectors![0]!.matchLabels!)[0]!;
  const selected = roles.filter((r) => r.metadata?.labels?.[key] === value).sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
  const rules: PolicyRule[] = [];
  for (const r of selected.flatMap((role) => role.rules ?? [])) if (!rules.some((have) => jsonEqual(have, r))) rules.push(r);
  target.rules = rules;
}
