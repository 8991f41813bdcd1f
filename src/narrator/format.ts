import { bestIndices, NODES_NAMED } from '../events/best-scored.js';
import type { NodeVerdict } from '../events/types.js';

export { NODES_NAMED };

/** Numbers and sizes the French way (2,4 s; 94,8 Mo) or the English way (2.4 s; 94.8 MB). */
export function seconds(ms: number, lang: 'fr' | 'en'): string {
  const s = (ms / 1000).toFixed(1);
  return `${lang === 'fr' ? s.replace('.', ',') : s} s`;
}

export function megabytes(bytes: number, lang: 'fr' | 'en'): string {
  const mb = (bytes / 1e6).toFixed(1);
  return lang === 'fr' ? `${mb.replace('.', ',')} Mo` : `${mb} MB`;
}

/** How many of a Service's endpoints a line names: a Service of thousands of pods made lines of thousands. */
export const ENDPOINTS_NAMED = 4;

/** `a, b and c`; past `max` items, the first `max` and how many more. */
export function list(items: string[], lang: 'fr' | 'en', max = Infinity): string {
  if (items.length > max) return shortList(items, max);
  if (items.length <= 1) return items.join('');
  const and = lang === 'fr' ? ' et ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

export function shortList(items: string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')}, … (+${items.length - max})`;
}

export interface Scored {
  plugin: string;
  score: number;
  weight: number;
}

/** `NodeResourcesFit 91×1 + …`: a node's total, plugin by plugin. */
export function breakdown(scores: Scored[]): string {
  return scores.map((s) => `${s.plugin} ${s.score}×${s.weight}`).join(' + ');
}

/** The plugins whose weighted scores separate the winner from the runner-up, biggest gap first. */
export function decisive(winner: Scored[], runnerUp: Scored[]): Array<{ plugin: string; gap: number }> {
  return winner
    .map((s) => ({ plugin: s.plugin, gap: (s.score - (runnerUp.find((r) => r.plugin === s.plugin)?.score ?? 0)) * s.weight }))
    .filter((d) => d.gap !== 0)
    .sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap));
}

/** The `max` best totals among scored verdicts, best first, ties in walk order. */
export function bestScored(verdicts: NodeVerdict[], max = NODES_NAMED): NodeVerdict[] {
  return bestIndices(verdicts.length, (i) => verdicts[i]!.total!, max).map((i) => verdicts[i]!);
}

/** Rejected nodes counted by plugin and reasons, most first, as FailedScheduling counts them ("4 Insufficient cpu"). */
export function rejectionGroups(rejected: NodeVerdict[]): Array<{ plugin: string; reasons: string; count: number }> {
  const groups = new Map<string, { plugin: string; reasons: string; count: number }>();
  for (const v of rejected) {
    const reasons = v.reasons?.join(', ') ?? '';
    const key = `${v.rejectedBy}\n${reasons}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { plugin: v.rejectedBy!, reasons, count: 1 });
  }
  // a stable sort: groups with as many nodes stay in the order the walk met them
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** `worker1 651, worker2 698`: nodes with their totals. */
export function scoreList(verdicts: NodeVerdict[]): string {
  return verdicts.map((v) => `${v.node} ${v.total}`).join(', ');
}
