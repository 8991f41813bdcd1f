import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { selectorMatches } from '../../../api/labels.js';
import { asPod } from '../../../api/pods.js';
import { resolveResource } from '../../../api/resources.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { byLogging } from './by-logging.js';
import { podLog, type LogQuery } from './pod-log.js';

export interface LogsOptions extends LogQuery {
  namespace: string;
}

/** `kubectl logs POD [-c C] [--previous] [--tail N] [--timestamps]`: what the container's process wrote. */
export async function runLogs(session: Session, args: string[], opts: LogsOptions): Promise<CommandError[]> {
  const picked = pickPod(session, args[0] ?? '', opts.namespace);
  if (typeof picked !== 'string') return [picked];
  const name = picked;
  if (!name) return [clientError('expected POD or TYPE/NAME is a required argument for the logs command', 'usage', { detail: 'kubesim logs NOM_DU_POD' })];
  const got = session.request({ verb: 'get', resource: resolveResource('pods')!, namespace: opts.namespace, name });
  if (!got.ok) return [apiError(got.error, { alone: true })];
  const pod = got.object as unknown as Pod;
  const containers = pod.spec?.containers ?? [];
  if (!opts.container && containers.length > 1) {
    return [clientError(`a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`, 'usage', { detail: '-c CONTENEUR' })];
  }
  const lines = podLog(pod, opts, session.accessLog, session.now);
  if (lines instanceof ApiError) return [apiError(lines, { alone: true })];
  for (const l of lines) session.out(`${l}\n`);
  return [];
}

/** `deployment/web`, `rs/web-abc`: the pod kubectl logs picks among its pods (and says so when there are several). */
export function pickPod(session: Session, arg: string, namespace: string): string | CommandError {
  const slash = arg.indexOf('/');
  if (slash < 0) return arg;
  const type = resolveResource(arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (!type) return clientError(`the server doesn't have a resource type "${arg.slice(0, slash)}"`, 'unknown-resource', { resource: arg.slice(0, slash) });
  if (type.kind === 'Pod') return name;
  if (type.kind !== 'Deployment' && type.kind !== 'ReplicaSet') return clientError(`cannot get the logs from ${type.kind.toLowerCase()}`, 'usage', { detail: arg });
  const got = session.request({ verb: 'get', resource: type, namespace, name });
  if (!got.ok) return apiError(got.error, { alone: true });
  const selector = (got.object.spec as { selector?: LabelSelector }).selector;
  // GetFirstPod: every pod the selector lists, terminating ones too, in ByLogging's order (Go's sort of so few is stable)
  const pods = session.store
    .list(`/registry/pods/${namespace}/`)
    .filter((p) => selectorMatches(selector, p.metadata.labels))
    .sort((a, b) => byLogging(asPod(a), asPod(b)));
  if (!pods.length) return apiError(new ApiError('NotFound', `pods "${name}" not found`), { alone: true });
  if (pods.length > 1) session.renderer.stderr(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  return pods[0].metadata.name;
}
