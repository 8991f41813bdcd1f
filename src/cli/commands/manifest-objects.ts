import type { KObject } from '../../api/object.js';
import { byKind, type ResourceType } from '../../api/resources.js';
import { missingTypeError } from '../../manifest/decode.js';
import { readManifests } from '../../manifest/read.js';
import { clientError, type CommandError } from '../errors.js';
import type { Session } from '../session.js';

/** One object of a manifest given with -f, mapped to the resource the server serves it as. */
export interface ManifestObject {
  source: string;
  object: KObject;
  resource: ResourceType;
  /** Its own namespace, else the command's (-n); none for a cluster-scoped kind. */
  namespace?: string;
}

/**
 * What kubectl's resource builder makes of `-f` for create, replace and delete: every document read, its kind and
 * apiVersion checked, mapped to a served resource. A document refused is added to `errors`, and the others go on.
 */
export async function manifestObjects(session: Session, o: { filenames: string[]; recursive: boolean; namespace: string }, errors: CommandError[]): Promise<ManifestObject[]> {
  const items = await readManifests(o.filenames, { recursive: o.recursive, stdin: session.env.stdin });
  const objects: ManifestObject[] = [];
  for (const { source, object, error } of items) {
    if (error) errors.push(clientError(error.kubectl, error.code, { source, path: source, line: error.line, column: error.column, detail: error.detail }));
    if (error || !object) continue;
    const missing = missingTypeError(object, source);
    if (missing) {
      errors.push(clientError(missing.kubectl, 'missing-kind', { source, detail: missing.detail }));
      continue;
    }
    const resource = byKind(object.apiVersion, object.kind);
    if (!resource) {
      const message = `resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`;
      errors.push(clientError(message, 'unknown-kind', { kind: object.kind, apiVersion: object.apiVersion }));
      continue;
    }
    objects.push({ source, object, resource, namespace: resource.namespaced ? object.metadata?.namespace || o.namespace : undefined });
  }
  return objects;
}
