import { describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../../../test/builders.js';
import { NO_LISTERS, type FilterPlugin, type PreFilterPlugin, type Status } from '../framework/interface.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { nodeAffinity } from './node-affinity/node-affinity.js';
import { nodeName } from './node-name/node-name.js';
import { nodePorts } from './node-ports/node-ports.js';
import { nodeResourcesFit } from './node-resources-fit/node-resources-fit.js';
import { nodeUnschedulable } from './node-unschedulable/node-unschedulable.js';
import { taintToleration } from './taint-toleration/taint-toleration.js';

const ok: Status = { code: 'Success', reasons: [] };
const skipped: Status = { code: 'Skip', reasons: [] };

/** As the framework runs a plugin: its PreFilter first, whose Skip means Filter is not called for this pod. */
function runFilter(plugin: FilterPlugin & Partial<PreFilterPlugin>, pod: Pod, node: NodeInfo): Status {
  const state = new Map();
  const pre = plugin.preFilter?.(state, pod, NO_LISTERS, [node]);
  if (pre && pre.code !== 'Success') return pre;
  return plugin.filter(state, pod, node);
}
const controlPlaneTaint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe.each([
  {
    plugin: nodeResourcesFit,
    cases: [
      { name: 'fits', pod: makePod().req('1', '1Gi').obj(), node: makeNode('n').info(), want: ok },
      { name: 'too much cpu', pod: makePod().req('5').obj(), node: makeNode('n').info(), want: { code: 'Unschedulable', reasons: ['Insufficient cpu'] } },
      {
        name: 'cpu and memory both short',
        pod: makePod().req('3', '7Gi').obj(),
        node: makeNode('n').withPod(makePod().req('2', '2Gi').obj()).info(),
        want: { code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'] },
      },
      { name: 'no room for another pod', pod: makePod().obj(), node: makeNode('n').capacity('4', '8Gi', '1').withPod(makePod().obj()).info(), want: { code: 'Unschedulable', reasons: ['Too many pods'] } },
      { name: 'best-effort pods always fit resources', pod: makePod().obj(), node: makeNode('n').capacity('0', '0').info(), want: ok },
    ],
  },
  {
    plugin: taintToleration,
    cases: [
      {
        name: 'untolerated control-plane taint',
        pod: makePod().obj(),
        node: makeNode('cp').taint(controlPlaneTaint).info(),
        want: { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
      },
      { name: 'tolerated by key', pod: makePod().toleration({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).obj(), node: makeNode('cp').taint(controlPlaneTaint).info(), want: ok },
      { name: 'Exists without key tolerates everything', pod: makePod().toleration({ operator: 'Exists' }).obj(), node: makeNode('cp').taint({ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }).info(), want: ok },
      { name: 'PreferNoSchedule does not filter', pod: makePod().obj(), node: makeNode('n').taint({ key: 'k', effect: 'PreferNoSchedule' }).info(), want: ok },
      {
        name: 'value shown in the reason',
        pod: makePod().toleration({ key: 'dedicated', value: 'db', effect: 'NoSchedule' }).obj(),
        node: makeNode('n').taint({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).info(),
        want: { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {dedicated: gpu}'] },
      },
    ],
  },
  {
    plugin: nodeAffinity,
    cases: [
      { name: 'selector matches', pod: makePod().nodeSelector({ disktype: 'ssd' }).obj(), node: makeNode('n').label('disktype', 'ssd').info(), want: ok },
      { name: 'no selector nor affinity: PreFilter skips the filter', pod: makePod().obj(), node: makeNode('n').info(), want: skipped },
      {
        name: 'required affinity term',
        pod: makePod().affinity({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } }).obj(),
        node: makeNode('n').label('zone', 'b').info(),
        want: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] },
      },
      {
        name: 'selector does not match',
        pod: makePod().nodeSelector({ disktype: 'ssd' }).obj(),
        node: makeNode('n').info(),
        want: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] },
      },
    ],
  },
  {
    plugin: nodeUnschedulable,
    cases: [
      { name: 'cordoned', pod: makePod().obj(), node: makeNode('n').unschedulable().info(), want: { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] } },
      { name: 'schedulable', pod: makePod().obj(), node: makeNode('n').info(), want: ok },
    ],
  },
  {
    plugin: nodeName,
    cases: [
      { name: 'named elsewhere', pod: makePod().node('other').obj(), node: makeNode('n').info(), want: { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] } },
      { name: 'named here', pod: makePod().node('n').obj(), node: makeNode('n').info(), want: ok },
    ],
  },
  {
    plugin: nodePorts,
    cases: [
      { name: 'no host port: PreFilter skips the filter', pod: makePod().obj(), node: makeNode('n').withPod(makePod().hostPort(80).obj()).info(), want: skipped },
      { name: 'port free', pod: makePod().hostPort(80).obj(), node: makeNode('n').withPod(makePod().hostPort(8080).obj()).info(), want: ok },
      { name: 'port taken', pod: makePod().hostPort(80).obj(), node: makeNode('n').withPod(makePod().hostPort(80).obj()).info(), want: { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] } },
      { name: 'same port, other protocol', pod: makePod().hostPort(53, 'UDP').obj(), node: makeNode('n').withPod(makePod().hostPort(53).obj()).info(), want: ok },
      { name: 'two addresses', pod: makePod().hostPort(80, 'TCP', '10.0.0.1').obj(), node: makeNode('n').withPod(makePod().hostPort(80, 'TCP', '10.0.0.2').obj()).info(), want: ok },
      {
        name: 'wildcard against an address',
        pod: makePod().hostPort(80).obj(),
        node: makeNode('n').withPod(makePod().hostPort(80, 'TCP', '10.0.0.2').obj()).info(),
        want: { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] },
      },
    ],
  },
])('$plugin.name filter', ({ plugin, cases }) => {
  it.each(cases)('$name', ({ pod, node, want }) => {
    expect(runFilter(plugin, pod, node)).toEqual(want);
  });
});
