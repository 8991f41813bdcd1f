import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { makeNode, makePod } from '../../../test/builders.js';
import { NO_LISTERS, type Listers, type NodeScore, type ScorePlugin } from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';
import { fitErrorMessage } from '../fit-error.js';
import { scheduleOne } from '../schedule-one.js';
import { imageLocality } from './image-locality/image-locality.js';
import { interPodAffinity } from './inter-pod-affinity/inter-pod-affinity.js';
import { podTopologySpread } from './pod-topology-spread/pod-topology-spread.js';

/** What a cycle over these nodes decides: the node chosen, or the FailedScheduling message. */
function place(pod: Pod, nodes: NodeInfo[], listers: Listers = NO_LISTERS): string {
  const d = scheduleOne(pod, nodes, 0, listers);
  return d.chosen?.name ?? fitErrorMessage(nodes.length, d.failures, d.preFilterMessage);
}

/** One score plugin over nodes, as prioritizeNodes runs it: PreScore, then one score for all or Score per node and NormalizeScore. */
function scores(plugin: ScorePlugin, pod: Pod, nodes: NodeInfo[], listers: Listers = NO_LISTERS): Record<string, number> | 'skipped' {
  const state = new Map();
  if (plugin.preScore?.(state, pod, nodes, listers, nodes) === false) return 'skipped';
  const uniform = plugin.uniformScore?.(state, pod, nodes);
  const list: NodeScore[] = nodes.map((n, i) => ({ node: n.name, score: uniform ?? plugin.score(state, pod, n, i) }));
  if (uniform === undefined) plugin.normalizeScore?.(state, pod, list);
  return Object.fromEntries(list.map((s) => [s.node, s.score]));
}

const web = () => makePod().label('app', 'web');
const terminating = (pod: Pod): Pod => ({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-11-23T10:00:00Z' } });
const zoned = (name: string, zone: string) => makeNode(name).label('zone', zone);
const bySelector = (key: string, value: string) => ({ matchLabels: { [key]: value } });

describe('PodTopologySpread', () => {
  const oneZone = { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: bySelector('app', 'web') };

  it.each([
    {
      name: 'skew 1: the zone with two web pods is full while the other has none',
      pod: web().spread(oneZone).obj(),
      nodes: [zoned('a', 'z1').withPod(web().obj()).withPod(web().obj()), zoned('b', 'z2')],
      want: 'b',
    },
    {
      name: 'the pod counts itself only if it matches the selector',
      pod: makePod().spread(oneZone).obj(),
      nodes: [zoned('a', 'z1').withPod(web().obj()), zoned('b', 'z2').withPod(web().obj()).withPod(web().obj())],
      want: 'a',
    },
    {
      name: 'nodes without the topology label cannot take the pod (the corpus example on a kind-like cluster)',
      pod: web().spread(oneZone).obj(),
      nodes: [makeNode('a'), makeNode('b')],
      want: "0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints (missing required label). preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..",
    },
    {
      name: 'every zone over the skew',
      pod: web().spread({ ...oneZone, minDomains: 3 }).obj(),
      nodes: [zoned('a', 'z1').withPod(web().obj()), zoned('b', 'z2').withPod(web().obj())],
      want: "0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..",
    },
    {
      name: 'pods of other namespaces and terminating ones do not count',
      pod: web().spread(oneZone).obj(),
      nodes: [zoned('a', 'z1').withPod(web().namespace('other').obj()).withPod(terminating(web().obj())), zoned('b', 'z2').withPod(web().obj())],
      want: 'a',
    },
  ])('$name', ({ pod, nodes, want }) => {
    expect(place(pod, nodes.map((n) => n.info()))).toBe(want);
  });

  it('system defaults spread a ReplicaSet over nodes: fewer of its pods on a node scores higher', () => {
    const rs = (name: string) => web().ownedBy('ReplicaSet', name);
    const listers: Listers = { ...NO_LISTERS, controllerSelector: (_ns, owner) => (owner.name === 'web-1' ? bySelector('app', 'web') : undefined) };
    const nodes = [makeNode('a').withPod(rs('web-1').obj()).withPod(rs('web-1').obj()), makeNode('b').withPod(rs('web-1').obj()), makeNode('c')].map((n) => n.info());
    // hostname constraint, weight log(3 + 2): raw = count × 1.609 + 2 → 5, 4, 2; normalized 100 × (5 + 2 − raw) / 5
    expect(scores(podTopologySpread, rs('web-1').obj(), nodes, listers)).toEqual({ a: 40, b: 60, c: 100 });
    // a pod that no Service nor controller selects is not spread
    expect(scores(podTopologySpread, web().obj(), nodes, listers)).toBe('skipped');
  });
});

describe('InterPodAffinity', () => {
  const antiWeb = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: bySelector('app', 'web'), topologyKey: 'kubernetes.io/hostname' }] } };

  it.each([
    { name: 'required anti-affinity: not beside another web pod', pod: web().affinity(antiWeb).obj(), nodes: [makeNode('a').withPod(web().obj()), makeNode('b')], want: 'b' },
    {
      name: 'required anti-affinity everywhere: the message kubectl describe shows',
      pod: web().affinity(antiWeb).obj(),
      nodes: [makeNode('a').withPod(web().obj()), makeNode('b').withPod(web().obj())],
      want: "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..",
    },
    {
      name: "a placed pod's anti-affinity keeps the incoming pod away",
      pod: web().obj(),
      nodes: [makeNode('a').withPod(makePod().label('app', 'db').affinity(antiWeb).obj()), makeNode('b')],
      want: 'b',
    },
    {
      name: 'required affinity with no matching pod anywhere (the corpus pod-with-pod-affinity)',
      pod: makePod()
        .affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: bySelector('security', 'S1'), topologyKey: 'zone' }] } })
        .obj(),
      nodes: [zoned('a', 'z1'), zoned('b', 'z2')],
      want: "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..",
    },
    {
      name: 'required affinity: only where a matching pod runs in the same zone',
      pod: makePod()
        .affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: bySelector('security', 'S1'), topologyKey: 'zone' }] } })
        .obj(),
      nodes: [zoned('a', 'z1'), zoned('b', 'z2'), zoned('c', 'z2').withPod(makePod().label('security', 'S1').obj())],
      want: 'b',
    },
    {
      name: 'the first pod of a group attracted to itself may start it',
      pod: web()
        .affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: bySelector('app', 'web'), topologyKey: 'zone' }] } })
        .obj(),
      nodes: [zoned('a', 'z1')],
      want: 'a',
    },
  ])('$name', ({ pod, nodes, want }) => {
    expect(place(pod, nodes.map((n) => n.info()))).toBe(want);
  });

  it('preferred anti-affinity scores the nodes without a matching pod higher', () => {
    const pod = web()
      .affinity({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: bySelector('app', 'web'), topologyKey: 'kubernetes.io/hostname' } }] } })
      .obj();
    const nodes = [makeNode('a').withPod(web().obj()), makeNode('b')].map((n) => n.info());
    expect(scores(interPodAffinity, pod, nodes)).toEqual({ a: 0, b: 100 });
    // nobody has any affinity: nothing to score
    expect(scores(interPodAffinity, web().obj(), nodes)).toBe('skipped');
  });
});

describe('ImageLocality', () => {
  const image = 'registry.example/app:1.0';
  const nodes = () => [makeNode('a').image(image, 500 * 1024 * 1024), makeNode('b')].map((n) => n.info());

  it('an image on half the nodes counts half its size: 100 × (250 MB − 23) / (1000 − 23)', () => {
    expect(scores(imageLocality, makePod().image(image).obj(), nodes())).toEqual({ a: 23, b: 0 });
  });

  it('a short name (nginx) matches none of the full names nodes list, as upstream', () => {
    const a = [makeNode('a').image('docker.io/library/nginx:latest', 500 * 1024 * 1024)].map((n) => n.info());
    expect(scores(imageLocality, makePod().image('nginx').obj(), a)).toEqual({ a: 0 });
  });
});

describe('VolumeRestrictions', () => {
  // bound to a volume every node reaches: VolumeBinding lets the pod through, VolumeRestrictions decides
  const rwop = { metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOncePod'], volumeName: 'pv-data' } };
  const listers: Listers = { ...NO_LISTERS, claim: (_ns, name) => (name === 'data' ? rwop : undefined), volume: (name) => (name === 'pv-data' ? { metadata: { name }, spec: {} } : undefined) };
  const withDisk = (pdName: string, readOnly = false): Pod => {
    const pod = makePod().obj();
    pod.spec!.volumes = [{ name: 'disk', gcePersistentDisk: { pdName, readOnly } }];
    return pod;
  };

  it.each([
    {
      name: 'a ReadWriteOncePod claim already used by a pod, on any node',
      pod: makePod().claim('data').obj(),
      nodes: [makeNode('a').withPod(makePod().claim('data').obj()), makeNode('b')],
      want: '0/2 nodes are available: 2 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..',
    },
    { name: 'a ReadWriteOncePod claim nobody uses yet', pod: makePod().claim('data').obj(), nodes: [makeNode('a')], want: 'a' },
    { name: 'a claim that does not exist', pod: makePod().claim('ghost').obj(), nodes: [makeNode('a')], want: '0/1 nodes are available: persistentvolumeclaim "ghost" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..' },
    { name: 'the same GCE disk mounted read-write on a node', pod: withDisk('pd-1'), nodes: [makeNode('a').withPod(withDisk('pd-1')), makeNode('b').withPod(withDisk('pd-2'))], want: 'b' },
    { name: 'the same GCE disk read-only on both sides', pod: withDisk('pd-1', true), nodes: [makeNode('a').withPod(withDisk('pd-1', true))], want: 'a' },
  ])('$name', ({ pod, nodes, want }) => {
    expect(place(pod, nodes.map((n) => n.info()), listers)).toBe(want);
  });
});

describe('VolumeZone', () => {
  const bound = (labels: Record<string, string>): Listers => ({
    ...NO_LISTERS,
    claim: (_ns, name) => ({ metadata: { name, namespace: 'default' }, spec: { volumeName: 'pv-data' } }),
    volume: (name) => ({ metadata: { name, labels }, spec: {} }),
  });
  const zone = 'topology.kubernetes.io/zone';
  const labelled = (key: string, value: string): Record<string, string> => ({ [key]: value });

  it.each([
    { name: 'a node of the volume\'s zone', pv: labelled(zone, 'z1'), node: makeNode('a').label(zone, 'z1'), want: 'a' },
    {
      name: 'a node of another zone',
      pv: labelled(zone, 'z1'),
      node: makeNode('b').label(zone, 'z2'),
      want: '0/1 nodes are available: 1 node(s) had no available volume zone. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..',
    },
    { name: 'a node without zone labels takes any volume', pv: labelled(zone, 'z1'), node: makeNode('c'), want: 'c' },
    { name: 'a volume in two zones (z1__z2)', pv: labelled(zone, 'z1__z2'), node: makeNode('b').label(zone, 'z2'), want: 'b' },
    { name: "a volume's beta label against a node's GA one", pv: labelled('failure-domain.beta.kubernetes.io/zone', 'z2'), node: makeNode('b').label(zone, 'z2'), want: 'b' },
  ])('$name', ({ pv, node, want }) => {
    expect(place(makePod().claim('data').obj(), [node.info()], bound(pv))).toBe(want);
  });
});
