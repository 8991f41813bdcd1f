import type { Pod } from 'kubernetes-types/core/v1.js';
import { asPod } from '../../api/pods.js';
import { age, humanDuration } from '../duration.js';
import type { Columns } from './types.js';

/** printers.go printPod's STATUS: phase, then reasons from init containers and containers, then deletion. */
export function podStatus(pod: Pod): string {
  let reason = pod.status?.reason || pod.status?.phase || 'Pending';
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let initializing = false;
  const inits = pod.spec?.initContainers ?? [];
  (pod.status?.initContainerStatuses ?? []).some((c, i) => {
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) return false;
    initializing = true;
    if (t) reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    return true;
  });
  if (!initializing) {
    let hasRunning = false;
    for (const c of [...(pod.status?.containerStatuses ?? [])].reverse()) {
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata?.deletionTimestamp && pod.status?.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') reason = 'Terminating';
  return reason;
}

export function podReady(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((c) => c.ready && c.state?.running).length;
  return `${ready}/${pod.spec?.containers?.length ?? 0}`;
}

export function podRestarts(pod: Pod, now: number): string {
  let restarts = 0;
  let last = 0;
  for (const c of pod.status?.containerStatuses ?? []) {
    restarts += c.restartCount ?? 0;
    const finished = Date.parse(c.lastState?.terminated?.finishedAt ?? '');
    if (!Number.isNaN(finished)) last = Math.max(last, finished);
  }
  return restarts > 0 && last ? `${restarts} (${humanDuration(now - last)} ago)` : String(restarts);
}

export const podColumns: Columns = {
  headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  row(o, now) {
    const pod = asPod(o);
    return [o.metadata.name, podReady(pod), podStatus(pod), podRestarts(pod, now), age(o.metadata.creationTimestamp, now)];
  },
  wideRow(o) {
    const pod = asPod(o);
    const gates = pod.spec?.readinessGates ?? [];
    const gatesTrue = gates.filter((g) => pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length;
    return [pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '<none>', pod.spec?.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', gates.length ? `${gatesTrue}/${gates.length}` : '<none>'];
  },
};
