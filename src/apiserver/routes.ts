import { RESOURCES, type ResourceType } from '../api/resources.js';

/** A resource URL kube-apiserver serves: /api/v1/namespaces/NS/pods/NAME, /apis/apps/v1/deployments… */
export interface ResourcePath {
  resource: ResourceType;
  namespace?: string;
  name?: string;
  /** deployments/NAME/scale, pods/NAME/status… */
  subresource?: string;
}

/** The resource a request path names, or undefined for any other path (discovery, OpenAPI, unknown). */
export function parseResourcePath(path: string): ResourcePath | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
  if (!m) return undefined;
  const [group, version] = m[1] ? ['', m[1]] : [m[2]!, m[3]!];
  let rest = m[4]!.split('/');
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) return undefined;
  const resource = RESOURCES.find((r) => r.group === group && r.version === version && r.plural === rest[0]);
  if (!resource || (namespace && !resource.namespaced)) {
    // /api/v1/namespaces/NAME is the namespace itself
    if (!resource && group === '' && m[4]!.startsWith('namespaces/') && m[4]!.split('/').length === 2) {
      return { resource: RESOURCES.find((r) => r.kind === 'Namespace')!, name: m[4]!.split('/')[1] };
    }
    return undefined;
  }
  return { resource, ...(namespace && { namespace }), ...(rest[1] && { name: rest[1] }), ...(rest[2] && { subresource: rest[2] }) };
}
