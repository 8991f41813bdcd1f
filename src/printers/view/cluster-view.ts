import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { isTerminal, podRequests } from '../../api/pods.js';
import { bytes, formatBytes, formatMilliCpu, milliCpu, parseQuantity } from '../../api/quantity.js';
import { podStatus } from '../columns/pods.js';

/** The words of the picture, from the narration catalog (French or English). */
export interface ViewLabels {
  cpu: string;
  memory: string;
  pods: string;
  pending: string;
  empty: string;
}

/** How the picture is coloured: identity when the output is not a terminal. */
export interface Paint {
  ok(s: string): string;
  warn(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const BAR = 20;
const WIDTH = 80;
const INNER = WIDTH - 4;

function bar(used: number, total: number, paint: Paint): string {
  const ratio = total > 0 ? Math.min(1, used / total) : 0;
  const full = Math.round(ratio * BAR);
  const color = ratio >= 0.9 ? paint.bad : ratio >= 0.7 ? paint.warn : paint.ok;
  return `${color('█'.repeat(full))}${paint.dim('░'.repeat(BAR - full))}`;
}

const pct = (used: number, total: number) => `${total > 0 ? Math.floor((used / total) * 100) : 0}%`;

function statusPaint(status: string, paint: Paint): (s: string) => string {
  if (status === 'Running' || status === 'Completed') return paint.ok;
  if (/Err|BackOff|Failed|Unknown|Evicted|OOM/.test(status)) return paint.bad;
  return paint.warn;
}

/** Characters the terminal shows: colour codes take no room. */
const visibleLength = (s: string): number => [...s.replace(/\u001b\[[0-9;]*m/g, '')].length;

const padVisible = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - visibleLength(s)));

function box(title: string, state: string, lines: string[], paint: Paint): string[] {
  const head = `─ ${title} `;
  const tail = ` ${state} ─`;
  const fill = Math.max(1, WIDTH - 2 - visibleLength(head) - visibleLength(tail));
  return [`┌${paint.bold(head)}${'─'.repeat(fill)}${tail}┐`, ...lines.map((l) => `│ ${padVisible(l, INNER)} │`), `└${'─'.repeat(WIDTH - 2)}┘`];
}

function nodeState(node: Node, paint: Paint): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const state = ready ? paint.ok('Ready') : paint.bad('NotReady');
  return node.spec?.unschedulable ? `${state},${paint.warn('SchedulingDisabled')}` : state;
}

/**
 * `kubesim cluster view`: one box per node with its CPU and memory requests against allocatable (the numbers the
 * scheduler fits pods into), its pods with their status, then the pods still waiting for a node.
 */
export function clusterView(nodes: Node[], pods: Pod[], labels: ViewLabels, paint: Paint): string {
  const out: string[] = [];
  const live = pods.filter((p) => !isTerminal(p));
  for (const node of [...nodes].sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!))) {
    const name = node.metadata!.name!;
    const mine = live.filter((p) => p.spec?.nodeName === name).sort((a, b) => `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(`${b.metadata?.namespace}/${b.metadata?.name}`));
    const used = mine.reduce((acc, p) => {
      const r = podRequests(p);
      return { cpu: acc.cpu + r.milliCpu, mem: acc.mem + r.memory };
    }, { cpu: 0, mem: 0 });
    const alloc = node.status?.allocatable ?? {};
    const cpu = milliCpu(alloc.cpu);
    const mem = bytes(alloc.memory);
    const lines = [
      `${labels.cpu.padEnd(8)} ${bar(used.cpu, cpu, paint)} ${formatMilliCpu(used.cpu)} / ${formatMilliCpu(cpu)} (${pct(used.cpu, cpu)})`,
      `${labels.memory.padEnd(8)} ${bar(used.mem, mem, paint)} ${formatBytes(used.mem)} / ${formatBytes(mem)} (${pct(used.mem, mem)})`,
      `${labels.pods.padEnd(8)} ${mine.length} / ${parseQuantity(alloc.pods) ?? 110}`,
      ...(mine.length ? mine.map((p) => podLine(p, paint)) : [paint.dim(labels.empty)]),
    ];
    out.push(...box(name, nodeState(node, paint), lines, paint));
  }
  const waiting = live.filter((p) => !p.spec?.nodeName);
  if (waiting.length) {
    out.push(paint.warn(labels.pending));
    for (const p of waiting) out.push(`  ${podLine(p, paint, WIDTH - 2)}`);
  }
  return `${out.join('\n')}\n`;
}

/** `● name Status IP`, the name shortened with … so the line fits the box. */
function podLine(p: Pod, paint: Paint, width = INNER): string {
  const status = podStatus(p);
  const ip = p.status?.podIP ? ` ${p.status.podIP}` : '';
  const ns = p.metadata?.namespace === 'default' ? '' : `${p.metadata?.namespace}/`;
  const room = width - 2 - status.length - 1 - ip.length;
  const full = `${ns}${p.metadata?.name}`;
  const name = full.length > room ? `${full.slice(0, room - 1)}…` : full;
  const color = statusPaint(status, paint);
  return `${color('●')} ${name} ${color(status)}${ip ? paint.dim(ip) : ''}`;
}
