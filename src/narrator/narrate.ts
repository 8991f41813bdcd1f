import { userRequest } from '../events/sink.js';
import type { SimEvent } from '../events/types.js';
import { en, enMessages } from './catalogs/en.js';
import { fr, frMessages } from './catalogs/fr.js';
import { enLessons } from './catalogs/lessons/en.js';
import { frLessons } from './catalogs/lessons/fr.js';
import type { Lessons } from '../lessons/types.js';
import type { Catalog, Messages, NarrationContext, NarrationLine } from './types.js';

export type Lang = 'fr' | 'en';

export const CATALOGS: Record<Lang, { catalog: Catalog; messages: Messages; lessons: Lessons }> = {
  fr: { catalog: fr, messages: frMessages, lessons: frLessons },
  en: { catalog: en, messages: enMessages, lessons: enLessons },
};

/**
 * Turns events into narration lines. It remembers which client sent the request being handled, so the API
 * Server's checks are told for the user's own requests and not for every controller write.
 */
export class Narrator {
  private readonly ctx: NarrationContext = {};
  private readonly introduced = new Set<string>();
  /** Per fold group (see foldGroup): how many were told, and the lines left out past FOLD_AFTER. */
  private readonly told = new Map<string, number>();
  private readonly folds = new Map<string, { count: number; last: NarrationLine; pods: boolean }>();
  /** The user's write being told (the last request kubectl sent): the lines of its story fold with its kind's. */
  private request?: UserRequest;

  /**
   * @param folded the sentence that sums up pod lines left out
   * @param analogies given with --analogies: each component's analogy joins its first line
   */
  constructor(
    private readonly catalog: Catalog,
    private readonly folded: Messages['folded'],
    private readonly analogies?: Messages['analogies'],
  ) {}

  private line(e: SimEvent): NarrationLine | null {
    if (e.kind === 'request.sent') {
      // reads (kubectl apply's GET before its PATCH, get, describe, watches) are not part of the story
      const read = e.verb === 'get' || e.verb === 'list' || e.verb === 'watch';
      this.ctx.requestClient = read ? `${e.client}:read` : e.client;
      this.request = !read && userRequest(e.client) ? { key: `${e.verb} ${e.object.kind}`, pods: e.object.kind === 'Pod' } : undefined;
      if (read) return null;
    }
    const phrase = this.catalog[e.kind] as (e: SimEvent, ctx: NarrationContext) => NarrationLine | null;
    const line = phrase(e, this.ctx);
    const group = line ? foldGroup(e, this.request) : undefined;
    if (line && group) {
      // a class follows a few pods step by step; for hundreds, the rest of each step is summed up at the end
      const told = (this.told.get(group.key) ?? 0) + 1;
      this.told.set(group.key, told);
      if (told > FOLD_AFTER) {
        this.folds.set(group.key, { count: told - FOLD_AFTER, last: line, pods: group.pods });
        return null;
      }
    }
    if (!line || !this.analogies || e.actor === 'simulator' || this.introduced.has(e.actor)) return line;
    this.introduced.add(e.actor);
    return { ...line, analogy: this.analogies[e.actor] };
  }

  /** The lines of one event: its own, and when the world settles, one per kind of pod line left out since. */
  lines(e: SimEvent): NarrationLine[] {
    const line = this.line(e);
    if (e.actor !== 'simulator' || !this.folds.size) return line ? [line] : [];
    const summary = [...this.folds.values()].map(({ count, last, pods }) => ({ emoji: '🔁', text: this.folded(count, `${last.emoji} ${last.text}`, pods) }));
    this.folds.clear();
    this.told.clear();
    return line ? [...summary, line] : summary;
  }
}

/** How many lines of each fold group are told before the rest are folded into a summary. */
export const FOLD_AFTER = 20;

/** A write the user sent, as its lines fold: with those of the user's writes of the same verb and kind. */
interface UserRequest {
  key: string;
  pods: boolean;
}

/** The lines that tell one of the user's requests, from kubectl's to etcd's. */
const REQUEST_STORY = new Set<SimEvent['kind']>(['request.sent', 'authn.succeeded', 'authz.allowed', 'authz.denied', 'admission.mutated', 'validation.passed', 'service.ip-allocated', 'etcd.written']);

/**
 * Lines that fold together past FOLD_AFTER: one step told for many pods (the scheduler's binding written to etcd
 * among them), or one controller's repeated syncs of the same object (a ReplicaSet creating 150,000 pods 500 at a
 * time, a Service's endpoints, a rolling update's steps), the garbage collector's deletions of one kind of object (a
 * deleted Deployment's ReplicaSet, then its 150,000 pods), leases running out, and the user's own writes of one verb
 * and kind (kubectl sends one request per object: `delete pods -l` on 600 pods told 2,400 lines). The simulator's
 * lines are always told.
 */
function foldGroup(e: SimEvent, request: UserRequest | undefined): { key: string; pods: boolean } | undefined {
  if (e.actor === 'simulator') return undefined;
  if ('pod' in e) return { key: e.kind, pods: true };
  if (e.kind === 'etcd.written' && e.subresource === 'binding') return { key: `${e.kind}/binding`, pods: true };
  if (request && REQUEST_STORY.has(e.kind)) return { key: `${e.kind}/${request.key}`, pods: request.pods };
  // kubectl apply compares before it sends: a folder of unchanged objects is one line each
  if (e.kind === 'apply.unchanged') return { key: `${e.kind}/${e.object.kind}`, pods: e.object.kind === 'Pod' };
  if (e.kind === 'replicaset.observed') return { key: `${e.kind}/${e.replicaSet.namespace}/${e.replicaSet.name}`, pods: false };
  if (e.kind === 'gc.deleted' || e.kind === 'gc.orphaned') return { key: `${e.kind}/${e.dependent.kind}`, pods: e.dependent.kind === 'Pod' };
  // a Service's endpoints, then every node's rules, follow its pods as they get ready: one update per pod or so
  if (e.kind === 'endpoints.updated' || e.kind === 'proxy.synced') return { key: `${e.kind}/${e.service.namespace}/${e.service.name}`, pods: false };
  // a rolling update scales each ReplicaSet a step at a time, as the pods of the new one get ready
  if (e.kind === 'deployment.scaled') return { key: `${e.kind}/${e.deployment.namespace}/${e.deployment.name}/${e.replicaSet}`, pods: false };
  // an hour after a big apply, its hundreds of leases run out one after the other
  if (e.kind === 'etcd.lease-expired') return { key: e.kind, pods: false };
  return undefined;
}
