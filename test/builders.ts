import type { Affinity, Node, Pod, Taint, Toleration, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { newNodeInfo, accountPod, type NodeInfo } from '../src/scheduler/framework/node-info.js';

/** Fluent fixtures, like the scheduler's st.MakePod()...Obj(). */
export class PodBuilder {
  private readonly pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

  name(n: string): this {
    this.pod.metadata!.name = n;
    return this;
  }
  req(cpu?: string, memory?: string): this {
    this.pod.spec!.containers[0].resources = { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } };
    return this;
  }
  node(n: string): this {
    this.pod.spec!.nodeName = n;
    return this;
  }
  label(k: string, v: string): this {
    this.pod.metadata!.labels = { ...this.pod.metadata!.labels, [k]: v };
    return this;
  }
  namespace(ns: string): this {
    this.pod.metadata!.namespace = ns;
    return this;
  }
  image(image: string): this {
    this.pod.spec!.containers[0].image = image;
    return this;
  }
  hostPort(hostPort: number, protocol?: string, hostIP?: string): this {
    const c = this.pod.spec!.containers[0];
    c.ports = [...(c.ports ?? []), { containerPort: hostPort, hostPort, ...(protocol ? { protocol } : {}), ...(hostIP ? { hostIP } : {}) }];
    return this;
  }
  spread(c: TopologySpreadConstraint): this {
    this.pod.spec!.topologySpreadConstraints = [...(this.pod.spec!.topologySpreadConstraints ?? []), c];
    return this;
  }
  ownedBy(kind: string, name: string): this {
    this.pod.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind, name, uid: `${name}-uid`, controller: true }];
    return this;
  }
  nodeSelector(sel: Record<string, string>): this {
    this.pod.spec!.nodeSelector = sel;
    return this;
  }
  affinity(a: Affinity): this {
    this.pod.spec!.affinity = a;
    return this;
  }
  toleration(t: Toleration): this {
    this.pod.spec!.tolerations = [...(this.pod.spec!.tolerations ?? []), t];
    return this;
  }
  claim(claimName: string): this {
    this.pod.spec!.volumes = [...(this.pod.spec!.volumes ?? []), { name: claimName, persistentVolumeClaim: { claimName } }];
    return this;
  }
  obj(): Pod {
    return structuredClone(this.pod);
  }
}

export class NodeBuilder {
  private readonly node: Node;
  private readonly pods: Pod[] = [];

  constructor(name: string) {
    this.node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
    };
  }
  capacity(cpu: string, memory: string, pods = '110'): this {
    (this.node.status as { allocatable: Record<string, string> }).allocatable = { cpu, memory, pods };
    return this;
  }
  label(k: string, v: string): this {
    this.node.metadata!.labels![k] = v;
    return this;
  }
  taint(t: Taint): this {
    this.node.spec!.taints = [...(this.node.spec!.taints ?? []), t];
    return this;
  }
  image(name: string, sizeBytes: number): this {
    const status = this.node.status!;
    status.images = [...(status.images ?? []), { names: [name], sizeBytes }];
    return this;
  }
  unschedulable(): this {
    this.node.spec!.unschedulable = true;
    return this;
  }
  withPod(p: Pod): this {
    this.pods.push(p);
    return this;
  }
  info(): NodeInfo {
    const info = newNodeInfo(structuredClone(this.node));
    for (const p of this.pods) accountPod(info, p, 1);
    return info;
  }
}

export const makePod = () => new PodBuilder();
export const makeNode = (name: string) => new NodeBuilder(name);
