import type { Pod } from 'kubernetes-types/core/v1.js';
import { bestIndices } from '../events/best-scored.js';
import type { NodeVerdict, PluginScore } from '../events/types.js';
import { NO_LISTERS, type CycleState, type FilterPlugin, type Listers, type NodeScore } from './framework/interface.js';
import type { NodeInfo } from './framework/node-info.js';
import { FILTERS, PRE_FILTERS, SCORERS } from './plugins/registry.js';
import type { NodeFailure } from './fit-error.js';

export interface Decision {
  /** The cycle's scratch data, which PreBind reads after the choice (framework.CycleState). */
  state: CycleState;
  /**
   * Each node looked at, in walk order, for the narration: left empty when nobody listens (500 per pod), and only the
   * rejected ones in a summary (see bestVerdicts).
   */
  verdicts: NodeVerdict[];
  failures: NodeFailure[];
  /** Set when a PreFilter plugin rejected the pod before any node was looked at. */
  preFilterMessage?: string;
  /** The nodes every filter passed, in walk order. A cycle not told in full shares it (and ranks) with the next cycle. */
  feasible: NodeInfo[];
  /** Each feasible node's place in the name-ordered node list: ties are broken on it, without comparing names. */
  ranks: number[];
  /** Each feasible node's weighted total, in d.feasible's order (set once scored). */
  totals?: Scores;
  /**
   * Each score plugin's normalized scores, in d.feasible's order, when told (a breakdown is built only for the nodes
   * told). A summary's are shared with the next cycle, like d.feasible.
   */
  pluginScores: Array<{ plugin: string; weight: number; scores: Scores }>;
  /** Nodes looked at by the filters (where the next cycle's walk starts over). */
  evaluated: number;
  chosen?: NodeInfo;
  scored: boolean;
  tieBroken: boolean;
}

/** percentageOfNodesToScore's adaptive default: all nodes under 100, then 50% − nodes/125 (min 5%), at least 100. */
export function numFeasibleNodesToFind(total: number, percentage = 0): number {
  if (total < 100) return total;
  let pct = percentage;
  if (pct <= 0) pct = Math.max(5, 50 - Math.floor(total / 125));
  return Math.max(100, Math.floor((total * pct) / 100));
}

/**
 * How much of a cycle the narration reads. `quiet`: nothing (nobody listens). `summary`: the rejected nodes, the best
 * five, the chosen node and the runner-up, read before the next cycle starts (a narrator that tells 20 pods in detail
 * and counts the rest). `full`: every node looked at, kept past the next cycle (the JSON narration, tests).
 */
export type Telling = 'quiet' | 'summary' | 'full';

/**
 * The feasible nodes and their ranks of a cycle not told in full, reused like SCORES: filled by index, then cut to length.
 * Pushed into fresh arrays, 500 nodes per pod grew two backing stores seven times each, a third of what the
 * scheduler allocated. Cutting to length keeps the capacity (V8 trims only a length under half of it).
 */
const FEASIBLE: NodeInfo[] = [];
const RANKS: number[] = [];

/** Filters in order; a node's first failing plugin decides its reasons (findNodesThatPassFilters). */
function findFeasibleNodes(state: CycleState, pod: Pod, nodes: NodeInfo[], start: number, filters: readonly FilterPlugin[], d: Decision, telling: Telling): void {
  const wanted = numFeasibleNodesToFind(nodes.length);
  const own = telling === 'full';
  const feasible = own ? d.feasible : FEASIBLE;
  const ranks = own ? d.ranks : RANKS;
  let found = 0;
  let processed = 0;
  for (let i = 0; i < nodes.length && found < wanted; i++) {
    const rank = (start + i) % nodes.length;
    const node = nodes[rank];
    processed++;
    let rejected = false;
    for (const plugin of filters) {
      const status = plugin.filter(state, pod, node);
      if (status.code === 'Success') continue;
      if (telling !== 'quiet') d.verdicts.push({ node: node.name, rejectedBy: plugin.name, reasons: status.reasons });
      d.failures.push({ code: status.code, reasons: status.reasons, plugin: plugin.name });
      rejected = true;
      break;
    }
    if (!rejected) {
      feasible[found] = node;
      ranks[found] = rank;
      found++;
      if (own) d.verdicts.push({ node: node.name });
    }
  }
  feasible.length = found;
  ranks.length = found;
  d.feasible = feasible;
  d.ranks = ranks;
  d.evaluated = processed;
}

/**
 * The list every score plugin fills, one entry per feasible node, reused from cycle to cycle: 500 feasible nodes per
 * pod at 5,000 nodes, 75 million short-lived objects over 150,000 pods otherwise. Nobody keeps it past a cycle.
 */
const SCORES: NodeScore[] = [];
const POOL: NodeScore[] = [];

function scoreList(feasible: NodeInfo[]): NodeScore[] {
  for (let i = 0; i < feasible.length; i++) {
    const entry = (POOL[i] ??= { node: '', score: 0 });
    entry.node = feasible[i]!.name;
    entry.score = 0;
    SCORES[i] = entry;
  }
  // set, not emptied and pushed again: a length of 0 drops the backing store (see FEASIBLE)
  SCORES.length = feasible.length;
  return SCORES;
}

/**
 * Scores per feasible node. What a cycle told in full keeps is a plain array: a Float64Array of 500 doubles has its
 * backing store outside V8's heap, one allocation and one finalization each, and such a cycle keeps up to eight: its
 * totals and seven plugins' scores (a summary reuses arrays instead: PLUGIN_SCORES).
 */
type Scores = Float64Array | number[];

/** The totals of a cycle not told in full, reused like SCORES. A cycle told in full has its own (read after the cycle). */
let TOTALS = new Float64Array(0);

function totalsFor(count: number, telling: Telling): Scores {
  if (telling === 'full') return new Array<number>(count).fill(0);
  if (TOTALS.length < count) TOTALS = new Float64Array(count);
  return TOTALS.subarray(0, count).fill(0);
}

/**
 * Each plugin's scores of a summary, one array per place in SCORERS, reused like FEASIBLE: fresh ones would be seven
 * plugins' 500 scores per pod, kept to tell two nodes (the chosen one and the runner-up).
 */
const PLUGIN_SCORES: number[][] = [];

/**
 * Keeps a plugin's scores for the narration (`scores`: one per feasible node, or the same for all): in an array of the
 * cycle's own when told in full. Plain loops, not a function called per node: that is 525 million calls for 150,000
 * pods.
 */
function keepScores(d: Decision, telling: Telling, plugin: string, weight: number, scores: NodeScore[] | number): void {
  const count = d.feasible.length;
  const kept = telling === 'full' ? new Array<number>(count) : (PLUGIN_SCORES[d.pluginScores.length] ??= []);
  if (typeof scores === 'number') for (let i = 0; i < count; i++) kept[i] = scores;
  else for (let i = 0; i < count; i++) kept[i] = scores[i]!.score;
  kept.length = count;
  d.pluginScores.push({ plugin, weight, scores: kept });
}

/** Score plugins, normalized, weighted and summed per node (prioritizeNodes); each plugin's scores kept if told. */
function prioritizeNodes(pod: Pod, d: Decision, listers: Listers, nodes: readonly NodeInfo[], telling: Telling): void {
  const state = d.state;
  const totals = totalsFor(d.feasible.length, telling);
  const scores = scoreList(d.feasible);
  for (const { plugin, weight } of SCORERS) {
    if (plugin.preScore?.(state, pod, d.feasible, listers, nodes) === false) continue;
    const uniform = plugin.uniformScore?.(state, pod, nodes);
    if (uniform !== undefined) {
      for (let i = 0; i < totals.length; i++) totals[i] += uniform * weight;
      if (telling !== 'quiet') keepScores(d, telling, plugin.name, weight, uniform);
      continue;
    }
    for (let i = 0; i < scores.length; i++) scores[i].score = plugin.score(state, pod, d.feasible[i], i);
    plugin.normalizeScore?.(state, pod, scores);
    for (let i = 0; i < scores.length; i++) totals[i] += scores[i].score * weight;
    if (telling !== 'quiet') keepScores(d, telling, plugin.name, weight, scores);
  }
  // the feasible nodes' verdicts are in d.feasible's order (when told at all)
  const verdicts = d.verdicts.filter((v) => !v.rejectedBy);
  for (let i = 0; i < verdicts.length; i++) verdicts[i].total = totals[i];
  d.totals = totals;
  d.scored = true;
}

/** One feasible node's score, plugin by plugin: what the narration shows for the chosen node and the runner-up. */
export function scoreBreakdown(d: Decision, i: number): PluginScore[] {
  return d.pluginScores.map(({ plugin, weight, scores }) => ({ plugin, score: scores[i]!, weight }));
}

/**
 * The best scored nodes with their totals (as many as a narration names), in walk order: what a summary tells of the
 * scores. A narrator is told 150,000 pods' cycles, and each built 500 verdicts for it before.
 */
export function bestVerdicts(d: Decision): NodeVerdict[] {
  const totals = d.totals!;
  const best = bestIndices(d.feasible.length, (i) => totals[i]!).sort((a, b) => a - b);
  return best.map((i) => ({ node: d.feasible[i]!.name, total: totals[i] }));
}

/**
 * The best of the feasible nodes other than `except` (an index in d.feasible, -1 for none): highest total, ties to the
 * first node name, not to chance, so demos replay identically. Answers its index (-1 if none) and how many tied.
 */
export function bestNode(d: Decision, except = -1): { index: number; ties: number } {
  const totals = d.totals!;
  let best = -1;
  let ties = 0;
  for (let i = 0; i < d.feasible.length; i++) {
    if (i === except) continue;
    if (best < 0 || totals[i]! > totals[best]!) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (d.ranks[i]! < d.ranks[best]!) best = i;
    }
  }
  return { index: best, ties };
}

function selectHost(d: Decision): void {
  const { index, ties } = bestNode(d);
  d.chosen = index < 0 ? undefined : d.feasible[index];
  d.tieBroken = ties > 1;
}

/** The filters left once the PreFilter plugins of a bit mask said Skip: one list per mask, not one per pod. */
const filtersBySkips = new Map<number, readonly FilterPlugin[]>();

function filtersWithout(skipped: number): readonly FilterPlugin[] {
  let filters = filtersBySkips.get(skipped);
  if (!filters) {
    const names = new Set(PRE_FILTERS.filter((_, i) => skipped & (1 << i)).map((p) => p.name));
    filtersBySkips.set(skipped, (filters = FILTERS.filter((f) => !names.has(f.name))));
  }
  return filters;
}

/**
 * PreFilter plugins in order; the first rejection fails every node with the same status (RunPreFilterPlugins).
 * Answers the filters to run: those whose PreFilter said Skip are left out for this pod.
 */
function preFilter(state: CycleState, pod: Pod, nodes: NodeInfo[], listers: Listers, d: Decision): readonly FilterPlugin[] | undefined {
  let skipped = 0;
  for (let i = 0; i < PRE_FILTERS.length; i++) {
    const plugin = PRE_FILTERS[i]!;
    const status = plugin.preFilter(state, pod, listers, nodes);
    if (status.code === 'Success') continue;
    if (status.code === 'Skip') {
      skipped |= 1 << i;
      continue;
    }
    d.preFilterMessage = status.reasons.join(', ');
    d.failures = nodes.map(() => ({ code: status.code, reasons: [], plugin: plugin.name }));
    return undefined;
  }
  return filtersWithout(skipped);
}

/**
 * One scheduling cycle for one pod (`nodes` in name order, the walk starting at `start`): pre-filter, filter, then score
 * only if more than one node fits, then choose, keeping what `telling` asks for the narration.
 */
export function scheduleOne(pod: Pod, nodes: NodeInfo[], start: number, listers: Listers = NO_LISTERS, telling: Telling = 'full'): Decision {
  const d: Decision = { state: new Map(), verdicts: [], failures: [], feasible: [], ranks: [], pluginScores: [], evaluated: 0, scored: false, tieBroken: false };
  const filters = preFilter(d.state, pod, nodes, listers, d);
  if (!filters) return d;
  findFeasibleNodes(d.state, pod, nodes, start, filters, d, telling);
  if (d.feasible.length === 1) d.chosen = d.feasible[0];
  else if (d.feasible.length > 1) {
    prioritizeNodes(pod, d, listers, nodes, telling);
    selectHost(d);
  }
  return d;
}
