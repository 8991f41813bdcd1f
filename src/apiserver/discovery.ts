/**
 * The discovery documents kube-apiserver serves (legacy, non-aggregated form): what a client such as kubectl reads
 * to map `pods` or `deploy` to a group, version and kind, and where the OpenAPI v3 documents are.
 */
import { openapiDocument, openapiPath } from '../api/openapi/document.js';
import { apiVersionOf, RESOURCES, REVIEWS, type ServedResource } from '../api/resources.js';
import { fnv1a32 } from '../sim/ids.js';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Every served resource with its verbs: the stored kinds, then the reviews (create only). */
export const SERVED: { r: ServedResource; verbs: string[] }[] = [...RESOURCES.map((r) => ({ r, verbs: VERBS })), ...REVIEWS.map((r) => ({ r, verbs: ['create'] }))];

/** The categories a resource is in (`kubectl get all` reads the `all` one). */
export const categoriesOf = (r: ServedResource): string[] => (r.inAll ? ['all'] : []);

/**
 * The subresources kubesim serves, listed under their resource as kube-apiserver does (`kubectl autoscale` and
 * `kubectl scale` look for the scale subresource there).
 */
const SUBRESOURCES: Record<string, { name: string; kind: string; group?: string; version?: string; verbs: string[] }[]> = {
  v1: [
    { name: 'pods/attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'pods/eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
    { name: 'pods/exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'pods/log', kind: 'Pod', verbs: ['get'] },
    { name: 'pods/portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
  ],
  'apps/v1': [
    { name: 'deployments/scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
    { name: 'replicasets/scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
  ],
};

const groups = (): Map<string, ServedResource[]> => {
  const out = new Map<string, ServedResource[]>();
  for (const { r } of SERVED) if (r.group) out.set(r.group, [...(out.get(r.group) ?? []), r]);
  return out;
};

/** GET /api */
export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

/** GET /apis */
export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups()].map(([name, rs]) => {
      const version = { groupVersion: `${name}/${rs[0]!.version}`, version: rs[0]!.version };
      return { name, versions: [version], preferredVersion: version };
    }),
  };
}

/** GET /api/v1, /apis/apps/v1: the resources of one group-version, or undefined when none is served. */
export function apiResourceList(groupVersion: string) {
  const served = SERVED.filter(({ r }) => apiVersionOf(r) === groupVersion);
  if (!served.length) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: [
      ...served.map(({ r, verbs }) => ({
        name: r.plural,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs,
        ...(r.shortNames.length && { shortNames: r.shortNames }),
        ...(categoriesOf(r).length && { categories: categoriesOf(r) }),
      })),
      ...(SUBRESOURCES[groupVersion] ?? []).map((s) => ({ singularName: '', namespaced: true, ...s })),
    ],
  };
}

/**
 * GET /openapi/v3: one entry per group-version, whose URL carries a hash of the document (clients cache by it).
 * Built once: the documents do not change while kubesim runs.
 */
export function openapiIndex() {
  return (index ??= buildIndex());
}

let index: ReturnType<typeof buildIndex> | undefined;

function buildIndex() {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of new Set(RESOURCES.map(apiVersionOf))) {
    const path = openapiPath(gv);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${fnv1a32(JSON.stringify(openapiDocument(gv))).toString(16).toUpperCase()}` };
  }
  return { paths };
}
