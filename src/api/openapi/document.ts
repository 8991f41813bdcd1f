import { apiVersionOf, RESOURCES, restPath, type ResourceType } from '../resources.js';
import { KUBERNETES_VERSION } from '../version.js';
import { SCHEMAS } from './generated.js';
import { refTo, type OpenAPIDocument, type SchemaObject } from './schema.js';

/** The component name of a kind's schema (io.k8s.api.core.v1.Pod), found by its x-kubernetes-group-version-kind. */
function componentOf(r: ResourceType): string | undefined {
  return Object.keys(SCHEMAS).find((name) =>
    SCHEMAS[name]!['x-kubernetes-group-version-kind']?.some((g) => g.group === r.group && g.version === r.version && g.kind === r.kind),
  );
}

/** Every component reachable from `roots`, so a document carries the types its kinds use and no others. */
function closure(roots: string[]): Record<string, SchemaObject> {
  const out: Record<string, SchemaObject> = {};
  const visit = (s: SchemaObject | boolean | undefined): void => {
    if (!s || typeof s === 'boolean') return;
    if (s.$ref) add(s.$ref.slice(refTo('').length));
    for (const sub of [s.items, s.additionalProperties, ...(s.allOf ?? []), ...(s.oneOf ?? []), ...Object.values(s.properties ?? {})]) visit(sub);
  };
  const add = (name: string): void => {
    if (out[name] || !SCHEMAS[name]) return;
    out[name] = SCHEMAS[name]!;
    visit(SCHEMAS[name]);
  };
  roots.forEach(add);
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}

/** Where a group-version's document is served, under /openapi/v3/: `api/v1`, `apis/apps/v1`. */
export const openapiPath = (groupVersion: string): string => (groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`);

/**
 * The OpenAPI v3 document of one group-version (`v1`, `apps/v1`) as kube-apiserver serves it under /openapi/v3: the
 * list path of each resource names its kind (how kubectl explain finds a resource's schema), and the components.
 */
export function openapiDocument(groupVersion: string): OpenAPIDocument | undefined {
  const resources = RESOURCES.filter((r) => apiVersionOf(r) === groupVersion);
  if (resources.length === 0) return undefined;
  const paths: OpenAPIDocument['paths'] = {};
  for (const r of resources) {
    const list = restPath(r, r.namespaced ? '{namespace}' : undefined);
    paths[list] = { get: { 'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind } } };
  }
  const roots = resources.map(componentOf).filter((n): n is string => n !== undefined);
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: KUBERNETES_VERSION }, paths, components: { schemas: closure(roots) } };
}
