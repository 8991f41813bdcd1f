import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import { environment } from '../../../node/runtime/container-view.js';
import { containerLogs } from '../../../node/runtime/logs.js';
import type { Store } from '../../../store/store.js';

export interface LogQuery {
  container?: string;
  previous: boolean;
  tail?: number;
  timestamps: boolean;
}

/** Where a pod's log comes from: the store (its container's environment), what the apps logged per request, the time. */
export interface LogSource {
  store: Store;
  /** What the apps logged per request, per pod UID. */
  accessLog: Record<string, string[]>;
  now: number;
}

/**
 * GET pods/NAME/log, as the API server answers it from the kubelet: what the container's process wrote (its start-up
 * lines, then the requests the app served during this container's life), or the API server's error.
 */
export function podLog(pod: Pod, q: LogQuery, { accessLog, now, store }: LogSource): string[] | ApiError {
  const name = pod.metadata?.name ?? '';
  const containers = pod.spec?.containers ?? [];
  if (!q.container && containers.length > 1) return new ApiError('BadRequest', `a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
  const container = q.container ? containers.find((c) => c.name === q.container) : containers[0];
  if (!container) return new ApiError('BadRequest', `container ${q.container} is not valid for pod ${name}`);
  const status = pod.status?.containerStatuses?.find((s) => s.name === container.name);
  const instance = pickInstance(status, q.previous);
  if (!instance) {
    return new ApiError(
      'BadRequest',
      q.previous
        ? `previous terminated container "${container.name}" in pod "${name}" not found`
        : `container "${container.name}" in pod "${name}" is waiting to start: ${status?.state?.waiting?.reason ?? 'ContainerCreating'}`,
    );
  }
  const start = Date.parse(instance.startedAt);
  const end = instance.finishedAt ? Date.parse(instance.finishedAt) : Infinity;
  const requests = (accessLog[pod.metadata?.uid ?? ''] ?? [])
    .map((l) => ({ time: l.slice(0, l.indexOf(' ')), text: l.slice(l.indexOf(' ') + 1) }))
    .filter((l) => Date.parse(l.time) >= start && Date.parse(l.time) <= end);
  let lines = [...containerLogs(container, instance, now, environment(store, pod, container)), ...requests];
  if (q.tail !== undefined && q.tail >= 0) lines = lines.slice(Math.max(0, lines.length - q.tail));
  return lines.map((l) => `${q.timestamps ? `${l.time} ` : ''}${l.text}`);
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
