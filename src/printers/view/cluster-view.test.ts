import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { clusterView, type Paint } from './cluster-view.js';

const plain: Paint = { ok: (s) => s, warn: (s) => s, bad: (s) => s, dim: (s) => s, bold: (s) => s };
const labels = { cpu: 'CPU', memory: 'Memory', pods: 'Pods', pending: 'Waiting for a node:', empty: '(no pods)' };

const node = (name: string, ready = true): Node => ({
  metadata: { name },
  status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown' }] },
});
const pod = (name: string, nodeName: string | undefined, cpu: string, memory: string, phase = 'Running'): Pod => ({
  metadata: { name, namespace: 'default' },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu, memory } } }] },
  status: { phase, ...(nodeName ? { podIP: '10.244.1.2' } : {}) },
});

describe('cluster view', () => {
  const text = clusterView([node('w2', false), node('w1')], [pod('web', 'w1', '3', '2Gi'), pod('big', undefined, '16', '1Gi', 'Pending')], labels, plain);
  const lines = text.split('\n');

  it('draws one box per node, by name, every line the same width', () => {
    expect(lines[0]).toMatch(/^┌─ w1 ─+ Ready ─┐$/);
    expect(text).toMatch(/┌─ w2 ─+ NotReady ─┐/);
    const boxed = lines.filter((l) => /^[┌│└]/.test(l));
    expect(new Set(boxed.map((l) => [...l].length))).toEqual(new Set([80]));
  });

  it('shows requests against allocatable as bars, and the pods with their status', () => {
    expect(lines[1]).toMatch(/^│ CPU      ███████████████░░░░░ 3 \/ 4 \(75%\)\s+│$/);
    expect(lines[2]).toMatch(/^│ Memory   █████░░░░░░░░░░░░░░░ 2Gi \/ 8Gi \(25%\)\s+│$/);
    expect(lines[3]).toMatch(/^│ Pods     1 \/ 110\s+│$/);
    expect(lines[4]).toMatch(/^│ ● web Running 10\.244\.1\.2\s+│$/);
    expect(text).toMatch(/│ \(no pods\)\s+│/);
  });

  it('lists the pods no node has taken yet', () => {
    expect(text.endsWith('Waiting for a node:\n  ● big Pending\n')).toBe(true);
  });
});
