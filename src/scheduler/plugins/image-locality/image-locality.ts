import type { Pod } from 'kubernetes-types/core/v1.js';
import { ImageLocality as NAME } from '../names.js';
import { MAX_NODE_SCORE, type ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { snapshotFact } from '../../framework/snapshot-facts.js';

const MB = 1024 * 1024;
/** The score's range: most images in registries weigh between 23 MB and 1,000 MB per container. */
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** normalizedImageName: `:latest` where the name has no tag. Nodes list full names, so `nginx` matches none of them, as upstream. */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** Per cycle: the pod's images, and the share of the snapshot's nodes that hold each (ImageStateSummary.NumNodes). */
interface Spread {
  images: string[];
  shares: number[];
  /** Whether any node holds one of the images: if none does, every node scores 0 (the common case of short names). */
  held: boolean;
}

/** How many of the snapshot's nodes hold an image (ImageStateSummary.NumNodes). */
const nodesHolding = (nodes: readonly NodeInfo[], image: string) =>
  snapshotFact(nodes, `nodes holding ${image}`, () => nodes.reduce((n, node) => n + (node.images.has(image) ? 1 : 0), 0));

const PRE_SCORE_KEY = 'PreScoreImageLocality';

function imagesOf(pod: Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
}

/**
 * Favours nodes that already hold the pod's images: each image there counts its size, scaled by the share of nodes that
 * hold it (an image everywhere does not pull pods towards some nodes), the sum clamped to [23 MB, 1000 MB × containers].
 * No normalization.
 */
export const imageLocality = {
  name: NAME,
  preScore(state, pod, _feasible, _listers, nodes) {
    const images = imagesOf(pod);
    const shares = images.map((image) => nodesHolding(nodes, image) / nodes.length);
    state.set(PRE_SCORE_KEY, { images, shares, held: shares.some((share) => share > 0) } satisfies Spread);
    return true;
  },
  uniformScore(state) {
    return (state.get(PRE_SCORE_KEY) as Spread).held ? undefined : 0;
  },
  score(state, _pod, node: NodeInfo) {
    const { images, shares } = state.get(PRE_SCORE_KEY) as Spread;
    let sum = 0;
    for (let i = 0; i < images.length; i++) {
      const size = node.images.get(images[i]!);
      if (size !== undefined) sum += Math.trunc(size * shares[i]!);
    }
    const max = MAX_CONTAINER_THRESHOLD * images.length;
    const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
    return Math.floor((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
  },
} satisfies ScorePlugin;
