import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podReady, podRestarts, podStatus } from './pods.js';

const pod = (status: Pod['status'], deleting = false): Pod => ({
  metadata: { name: 'p', ...(deleting ? { deletionTimestamp: '2026-11-23T10:00:00Z' } : {}) },
  spec: { containers: [{ name: 'a' }, { name: 'b' }] },
  status,
});

describe('pod STATUS column (printers.go printPod)', () => {
  it.each([
    { name: 'phase', status: { phase: 'Pending' }, want: 'Pending' },
    { name: 'waiting reason', status: { phase: 'Pending', containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }] }, want: 'ContainerCreating' },
    {
      name: 'lowest-index container wins',
      status: {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'b', state: { waiting: { reason: 'ErrImagePull' } } },
        ],
      },
      want: 'CrashLoopBackOff',
    },
    { name: 'terminated without reason', status: { phase: 'Running', containerStatuses: [{ name: 'a', state: { terminated: { exitCode: 2 } } }] }, want: 'ExitCode:2' },
    { name: 'status.reason', status: { phase: 'Failed', reason: 'Evicted' }, want: 'Evicted' },
  ] as Array<{ name: string; status: Pod['status']; want: string }>)('$name → $want', ({ status, want }) => {
    expect(podStatus(pod(status))).toBe(want);
  });

  it('shows Terminating while a running pod is being deleted', () => {
    expect(podStatus(pod({ phase: 'Running' }, true))).toBe('Terminating');
  });

  it('counts ready containers only when running', () => {
    const p = pod({ containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }, { name: 'b', ready: true, state: { waiting: {} } }] } as Pod['status']);
    expect(podReady(p)).toBe('1/2');
  });

  it('adds how long ago the last restart was', () => {
    const p = pod({ containerStatuses: [{ name: 'a', restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: '2026-11-23T10:00:00Z' } } }] } as Pod['status']);
    expect(podRestarts(p, Date.parse('2026-11-23T10:00:42Z'))).toBe('3 (42s ago)');
  });
});
