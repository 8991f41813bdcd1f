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

const FIELD_VALIDATION = {
  name: 'fieldValidation',
  in: 'query' as const,
  description:
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.',
  schema: { type: 'string', uniqueItems: true },
};

/** Where a group-version's document is served, under /openapi/v3/: `api/v1`, `apis/apps/v1`. */
export const openapiPath = (groupVersion: string): string => (groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`);

/**
 * The OpenAPI v3 document of one group-version (`v1`, `apps/v1`) as kube-apiserver serves it under /openapi/v3: the
 * list path of each resource names its kind (how kubectl explain finds a resource's schema), and the components.
 */
export function openapiDocument(groupVersion: string): OpenAPIDocument | undefined {
  // the documents never change while kubesim runs: built once each (kubectl asks for them with every command)
  if (!documents.has(groupVersion)) documents.set(groupVersion, buildDocument(groupVersion));
  return documents.get(groupVersion);
}

const documents = new Map<string, OpenAPIDocument | undefined>();

function buildDocument(groupVersion: string): OpenAPIDocument | undefined {
  const resources = RESOURCES.filter((r) => apiVersionOf(r) === groupVersion);
  if (resources.length === 0) return undefined;
  const paths: OpenAPIDocument['paths'] = {};
  for (const r of resources) {
    const gvk = { 'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind } };
    paths[restPath(r, r.namespaced ? '{namespace}' : undefined)] = { get: gvk };
    // kubectl looks for fieldValidation on PATCH to know the server validates fields itself (kubesim's decoding is strict)
    paths[restPath(r, r.namespaced ? '{namespace}' : undefined, '{name}')] = { patch: { ...gvk, parameters: [FIELD_VALIDATION] } };
  }
  const roots = resources.map(componentOf).filter((n): n is string => n !== undefined);
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: KUBERNETES_VERSION }, paths, components: { schemas: closure(roots) } };
}
