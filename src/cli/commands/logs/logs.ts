import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { selectorMatches } from '../../../api/labels.js';
import { resolveResource } from '../../../api/resources.js';
import { containerLogs } from '../../../node/runtime/logs.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';

export interface LogsOptions {
  namespace: string;
  container?: string;
  previous: boolean;
  tail?: number;
  timestamps: boolean;
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
  const container = opts.container ? containers.find((c) => c.name === opts.container) : containers[0];
  if (!container) return [apiError(new ApiError('BadRequest', `container ${opts.container} is not valid for pod ${name}`), { alone: true })];
  const status = pod.status?.containerStatuses?.find((s) => s.name === container.name);
  const instance = pickInstance(status, opts.previous);
  if (!instance) {
    const message = opts.previous
      ? `previous terminated container "${container.name}" in pod "${name}" not found`
      : `container "${container.name}" in pod "${name}" is waiting to start: ${status?.state?.waiting?.reason ?? 'ContainerCreating'}`;
    return [apiError(new ApiError('BadRequest', message), { alone: true })];
  }
  const start = Date.parse(instance.startedAt);
  const end = instance.finishedAt ? Date.parse(instance.finishedAt) : Infinity;
  // the requests the app served during this container's life, after its start-up lines
  const requests = (session.accessLog[pod.metadata?.uid ?? ''] ?? [])
    .map((l) => ({ time: l.slice(0, l.indexOf(' ')), text: l.slice(l.indexOf(' ') + 1) }))
    .filter((l) => Date.parse(l.time) >= start && Date.parse(l.time) <= end);
  let lines = [...containerLogs(container, pod, instance, session.now), ...requests];
  if (opts.tail !== undefined && opts.tail >= 0) lines = lines.slice(Math.max(0, lines.length - opts.tail));
  for (const l of lines) session.out(`${opts.timestamps ? `${l.time} ` : ''}${l.text}\n`);
  return [];
}

/** `deployment/web`, `rs/web-abc`: the first of its pods, as kubectl logs picks it (and says so when there are several). */
function pickPod(session: Session, arg: string, namespace: string): string | CommandError {
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
  const pods = session.store.list(`/registry/pods/${namespace}/`).filter((p) => selectorMatches(selector, p.metadata.labels) && !p.metadata.deletionTimestamp);
  if (!pods.length) return apiError(new ApiError('NotFound', `pods "${name}" not found`), { alone: true });
  if (pods.length > 1) session.renderer.stderr(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  return pods[0].metadata.name;
}

/** The current container, or with --previous the one before it (lastState). */
function pickInstance(status: ContainerStatus | undefined, previous: boolean) {
  if (!status) return undefined;
  if (previous) return status.lastState?.terminated ? { startedAt: status.lastState.terminated.startedAt!, finishedAt: status.lastState.terminated.finishedAt, exitCode: status.lastState.terminated.exitCode } : undefined;
  const s = status.state;
  if (s?.running) return { startedAt: s.running.startedAt! };
  if (s?.terminated) return { startedAt: s.terminated.startedAt!, finishedAt: s.terminated.finishedAt, exitCode: s.terminated.exitCode };
  if (status.lastState?.terminated) return { startedAt: status.lastState.terminated.startedAt!, finishedAt: status.lastState.terminated.finishedAt, exitCode: status.lastState.terminated.exitCode };
  return undefined;
}
