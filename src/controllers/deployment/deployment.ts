import type { Deployment, DeploymentCondition, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { controllerOf, jsonEqual, type KObject } from '../../api/object.js';
import { selectorMatches } from '../../api/labels.js';
import { asPod, isActive } from '../../api/pods.js';
import type { Client } from '../../client/client.js';
import type { Recorder } from '../../client/recorder.js';
import { rfc3339 } from '../../sim/clock.js';
import { podTemplateHash } from '../../sim/ids.js';
import type { World } from '../../sim/world.js';
import { controllerRef, isControlledBy, splitKey } from '../owners.js';
import type { Reconciler, Result } from '../runtime.js';
import { newRSReplicas, oldScaleDownBudget, resolveFenceposts } from './rollout.js';

const REVISION = 'deployment.kubernetes.io/revision';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX = 'deployment.kubernetes.io/max-replicas';
const HASH = 'pod-template-hash';

const asD = (o: KObject) => o as unknown as Deployment;
const asRS = (o: KObject) => o as unknown as ReplicaSet;
const specReplicas = (rs: KObject) => asRS(rs).spec?.replicas ?? 0;
const available = (rs: KObject) => asRS(rs).status?.availableReplicas ?? 0;
const revisionOf = (rs: KObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
const byAge = (a: KObject, b: KObject) =>
  (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name);

/**
 * pkg/controller/deployment: one ReplicaSet per pod template (named by its pod-template-hash), rolled from old to
 * new within maxSurge/maxUnavailable, with the revision history kept as scaled-down ReplicaSets.
 */
export class DeploymentController implements Reconciler {
  readonly name = 'deployment';

  constructor(
    private readonly w: World,
    private readonly client: Client,
    private readonly recorder: Recorder,
  ) {}

  reconcile(key: string): Result {
    const [namespace, name] = splitKey(key);
    const d = this.w.store.get(`/registry/deployments/${namespace}/${name}`)?.value;
    if (!d || d.metadata.deletionTimestamp) return {};
    this.adoptReplicaSets(d);
    const owned = () => this.w.store.list(`/registry/replicasets/${namespace}/`).filter((rs) => isControlledBy(rs, d));
    const hash = podTemplateHash(asD(d).spec?.template, asD(d).status?.collisionCount);
    const newRS = this.ensureNewReplicaSet(d, owned(), hash);
    if (!newRS) return {};
    if (!asD(d).spec?.paused) {
      if (asD(d).spec?.strategy?.type === 'Recreate') this.recreate(d, owned(), hash);
      else this.rollingUpdate(d, owned, hash);
    }
    this.cleanupHistory(d, owned(), hash);
    this.syncStatus(d, owned(), hash);
    return {};
  }

  /**
   * ControllerRefManager.ClaimReplicaSets, its adoption: a ReplicaSet no controller owns whose labels the selector
   * matches becomes this Deployment's (after `delete deployment --cascade=orphan`, the Deployment applied again takes
   * its ReplicaSet and pods back instead of failing to create one of the same name).
   */
  private adoptReplicaSets(d: KObject): void {
    const selector = asD(d).spec?.selector;
    for (const rs of this.w.store.list(`/registry/replicasets/${d.metadata.namespace}/`)) {
      if (controllerOf(rs) || rs.metadata.deletionTimestamp || !selectorMatches(selector, rs.metadata.labels)) continue;
      const adopted = structuredClone(rs);
      adopted.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), controllerRef(d)];
      if (!this.client.update(adopted).ok) continue;
      this.w.log.emit('controller-manager', { kind: 'deployment.rs-adopted', deployment: { kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name }, replicaSet: rs.metadata.name });
    }
  }

  private ensureNewReplicaSet(d: KObject, all: KObject[], hash: string): KObject | undefined {
    const existing = all.find((rs) => rs.metadata.labels?.[HASH] === hash);
    const maxOld = Math.max(0, ...all.filter((rs) => rs !== existing).map(revisionOf));
    const revision = String(existing && revisionOf(existing) > maxOld ? revisionOf(existing) : maxOld + 1);
    if (existing) {
      if (existing.metadata.annotations?.[REVISION] !== revision) this.setRevision(existing, revision);
      this.setDeploymentRevision(d, revision);
      return this.w.store.get(`/registry/replicasets/${d.metadata.namespace}/${existing.metadata.name}`)!.value;
    }
    const spec = asD(d).spec!;
    const oldReplicas = all.reduce((n, rs) => n + specReplicas(rs), 0);
    const replicas = spec.strategy?.type === 'Recreate' ? (oldReplicas > 0 ? 0 : spec.replicas ?? 1) : newRSReplicas(asD(d), oldReplicas, 0);
    const rs = this.buildReplicaSet(d, hash, revision, replicas);
    const result = this.client.create(rs);
    if (!result.ok) {
      this.recorder.warning(d, 'FailedCreate', `Failed to create new replica set "${rs.metadata.name}": ${result.error.message}`);
      return undefined;
    }
    this.w.log.emit('controller-manager', {
      kind: 'deployment.rs-created',
      deployment: { kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name },
      replicaSet: rs.metadata.name,
      hash,
      replicas,
      revision,
      etcdRevision: Number(result.object.metadata.resourceVersion),
    });
    if (replicas > 0) this.scaledEvent(d, rs.metadata.name, 0, replicas, all.length > 0);
    this.setDeploymentRevision(d, revision);
    return result.object;
  }

  private buildReplicaSet(d: KObject, hash: string, revision: string, replicas: number): KObject {
    const spec = asD(d).spec!;
    const template = structuredClone(spec.template!);
    template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [HASH]: hash } };
    const { maxSurge } = resolveFenceposts(asD(d));
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...(spec.template?.metadata?.labels ?? {}), [HASH]: hash },
        annotations: { [DESIRED]: String(spec.replicas ?? 1), [MAX]: String((spec.replicas ?? 1) + maxSurge), [REVISION]: revision },
        ownerReferences: [controllerRef(d)],
      },
      spec: {
        replicas,
        minReadySeconds: spec.minReadySeconds,
        selector: { ...spec.selector, matchLabels: { ...(spec.selector?.matchLabels ?? {}), [HASH]: hash } },
        template,
      },
    } as KObject;
  }

  private rollingUpdate(d: KObject, owned: () => KObject[], hash: string): void {
    const spec = asD(d).spec!;
    const replicas = spec.replicas ?? 1;
    let all = owned();
    const newRS = all.find((rs) => rs.metadata.labels?.[HASH] === hash)!;
    const total = all.reduce((n, rs) => n + specReplicas(rs), 0);
    const target = specReplicas(newRS) > replicas ? replicas : newRSReplicas(asD(d), total, specReplicas(newRS));
    if (target !== specReplicas(newRS)) this.scale(d, newRS, target, all.length > 1);
    all = owned();
    const fresh = all.find((rs) => rs.metadata.labels?.[HASH] === hash)!;
    const old = all.filter((rs) => rs !== fresh && specReplicas(rs) > 0).sort(byAge);
    if (!old.length) return;
    const { maxUnavailable } = resolveFenceposts(asD(d));
    const allReplicas = all.reduce((n, rs) => n + specReplicas(rs), 0);
    const newUnavailable = specReplicas(fresh) - available(fresh);
    // reconcileOldReplicaSets: counted on spec, so a status that lags behind never lets too many pods go
    let remaining = allReplicas - (replicas - maxUnavailable) - newUnavailable;
    if (remaining <= 0) return;
    // first, old pods that are not available anyway (cleanupUnhealthyReplicas)
    for (const rs of old) {
      if (remaining <= 0) break;
      const unhealthy = specReplicas(rs) - available(rs);
      if (unhealthy <= 0) continue;
      const down = Math.min(remaining, unhealthy);
      this.scale(d, rs, specReplicas(rs) - down, true);
      remaining -= down;
    }
    // then available old pods, as long as enough pods stay available
    all = owned();
    let budget = Math.min(remaining, oldScaleDownBudget(asD(d), all.reduce((n, rs) => n + available(rs), 0)));
    for (const rs of all.filter((r) => r.metadata.labels?.[HASH] !== hash && specReplicas(r) > 0).sort(byAge)) {
      if (budget <= 0) break;
      const down = Math.min(specReplicas(rs), budget);
      this.scale(d, rs, specReplicas(rs) - down, true);
      budget -= down;
    }
  }

  /** Recreate: every old pod is gone before the new ReplicaSet scales up. */
  private recreate(d: KObject, all: KObject[], hash: string): void {
    const old = all.filter((rs) => rs.metadata.labels?.[HASH] !== hash);
    for (const rs of old) if (specReplicas(rs) > 0) this.scale(d, rs, 0, true);
    const oldPods = this.w.store
      .list(`/registry/pods/${d.metadata.namespace}/`)
      .filter((p) => old.some((rs) => isControlledBy(p, rs)) && isActive(asPod(p)));
    if (oldPods.length) return;
    const newRS = all.find((rs) => rs.metadata.labels?.[HASH] === hash)!;
    const replicas = asD(d).spec?.replicas ?? 1;
    if (specReplicas(newRS) !== replicas) this.scale(d, newRS, replicas, old.length > 0);
  }

  private scale(d: KObject, rs: KObject, to: number, rolling: boolean): void {
    const fresh = structuredClone(this.w.store.get(`/registry/replicasets/${rs.metadata.namespace}/${rs.metadata.name}`)!.value);
    const from = specReplicas(fresh);
    const spec = asD(d).spec!;
    (fresh.spec as { replicas: number }).replicas = to;
    fresh.metadata.annotations = {
      ...fresh.metadata.annotations,
      [DESIRED]: String(spec.replicas ?? 1),
      [MAX]: String((spec.replicas ?? 1) + resolveFenceposts(asD(d)).maxSurge),
    };
    if (!this.client.update(fresh).ok) return;
    this.scaledEvent(d, rs.metadata.name, from, to, rolling);
  }

  private scaledEvent(d: KObject, rs: string, from: number, to: number, rolling: boolean): void {
    this.recorder.normal(d, 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs} from ${from} to ${to}`);
    this.w.log.emit('controller-manager', {
      kind: 'deployment.scaled',
      deployment: { kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name },
      replicaSet: rs,
      from,
      to,
      rolling,
    });
  }

  private setRevision(rs: KObject, revision: string): void {
    const fresh = structuredClone(rs);
    fresh.metadata.annotations = { ...fresh.metadata.annotations, [REVISION]: revision };
    this.client.update(fresh);
  }

  private setDeploymentRevision(d: KObject, revision: string): void {
    const fresh = this.w.store.get(`/registry/deployments/${d.metadata.namespace}/${d.metadata.name}`)!.value;
    if (fresh.metadata.annotations?.[REVISION] === revision) return;
    const updated = structuredClone(fresh);
    updated.metadata.annotations = { ...updated.metadata.annotations, [REVISION]: revision };
    this.client.update(updated);
  }

  /** Old, empty ReplicaSets beyond revisionHistoryLimit are deleted, oldest first. */
  private cleanupHistory(d: KObject, all: KObject[], hash: string): void {
    const limit = asD(d).spec?.revisionHistoryLimit ?? 10;
    const empty = all
      .filter((rs) => rs.metadata.labels?.[HASH] !== hash && specReplicas(rs) === 0 && (asRS(rs).status?.replicas ?? 0) === 0)
      .sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of empty.slice(0, Math.max(0, empty.length - limit))) this.client.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  }

  private syncStatus(d: KObject, all: KObject[], hash: string): void {
    const fresh = this.w.store.get(`/registry/deployments/${d.metadata.namespace}/${d.metadata.name}`)!.value;
    const spec = asD(fresh).spec!;
    const replicas = spec.replicas ?? 1;
    const newRS = all.find((rs) => rs.metadata.labels?.[HASH] === hash);
    const sum = (f: (rs: ReplicaSet) => number | undefined) => all.reduce((n, rs) => n + (f(asRS(rs)) ?? 0), 0);
    const availableAll = sum((rs) => rs.status?.availableReplicas);
    const updated = asRS(newRS ?? fresh).status?.replicas ?? 0;
    const { maxUnavailable } = resolveFenceposts(asD(fresh));
    const total = sum((rs) => rs.status?.replicas);
    const complete = updated === replicas && availableAll === replicas && total === replicas;
    const old = asD(fresh).status ?? {};
    const conditions = this.conditions(old.conditions ?? [], availableAll >= replicas - maxUnavailable, complete, newRS?.metadata.name ?? '');
    const status = omitZero({
      observedGeneration: fresh.metadata.generation,
      replicas: total,
      updatedReplicas: updated,
      readyReplicas: sum((rs) => rs.status?.readyReplicas),
      availableReplicas: availableAll,
      unavailableReplicas: Math.max(0, replicas - availableAll),
      conditions,
    });
    if (jsonEqual(status, old)) return;
    this.client.updateStatus({ ...fresh, status } as KObject);
    const wasComplete = (old.conditions ?? []).some((c) => c.reason === 'NewReplicaSetAvailable');
    if (complete && !wasComplete) {
      this.w.log.emit('controller-manager', {
        kind: 'deployment.available',
        deployment: { kind: 'Deployment', namespace: fresh.metadata.namespace, name: fresh.metadata.name },
        ready: availableAll,
        replicas,
      });
    }
  }

  /** Available and Progressing, with timestamps that only move when a condition really changes. */
  private conditions(old: DeploymentCondition[], isAvailable: boolean, complete: boolean, rsName: string): DeploymentCondition[] {
    const now = rfc3339(this.w.clock.now());
    const make = (type: string, status: string, reason: string, message: string): DeploymentCondition => {
      const prev = old.find((c) => c.type === type);
      const same = prev && prev.status === status && prev.reason === reason && prev.message === message;
      if (same) return prev;
      return {
        type,
        status,
        reason,
        message,
        lastUpdateTime: now,
        lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : now,
      };
    };
    const progressingReason = complete ? 'NewReplicaSetAvailable' : old.some((c) => c.type === 'Progressing') ? 'ReplicaSetUpdated' : 'NewReplicaSetCreated';
    const progressingMessage = {
      NewReplicaSetAvailable: `ReplicaSet "${rsName}" has successfully progressed.`,
      ReplicaSetUpdated: `ReplicaSet "${rsName}" is progressing.`,
      NewReplicaSetCreated: `Created new replica set "${rsName}"`,
    }[progressingReason];
    return [
      isAvailable
        ? make('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
        : make('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
      make('Progressing', 'True', progressingReason, progressingMessage),
    ];
  }
}

function omitZero<T extends Record<string, unknown>>(status: T): Partial<T> {
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== 0 && v !== undefined)) as Partial<T>;
}
