import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { parseImage } from '../runtime/images.js';

/** Go's time.Duration.String() truncated to milliseconds, as in the Pulled event: `512ms`, `2.101s`, `1m3.5s`. */
export function goDuration(ms: number): string {
  const whole = Math.floor(ms);
  if (whole < 1000) return `${whole}ms`;
  const minutes = Math.floor(whole / 60000);
  const seconds = ((whole % 60000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return minutes ? `${minutes}m${seconds}s` : `${seconds}s`;
}

export function waitingStatus(c: Container, reason = 'ContainerCreating'): ContainerStatus {
  return { name: c.name, image: c.image!, imageID: '', lastState: {}, ready: false, restartCount: 0, started: false, state: { waiting: { reason } } };
}

export function runningStatus(c: Container, previous: ContainerStatus | undefined, startedAt: string, containerID: string, imageID: string, ready: boolean): ContainerStatus {
  return {
    name: c.name,
    image: parseImage(c.image!).full,
    imageID,
    containerID: `containerd://${containerID}`,
    lastState: previous?.lastState ?? {},
    ready,
    restartCount: previous?.restartCount ?? 0,
    started: true,
    state: { running: { startedAt } },
  };
}

function condition(type: string, ok: boolean, now: string, previous: PodCondition[] | undefined, notReady: string[]): PodCondition {
  const prev = previous?.find((c) => c.type === type);
  const status = ok ? 'True' : 'False';
  const base: PodCondition = { type, status, lastProbeTime: null as unknown as string, lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now };
  if (ok || (type !== 'Ready' && type !== 'ContainersReady')) return base;
  return { ...base, reason: 'ContainersNotReady', message: `containers with unready status: [${notReady.join(' ')}]` };
}

/** The five pod conditions, in the order the kubelet writes them. */
export function podConditions(pod: Pod, statuses: ContainerStatus[], now: string): PodCondition[] {
  const prev = pod.status?.conditions;
  const notReady = statuses.filter((s) => !s.ready).map((s) => s.name);
  const allReady = notReady.length === 0 && statuses.length > 0;
  const scheduled = prev?.find((c) => c.type === 'PodScheduled') ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: now };
  return [
    condition('PodReadyToStartContainers', true, now, prev, notReady),
    condition('Initialized', true, now, prev, notReady),
    condition('Ready', allReady, now, prev, notReady),
    condition('ContainersReady', allReady, now, prev, notReady),
    scheduled,
  ];
}

export function withStatus(pod: Pod, status: PodStatus): Pod {
  return { ...pod, status };
}
