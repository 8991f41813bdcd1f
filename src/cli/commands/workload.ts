import { resolveResource, type ResourceType } from '../../api/resources.js';
import type { KObject } from '../../api/object.js';
import { apiError, clientError, type CommandError, unknownResourceType } from '../errors.js';
import type { Session } from '../session.js';

/** `deployment/web`, `deploy web`: the workload a rollout command is about. */
export function findWorkload(session: Session, args: string[], namespace: string, kinds: string[]): { resource: ResourceType; object: KObject } | CommandError {
  let type: string | undefined;
  let name: string | undefined;
  if (args[0]?.includes('/')) [type, name] = args[0].split('/');
  else [type, name] = args;
  const resource = type ? resolveResource(type) : undefined;
  if (!type || !name) return clientError('a resource and a name are required, e.g. deployment/gestion-employes', 'usage', { detail: 'deployment/NOM' });
  if (!resource) return unknownResourceType(type);
  if (!kinds.includes(resource.kind)) return clientError(`no ${kinds.map((k) => k.toLowerCase()).join('/')} named "${name}": ${resource.kind} is not supported here`, 'usage', { detail: `${type}/${name}` });
  const r = session.request({ verb: 'get', resource, namespace, name });
  if (!r.ok) return apiError(r.error, { alone: true });
  return { resource, object: r.object };
}

/** The workload patched as asked; a client dry run sends nothing, a server one is checked and not stored. */
export function patchWorkload(session: Session, resource: ResourceType, object: KObject, { subresource, dryRun }: { subresource?: 'scale'; dryRun?: 'client' | 'server' } = {}): CommandError | KObject {
  if (dryRun === 'client') return object;
  const r = session.request({ verb: 'patch', resource, namespace: object.metadata.namespace, name: object.metadata.name, body: object, subresource, dryRun: dryRun === 'server' });
  return r.ok ? r.object : apiError(r.error, { alone: true });
}
