import { userRequest } from '../../events/sink.js';
import { bestScored, breakdown, decisive, ENDPOINTS_NAMED, list, megabytes, NODES_NAMED, rejectionGroups, scoreList, seconds, shortList } from '../format.js';
import type { Catalog, Messages } from '../types.js';

const obj = (o: { kind: string; namespace?: string; name: string }) => `${o.kind} « ${o.namespace ? `${o.namespace}/` : ''}${o.name} »`;
const OPS = { create: 'crée', update: 'met à jour', delete: 'supprime' } as const;
const QUIET_KEYS = ['/registry/events/', '/registry/minions/'];

/** Every French sentence of the narration. One emoji per actor: 📨 client, 🛂 API Server, 💾 etcd, 🧭 Scheduler,
 * 👀 contrôleurs, 👷 kubelet, 📦 runtime, 🔗 kube-proxy. */
/** What a Job's pod failure policy made of a failed pod, told after it. */
const POLICY_FR = {
  none: '',
  Count: ' (podFailurePolicy : une règle Count, il compte pour backoffLimit)',
  Ignore: ' (podFailurePolicy : une règle Ignore, il ne compte pas pour backoffLimit)',
  FailJob: ' (podFailurePolicy : une règle FailJob, tout le Job échoue sans attendre backoffLimit)',
};

export const fr: Catalog = {
  'request.sent': (e) =>
    userRequest(e.client)
      ? { step: 1, emoji: '📨', text: `kubectl → API Server : ${e.method} ${e.path}${e.dryRun ? ' (dry run)' : ''} — ${obj(e.object)}` }
      : null,
  'authn.succeeded': (e, ctx) =>
    userRequest(ctx.requestClient)
      ? e.impersonatedBy
        ? { step: 2, emoji: '🛂', text: `API Server : authentification — « ${e.impersonatedBy} » (certificat client ${e.method}) demande à agir en tant que « ${e.user} » (--as) : la requête est traitée comme la sienne, groupes ${e.groups.join(', ')}` }
        : { step: 2, emoji: '🛂', text: `API Server : authentification — « ${e.user} » (certificat client ${e.method}, groupes ${e.groups.join(', ')})` }
      : null,
  'authz.allowed': (e, ctx) =>
    userRequest(ctx.requestClient)
      ? { step: 2, emoji: '🛂', text: `API Server : autorisation RBAC — ${e.verb} ${e.resource}${e.namespace ? ` dans « ${e.namespace} »` : ''} permis par ${e.via}` }
      : null,
  'authz.denied': (e) => ({ step: 2, emoji: '🚫', text: `API Server : RBAC refuse — « ${e.user} » n'a pas le droit ${e.verb} sur ${e.resource}${e.namespace ? ` dans « ${e.namespace} »` : ''}` }),
  'admission.mutated': (e, ctx) =>
    userRequest(ctx.requestClient)
      ? {
          step: 2,
          emoji: '🛂',
          text:
            e.plugin === 'defaults'
              ? `API Server : valeurs par défaut ajoutées à ${obj(e.object)} — ${shortList(e.changes, 4)}`
              : `API Server : admission ${e.plugin} — ${shortList(e.changes, 3)}`,
        }
      : null,
  'validation.passed': (e, ctx) =>
    userRequest(ctx.requestClient) ? { step: 2, emoji: '🛂', text: `API Server : validation — ${obj(e.object)} est conforme (schéma et règles)` } : null,
  'validation.failed': (e) => ({ step: 2, emoji: '🚨', text: `API Server : validation refusée pour ${obj(e.object)} — ${e.errors.join(' ; ')}` }),
  // the user's writes and the scheduler's binding; controllers' writes are told by their own lines
  'etcd.written': (e, ctx) => {
    if (QUIET_KEYS.some((k) => e.key.startsWith(k))) return null;
    if (e.subresource === 'binding') return { step: 3, emoji: '💾', text: `etcd : spec.nodeName enregistré dans ${e.key} (révision ${e.revision})` };
    if (!userRequest(e.by) && !userRequest(ctx.requestClient)) return null;
    if (e.gracefulDeletion !== undefined) {
      return { step: 2, emoji: '💾', text: `etcd : ${e.key} marqué pour suppression (deletionTimestamp, délai de grâce ${e.gracefulDeletion} s) — révision ${e.revision}` };
    }
    return { step: 2, emoji: '💾', text: `etcd : ${OPS[e.op]} ${e.key} (révision ${e.revision})` };
  },
  'etcd.lease-expired': (e) => ({
    step: 2,
    emoji: '⌛',
    text: `etcd : le bail (lease) ${e.lease} arrive à échéance → ${e.deleted ? `${e.deleted} événement${e.deleted > 1 ? 's' : ''} supprimé${e.deleted > 1 ? 's' : ''}` : 'les événements écrits avec lui sont supprimés'} (kube-apiserver écrit chaque événement avec un bail d'une heure, --event-ttl=1h)`,
  }),
  'apply.unchanged': (e) => ({ step: 1, emoji: '🟰', text: `kubectl : ${obj(e.object)} est identique à ce qui est dans etcd — rien à envoyer` }),
  'service.ip-allocated': (e) => ({ step: 2, emoji: '🛂', text: `API Server : ${obj(e.service)} reçoit l'IP virtuelle ${e.clusterIP} (${e.ports})` }),
  'deployment.rs-created': (e) => ({
    step: 6,
    emoji: '👀',
    text: `Contrôleur Deployment : nouveau modèle de pod pour ${obj(e.deployment)} → crée le ReplicaSet ${e.replicaSet} (pod-template-hash ${e.hash}, révision de déploiement ${e.revision}) 💾 /registry/replicasets/${e.deployment.namespace}/${e.replicaSet} (révision etcd ${e.etcdRevision})`,
  }),
  'deployment.rs-adopted': (e) => ({ step: 6, emoji: '👀', text: `Contrôleur Deployment : le ReplicaSet orphelin ${e.replicaSet} a les labels du sélecteur de ${e.deployment.name} → il l'adopte (ownerReference ajoutée), avec ses pods` }),
  'deployment.scaled': (e) => ({
    step: 6,
    emoji: '👀',
    text: `Contrôleur Deployment : ReplicaSet ${e.replicaSet} de ${e.from} à ${e.to} réplica${e.to > 1 ? 's' : ''}${e.rolling ? ' (mise à jour progressive, maxSurge/maxUnavailable)' : ''}`,
  }),
  'deployment.available': (e) => ({ step: 6, emoji: '✅', text: `${obj(e.deployment)} disponible : ${e.ready}/${e.replicas} pods prêts` }),
  'replicaset.observed': (e) => ({
    step: 6,
    emoji: '👀',
    text:
      e.have < e.want
        ? `Contrôleur ReplicaSet : ${e.replicaSet.name} a ${e.have} pod${e.have > 1 ? 's' : ''} pour ${e.want} voulu${e.want > 1 ? 's' : ''} → en crée ${e.want - e.have}`
        : `Contrôleur ReplicaSet : ${e.replicaSet.name} a ${e.have} pods pour ${e.want} voulu${e.want > 1 ? 's' : ''} → en supprime ${e.have - e.want}`,
  }),
  'replicaset.pod-created': (e) => ({ step: 6, emoji: '👀', text: `Contrôleur ReplicaSet : crée le pod ${e.pod} 💾 /registry/pods/${e.replicaSet.namespace}/${e.pod} (révision ${e.etcdRevision})` }),
  'replicaset.pod-deleted': (e) => ({ step: 6, emoji: '👀', text: `Contrôleur ReplicaSet : supprime le pod ${e.pod}` }),
  'replicaset.pod-released': (e) => ({
    step: 6,
    emoji: '👀',
    text: `Contrôleur ReplicaSet : le pod ${e.pod} n'a plus les labels du sélecteur de ${e.replicaSet.name} → il le relâche (ownerReference retirée) ; le pod continue de tourner, seul, et ne compte plus parmi ses réplicas`,
  }),
  'replicaset.pod-adopted': (e) => ({
    step: 6,
    emoji: '👀',
    text: `Contrôleur ReplicaSet : le pod orphelin ${e.pod} a les labels du sélecteur de ${e.replicaSet.name} → il l'adopte (ownerReference ajoutée) et le compte parmi ses réplicas`,
  }),
  'job.pod-created': (e) => ({ step: 6, emoji: '👀', text: `Contrôleur Job : crée le pod ${e.pod} pour ${obj(e.job)} 💾 /registry/pods/${e.job.namespace}/${e.pod} (révision ${e.etcdRevision})` }),
  'job.pod-ended': (e) =>
    e.unneeded
      ? { step: 6, emoji: '👀', text: `Contrôleur Job : le pod ${e.pod} n'était plus nécessaire, le Job ayant déjà réussi (successPolicy) → arrêté, sans compter comme un échec` }
      : { step: 6, emoji: e.succeeded ? '🏁' : '💥', text: `Contrôleur Job : le pod ${e.pod} a ${e.succeeded ? 'terminé sa mission avec succès' : 'échoué'}${POLICY_FR[e.policy ?? 'none']} → compté (${e.counts.succeeded} réussi${e.counts.succeeded > 1 ? 's' : ''}, ${e.counts.failed} échec${e.counts.failed > 1 ? 's' : ''}) ; son finalizer batch.kubernetes.io/job-tracking est retiré, le pod reste pour ses logs` },
  'job.pod-deleted': (e) => ({ step: 6, emoji: '👀', text: `Contrôleur Job : supprime le pod ${e.pod} de ${obj(e.job)}` }),
  'job.backing-off': (e) => ({ step: 6, emoji: '⏳', text: `Contrôleur Job : un pod de ${obj(e.job)} vient d'échouer → attend encore ${seconds(e.delayMs, 'fr')} avant d'en recréer un (10 s, puis le double à chaque échec de suite, jusqu'à 10 min)` }),
  'job.suspended': (e) => ({ step: 6, emoji: '⏸️', text: e.suspended ? `Contrôleur Job : ${obj(e.job)} est suspendu (spec.suspend) → ses pods actifs sont supprimés, aucun n'est créé` : `Contrôleur Job : ${obj(e.job)} reprend → il recrée ses pods` }),
  'job.finished': (e) =>
    e.complete
      ? { step: 6, emoji: '✅', text: `Contrôleur Job : ${obj(e.job)} terminé (Complete) — ${e.succeeded} pod${e.succeeded > 1 ? 's' : ''} réussi${e.succeeded > 1 ? 's' : ''}${e.ttlSeconds !== undefined ? ` ; il sera supprimé dans ${e.ttlSeconds} s (ttlSecondsAfterFinished)` : ' ; le Job et ses pods restent, pour consulter leurs logs'}` }
      : { step: 6, emoji: '🚨', text: `Contrôleur Job : ${obj(e.job)} a échoué (Failed, ${e.reason}) — ${e.failed} échec${e.failed > 1 ? 's' : ''} ; plus aucun pod ne sera créé` },
  'job.expired': (e) => ({ step: 6, emoji: '🧹', text: `Contrôleur TTL-after-finished : ${obj(e.job)} est fini depuis ${e.ttlSeconds} s → il le supprime, avec ses pods` }),
  'cronjob.job-created': (e) => ({
    step: 6,
    emoji: '⏰',
    text: `Contrôleur CronJob : il est ${e.scheduledAt.slice(11, 16)} UTC, une heure de l'horaire « ${e.schedule} » de ${obj(e.cronJob)} → crée le Job ${e.job} (nommé d'après l'heure en minutes : jamais deux fois la même)${e.nextAt ? ` ; prochain à ${e.nextAt.slice(11, 16)}` : ''}`,
  }),
  'cronjob.skipped': (e) => ({ step: 6, emoji: '⏰', text: `Contrôleur CronJob : ${obj(e.cronJob)} a encore ${shortList(e.running, 3)} en cours et concurrencyPolicy: Forbid → pas de Job ${e.job}` }),
  'cronjob.job-deleted': (e) =>
    e.why === 'history'
      ? { step: 6, emoji: '🧹', text: `Contrôleur CronJob : ${obj(e.cronJob)} ne garde que ses derniers Jobs terminés (successfulJobsHistoryLimit, failedJobsHistoryLimit) → supprime ${e.job} et ses pods` }
      : { step: 6, emoji: '⏰', text: `Contrôleur CronJob : concurrencyPolicy: Replace → le Job ${e.job} encore en cours est supprimé pour laisser place au nouveau` },
  'volume.provisioned': (e) => ({ step: 6, emoji: '💽', text: `Provisionneur de stockage : la classe « ${e.storageClass} » crée le volume ${e.volume} (${e.size}) pour ${obj(e.claim)}${e.node ? `, sur le disque du nœud ${e.node} : les données resteront sur ce nœud` : ''}` }),
  'volume.bound': (e) => ({ step: 6, emoji: '💽', text: `Contrôleur des volumes : ${obj(e.claim)} est liée (Bound) au volume ${e.volume}` }),
  'volume.deleted': (e) => ({ step: 6, emoji: '💽', text: `Contrôleur des volumes : plus de réclamation pour ${e.volume}, politique Delete → le volume est supprimé` }),
  'gc.deleted': (e) =>
    e.foreground
      ? { step: 6, emoji: '🧹', text: `Garbage collector : ${obj(e.owner)} est supprimé au premier plan (foreground) → supprime d'abord ${obj(e.dependent)} qui lui appartient ; lui attend` }
      : { step: 6, emoji: '🧹', text: `Garbage collector : ${obj(e.owner)} n'existe plus → supprime ${obj(e.dependent)} qui lui appartenait` },
  'gc.orphaned': (e) => ({ step: 6, emoji: '🧹', text: `Garbage collector : ${obj(e.owner)} est supprimé sans ses dépendants (orphan) → ${obj(e.dependent)} ne lui appartient plus, et reste` }),
  'endpoints.updated': (e) => {
    const n = e.ready.length;
    const list = n ? `${n} pod${n > 1 ? 's' : ''} prêt${n > 1 ? 's' : ''} : ${shortList(e.ready, ENDPOINTS_NAMED)}` : `aucun pod prêt`;
    const starting = e.notReady ? ` (${e.notReady} pas encore prêt${e.notReady > 1 ? 's' : ''})` : '';
    // the two stories of the course, told when they happen
    const story =
      e.before > 0 && n === 0
        ? " — 🚨 plus personne pour répondre : le service est interrompu, comme l'entreprise qui dépendait d'un seul employé clé (un seul serveur, aucune redondance)"
        : e.before > n && n > 0
          ? ` — le service continue avec ${n} pod${n > 1 ? 's' : ''} : comme des consultants qui vont et viennent, un pod en remplace un autre sans que les utilisateurs le voient`
          : '';
    return { step: 5, emoji: '👀', text: `Contrôleur Endpoints : ${obj(e.service)} → ${list}${starting}${story}` };
  },
  'node.heartbeat-lost': (e) => ({
    step: 6,
    emoji: '💀',
    text: `Le kubelet de ${e.node} ne répond plus. Le contrôleur de nœuds ne voit plus ses battements de cœur ; il attend ${e.graceSeconds} s (node-monitor-grace-period) avant de conclure`,
  }),
  'node.not-ready': (e) => ({
    step: 6,
    emoji: '🚨',
    text: `Contrôleur de nœuds : ${e.node} est NotReady (condition Ready=Unknown), marqué node.kubernetes.io/unreachable (NoSchedule, NoExecute) ; ses ${e.pods} pods ne sont plus prêts et ${e.evictions} seront évincés dans ${e.afterSeconds} s (tolérance par défaut)`,
  }),
  'node.pod-evicted': (e) => ({ step: 6, emoji: '🧹', text: `Contrôleur d'éviction : la tolérance de ${e.pod.name} est écoulée → le pod est supprimé de ${e.node} ; son contrôleur va le recréer ailleurs` }),
  'node.ready': (e) => ({
    step: 6,
    emoji: '💚',
    text: `Le kubelet de ${e.node} répond de nouveau : Ready, taints retirées${e.cancelledEvictions ? `, ${e.cancelledEvictions} évictions annulées` : ''}`,
  }),
  'scheduler.filtered': (e) => {
    const rejected = e.verdicts.filter((v) => v.rejectedBy);
    const why =
      rejected.length <= NODES_NAMED
        ? rejected.map((v) => `${v.node} écarté par ${v.rejectedBy} (${v.reasons?.join(', ')})`)
        : [`${rejected.length} écartés : ${shortList(rejectionGroups(rejected).map((g) => `${g.count} par ${g.plugin} (${g.reasons})`), NODES_NAMED)}`];
    return {
      step: 3,
      emoji: '🧭',
      text: `Scheduler : pod ${e.pod.name} — filtrage de ${e.evaluated} nœud${e.evaluated > 1 ? 's' : ''} : ${e.feasible} retenu${e.feasible > 1 ? 's' : ''}${why.length ? ` ; ${why.join(' ; ')}` : ''}`,
    };
  },
  'scheduler.scored': (e) => {
    const scored = e.scoredNodes ?? e.verdicts.length;
    return {
      step: 3,
      emoji: '🧭',
      text: `Scheduler : scores (somme pondérée des plugins) — ${scored <= NODES_NAMED ? scoreList(e.verdicts) : `les ${NODES_NAMED} meilleurs des ${scored} nœuds : ${scoreList(bestScored(e.verdicts))}`}`,
    };
  },
  'scheduler.bound': (e) => {
    if (e.alone) return { step: 3, emoji: '🧭', text: `Scheduler : ${e.pod.name} → ${e.node} (seul nœud possible, pas besoin de noter)` };
    const gaps = e.runnerUp ? decisive(e.scores ?? [], e.runnerUp.scores) : [];
    const why = e.tieBroken
      ? 'égalité : le vrai kube-scheduler tire au sort, kubesim prend le premier nom pour que la démo se rejoue à l\'identique'
      : gaps.length
        ? `écart fait par ${gaps.map((g) => `${g.plugin} (${g.gap > 0 ? '+' : ''}${g.gap})`).join(', ')}`
        : 'meilleur total';
    return {
      step: 3,
      emoji: '🧭',
      text: `Scheduler : ${e.pod.name} → ${e.node}, ${e.score} points = ${breakdown(e.scores ?? [])}${e.runnerUp ? ` ; devant ${e.runnerUp.node} (${e.runnerUp.score}) : ${why}` : ''}`,
    };
  },
  'scheduler.waiting-for-volumes': (e) => ({
    step: 3,
    emoji: '🧭',
    text: `Scheduler : ${e.node} choisi pour ${e.pod.name} ; la classe de stockage attend le premier consommateur (WaitForFirstConsumer) → il note ce nœud sur ${e.claims.join(', ')} et attend que le volume y soit créé avant de lier le pod`,
  }),
  'scheduler.failed': (e) => ({ step: 3, emoji: '🚨', text: `Scheduler : aucun nœud pour ${e.pod.name} — « ${e.message} » ; le pod reste Pending${e.message.includes('volume node affinity conflict') ? ' — ses données sont sur un volume local : il ne peut aller que sur le nœud qui porte ce disque' : ''}` }),
  'kubelet.pod-seen': (e) => ({ step: 4, emoji: '👷', text: `Kubelet de ${e.node} : voit le pod ${e.pod.name} qui lui est attribué` }),
  'kubelet.sandbox-ready': (e) => ({ step: 4, emoji: '👷', text: `Kubelet de ${e.node} : sandbox réseau prête pour ${e.pod.name}, IP ${e.ip}` }),
  'runtime.image-pulling': (e) => ({ step: 4, emoji: '📦', text: `Runtime (containerd) sur ${e.node} : téléchargement de l'image ${e.image}…`, waits: true }),
  'runtime.image-pulled': (e) => ({ step: 4, emoji: '📦', text: `Runtime sur ${e.node} : image ${e.image} téléchargée en ${seconds(e.ms, 'fr')} (${megabytes(e.bytes, 'fr')})` }),
  'runtime.image-present': (e) => ({ step: 4, emoji: '📦', text: `Runtime sur ${e.node} : image ${e.image} déjà présente sur le nœud, pas de téléchargement` }),
  'runtime.image-pull-failed': (e) => ({
    step: 4,
    emoji: '🚨',
    text: `Runtime sur ${e.node} : le registre ne connaît pas l'image ${e.image} (tag inexistant ?) → ErrImagePull, puis ImagePullBackOff ; nouvel essai dans ${seconds(e.retryInMs, 'fr')} (essai n° ${e.attempt}, l'attente double jusqu'à 5 min)`,
  }),
  'runtime.container-started': (e) => ({
    step: 4,
    emoji: '📦',
    text: e.restarts
      ? `Runtime sur ${e.node} : conteneur « ${e.container} » recréé et redémarré (${e.restarts}e redémarrage) — même pod, même IP`
      : `Runtime sur ${e.node} : conteneur « ${e.container} » créé et démarré (${e.image})`,
  }),
  'kubelet.container-exited': (e) => ({
    step: 4,
    emoji: e.exitCode === 0 ? '🏁' : '💥',
    text: `Kubelet de ${e.node} : le conteneur « ${e.container} » de ${e.pod.name} s'est arrêté (${e.signal ? `tué par ${e.signal}, ` : ''}code de sortie ${e.exitCode})${
      e.restartInMs === undefined
        ? ' ; restartPolicy ne le relance pas'
        : e.restartInMs <= 1000
          ? ' → le kubelet le relance aussitôt (restartPolicy)'
          : ` → CrashLoopBackOff : le kubelet attend ${seconds(e.restartInMs, 'fr')} avant de le relancer (10 s, 20 s, 40 s… jusqu'à 5 min)`
    }`,
  }),
  'kubelet.readiness-failed': (e) => ({ step: 4, emoji: '🩺', text: `Kubelet de ${e.node} : la sonde readiness de « ${e.container} » (${e.pod.name}) échoue — « ${e.output} » ; le pod tourne mais reste hors des Services (READY 0/1)` }),
  'kubelet.liveness-failed': (e) => ({ step: 4, emoji: '🩺', text: `Kubelet de ${e.node} : la sonde liveness de « ${e.container} » (${e.pod.name}) échoue — « ${e.output} » ; le kubelet tue le conteneur pour le relancer` }),
  'kubelet.pod-finished': (e) => ({ step: 4, emoji: '🏁', text: `Kubelet de ${e.node} : pod ${e.pod.name} terminé (${e.phase})` }),
  'kubelet.config-error': (e) => ({
    step: 4,
    emoji: '🚨',
    text: `Kubelet de ${e.node} : impossible de créer le conteneur « ${e.container} » de ${e.pod.name} — ${e.message} (CreateContainerConfigError) ; il réessaiera quand l'objet existera`,
  }),
  'kubelet.pod-running': (e) => ({
    step: 4,
    emoji: e.ready ? '✅' : '⏳',
    text: e.ready
      ? `Kubelet de ${e.node} : pod ${e.pod.name} Running et prêt, IP ${e.ip}`
      : `Kubelet de ${e.node} : pod ${e.pod.name} Running, en attente de sa sonde readiness`,
    waits: !e.ready,
  }),
  'kubelet.container-stopping': (e) => ({ step: 4, emoji: '🛑', text: `Kubelet de ${e.node} : SIGTERM au conteneur « ${e.container} » du pod ${e.pod.name} (délai de grâce ${e.graceSeconds} s)` }),
  'kubelet.pod-removed': (e) => ({ step: 4, emoji: '🗑️', text: `Kubelet de ${e.node} : pod ${e.pod.name} arrêté, suppression confirmée à l'API Server` }),
  'proxy.synced': (e) =>
    e.endpoints.length
      ? {
          step: 5,
          emoji: '🔗',
          text: `kube-proxy (sur les ${e.nodes} nœuds) : ${e.service.namespace}/${e.service.name} ${e.clusterIP}:${e.port} → ${e.chain} répartit entre ${list(e.endpoints, 'fr', ENDPOINTS_NAMED)} (+${e.added}/−${e.removed} règles iptables)`,
        }
      : { step: 5, emoji: '🔗', text: `kube-proxy (sur les ${e.nodes} nœuds) : plus aucun pod derrière ${e.service.namespace}/${e.service.name} (−${e.removed} règles iptables)` },
  'cluster.created': (e) => ({
    emoji: '🏗️',
    text: `Cluster « ${e.name} » créé : ${e.nodes.map((n) => `${n.name} (${n.role}, ${n.cpu} CPU, ${n.memory})`).join(', ')}`,
  }),
  'sim.waited': (e) => ({
    emoji: '⏱️',
    text: e.why ? `On laisse passer ${e.why} de temps simulé…` : `Depuis la dernière commande, ${seconds(e.toMs - e.fromMs, 'fr')} se sont écoulées ; voici ce qui s'est passé entre-temps :`,
  }),
  'net.request': (e) => {
    const path = e.hops
      .map((h) =>
        h.kind === 'cluster-ip'
          ? `${h.chain} : ${h.ip}:${h.port} est la ClusterIP de ${h.service}`
          : h.kind === 'node-port'
            ? `${h.chain} : le port ${h.port} du nœud ${h.ip} est le NodePort de ${h.service}`
            : h.kind === 'reject'
              ? `${h.service} n'a aucun endpoint → REJECT`
              : h.kind === 'svc-rule'
                ? `${h.chain} : règle ${h.rule}/${h.of}${h.rule < h.of ? ` (tirage : probabilité 1/${h.of - h.rule + 1})` : ' (la dernière, sans condition)'}`
                : `${h.chain} : DNAT → ${h.target}`,
      )
      .join(' → ');
    const dns = e.ip && e.ip !== e.host ? ` (DNS : ${e.host} → ${e.ip})` : '';
    const end =
      e.outcome === 'ok'
        ? `le pod ${e.pod} sur ${e.node} répond ${e.status}`
        : e.outcome === 'nxdomain'
          ? `CoreDNS ne connaît pas ${e.host}`
          : e.outcome === 'no-endpoints'
            ? 'connexion refusée : aucun pod prêt derrière ce Service'
            : e.outcome === 'refused'
              ? `connexion refusée${e.pod ? ` par ${e.pod} (rien n'écoute sur ce port)` : ''}`
              : e.outcome === 'empty'
                ? `${e.pod} accepte la connexion mais ne parle pas HTTP`
                : e.outcome === 'timeout'
                  ? 'aucune machine ne répond à cette adresse (délai dépassé)'
                  : 'URL invalide';
    return { step: 5, emoji: '🌐', text: `Requête ${e.url} depuis ${e.from}${dns}${path ? ` : ${path}` : ''} → ${end}` };
  },
  'chaos.killed': (e) => ({ step: 4, emoji: '🔪', text: `Chaos : le processus principal du conteneur « ${e.container} » de ${e.pod.name} (nœud ${e.node}) reçoit SIGKILL` }),
  'sim.stable': (e) => ({ emoji: '⏱️', text: `Tout est stable${e.elapsedMs ? ` après ${seconds(e.elapsedMs, 'fr')} de temps simulé` : ''}.` }),
  'sim.not-converged': (e) => ({ emoji: '🚨', text: `La simulation ne s'est pas stabilisée après ${e.steps} étapes.` }),
};

export const frMessages: Messages = {
  stepTitles: {
    1: '1/6 · la requête quitte kubectl',
    2: "2/6 · l'API Server vérifie et écrit dans etcd",
    3: '3/6 · le Scheduler choisit un nœud',
    4: '4/6 · le Kubelet et le runtime démarrent les conteneurs',
    5: '5/6 · kube-proxy programme les règles du Service',
    6: '6/6 · les contrôleurs surveillent et réparent',
  },
  analogies: {
    kubectl: "Analogie : kubectl, c'est le formulaire de demande déposé au guichet ; il ne fait rien lui-même, il transmet.",
    apiserver:
      "Analogie : l'API Server, c'est le guichet RH du service de formation continue ; toute demande y passe, et on y vérifie l'identité, le droit de demander et que le formulaire est complet.",
    etcd: "Analogie : etcd, c'est la base des dossiers du service ; ce qui n'y est pas écrit n'existe pas, et chaque modification reçoit un numéro (la révision).",
    scheduler:
      "Analogie : le Scheduler, c'est l'équipe de planification ; elle choisit pour chaque consultant (pod) le site (nœud) qui a la place et les ressources, sans l'y conduire elle-même.",
    'controller-manager':
      "Analogie : les contrôleurs, ce sont les gestionnaires qui comparent sans cesse l'effectif prévu à l'effectif réel ; un consultant de CGI ou d'Alithya part ? ils en demandent un autre.",
    kubelet: "Analogie : le Kubelet, c'est le responsable de site ; il accueille les consultants qu'on lui attribue, les installe et signale s'ils vont bien.",
    'kube-proxy': "Analogie : kube-proxy, c'est le standard de la réception ; on compose un seul numéro (le Service) et l'appel est transféré à un consultant disponible.",
  },
  view: { cpu: 'CPU', memory: 'Mémoire', pods: 'Pods', pending: "En attente d'un nœud :", empty: '(aucun pod)' },
  canI: {
    allowed: (user, via) => `🛂 RBAC : oui pour « ${user} », grâce à ${via}`,
    denied: (user, what) => `🚫 RBAC : non, aucun ClusterRoleBinding ni RoleBinding ne donne à « ${user} » le droit ${what} ; RBAC refuse tout ce qui n'est pas explicitement permis`,
  },
  portForward: (pod, node, ports) =>
    `🔗 port-forward (${ports}) : chaque connexion locale passe par l'API Server, puis par le kubelet de ${node}, jusqu'au conteneur du pod ${pod}. Un seul pod, choisi au départ : pas de répartition entre les réplicas comme par le Service (kube-proxy n'y est pour rien). Ouvrez l'adresse dans un navigateur ; Ctrl+C pour arrêter.`,
  diff: "🔍 À gauche (LIVE), l'objet tel qu'etcd le garde ; à droite (MERGED), ce qu'en ferait kubesim apply -f : l'API Server l'a calculé en dry-run, sans rien écrire. Code de sortie 1 : il y a des différences.",
  kubeconfig: {
    namespace: (context, namespace) =>
      `📒 kubeconfig : le contexte « ${context} » travaille désormais dans le namespace « ${namespace || 'default'} » ; chaque commande sans -n y va (kubesim config view --minify le montre)`,
    switched: (context, cluster, namespace) => `📒 kubeconfig : contexte « ${context} », soit le cluster « ${cluster || '(aucun)'} » et le namespace « ${namespace || 'default'} » pour chaque commande sans --context ni -n`,
    view: "📒 Un kubeconfig réunit des clusters (où joindre l'API Server), des utilisateurs (leurs identifiants) et des contextes (un cluster, un utilisateur, un namespace). Sur un vrai cluster (kind, kubeadm), l'utilisateur y porte un certificat client (client-certificate-data, DATA+OMITTED sans --raw) ; le cluster simulé de kubesim n'en a pas besoin.",
  },
  progress: (running, pods, seconds) => `⏳ La simulation avance : ${running}/${pods} pods Running, ${seconds} s de temps simulé…`,
  saving: "💾 Enregistrement de l'état du cluster…",
  loading: (mb) => `📂 Lecture de l'état du cluster (${mb.toLocaleString('fr-FR').replace(/\u202f/g, ' ')} Mo)…`,
  folded: (n, last, pods) => `${n.toLocaleString('fr-FR').replace(/\u202f/g, ' ')} fois de plus${pods ? " pour d'autres pods" : ''}, comme la dernière : ${last}`,
  dbHint: "💡 La base PostgreSQL de l'application est dans manifests/postgres.yaml : kubesim apply -f manifests/postgres.yaml",
  explain: {
    url: (a) => `Le manifeste n'a pas pu être téléchargé depuis ${a.detail} : vérifiez l'adresse et le réseau, ou téléchargez le fichier et passez-le à -f.`,
    'no-file': (a) => `Le chemin « ${a.path} » n'existe pas : vérifiez le nom du fichier ou du dossier passé à -f.`,
    'no-manifests': (a) => `Rien à lire dans « ${a.path} » : kubectl n'y prend que les fichiers .yaml, .yml et .json (et les sous-dossiers avec -R).`,
    bomb: (a) => `« ${a.source} » est fait pour épuiser le décodeur (alias YAML multipliés, ou JSON imbriqué sur plus de 10 000 niveaux) : kubectl le refuse, et rien de ce document n'a été envoyé.`,
    yaml: (a) => `Le YAML de « ${a.source} » est mal formé ligne ${a.line}, colonne ${a.column} : ${a.detail}. Rien de ce document n'a été envoyé (indentation avec des espaces, jamais de tabulation).`,
    'not-object': (a) => `Un document de « ${a.source} » n'est pas un objet Kubernetes (il faut une table clé: valeur avec apiVersion, kind et metadata).`,
    'missing-kind': (a) => `kubectl vérifie avant d'envoyer : chaque objet doit déclarer apiVersion et kind (manquant dans « ${a.source} » : ${a.detail}).`,
    'unknown-kind': (a) => `L'API Server ne connaît pas le type ${a.kind} en version ${a.apiVersion} (version retirée ou faute de frappe ? voir kubesim api-resources).`,
    'not-simulated': (a) => `${a.kind} (${a.apiVersion}) existe bien dans Kubernetes, mais kubesim ne le simule pas encore : l'objet n'a pas été créé.`,
    'generate-name': (a) => `kubectl apply a besoin d'un metadata.name pour retrouver l'objet la fois suivante ; generateName ne marche qu'avec kubectl create (« ${a.source} »).`,
    'apply-conflict': (a) => `Server-side apply : un autre gestionnaire a posé ce champ de ${a.kind} « ${a.name} » à une autre valeur. Qui possède quel champ est noté dans metadata.managedFields (get … -o yaml --show-managed-fields) ; --force-conflicts le reprend, ou alignez votre manifeste sur la valeur actuelle.`,
    'no-objects': () => 'Aucun objet à appliquer : le fichier est vide ou ne contient que des commentaires.',
    Invalid: (a) => `L'API Server a refusé ${a.kind} « ${a.name} » : l'objet ne respecte pas les règles de validation (détail ci-dessus). Rien n'a été écrit dans etcd.`,
    BadRequest: (a) => `L'API Server n'a pas pu décoder ${a.kind} « ${a.name} » : champ inconnu (faute de frappe ?) ou valeur du mauvais type. Rien n'a été écrit dans etcd.`,
    Forbidden: () => "RBAC refuse cette action à cet utilisateur : il lui faut un Role/ClusterRole lié par un (Cluster)RoleBinding.",
    NotFound: () => "L'objet demandé n'existe pas (vérifiez le nom et le namespace avec -n).",
    AlreadyExists: () => 'Un objet de ce nom existe déjà dans ce namespace.',
    Conflict: () => "L'objet a changé entre la lecture et l'écriture (resourceVersion) : relancez la commande.",
    overwrite: (a) => `« ${a.detail} » a déjà une valeur : kubectl ne la remplace qu'avec --overwrite, pour ne pas écraser par mégarde ce qu'un autre a posé.`,
    RequestEntityTooLarge: () => "L'API Server refuse toute requête de plus de 3 Mio avant même de la lire (etcd n'accepte pas d'écriture de plus de 1,5 Mio). Un objet Kubernetes décrit une intention, pas des données : mettez les gros contenus dans une image ou un volume.",
    'timed-out': (a) => `Le délai est écoulé (${a.detail}) sans que la condition soit remplie : kubesim describe montre où en est l'objet, et ses événements pourquoi.`,
    usage: (a) => `Commande incomplète : ${a.detail}`,
    kubeconfig: (a) => `Le kubeconfig de kubesim (${a.path}) est illisible : corrigez-le, ou supprimez-le (chaque cluster kubesim y retrouvera son contexte).`,
    edit: () => "kubectl n'a rien envoyé : le fichier enregistré était vide, ou n'était plus du YAML valable. Relancez kubesim edit, changez l'objet (sans tout effacer), puis enregistrez et quittez l'éditeur.",
    metrics: () =>
      "kubectl top lit l'usage CPU et mémoire que mesure metrics-server (l'API metrics.k8s.io) ; kubesim ne le simule pas, comme un cluster kind tout neuf où il reste à l'installer. Ce que chaque pod demande (requests), et ce que le Scheduler en a compté par nœud, se voit avec kubesim describe node NOM ou kubesim cluster view.",
    context: (a) => `Le kubeconfig de kubesim n'a pas de contexte « ${a.name} » : kubesim config get-contexts les liste (chaque cluster kubesim a le sien, kubesim-NOM), kubesim config set-context ${a.name} --cluster=kubesim-kubesim en crée un.`,
    precondition: (a) => `kubectl n'a rien changé : ${a.kind} « ${a.name} » n'est plus dans l'état que la commande posait en condition (--current-replicas, --resource-version). Quelqu'un l'a peut-être modifié entre-temps : regardez-le (get), puis relancez.`,
    source: (a) => `kubectl n'a rien envoyé : les données du ${a.kind} se donnent par --from-literal=clé=valeur, --from-file=[clé=]chemin (un fichier, ou chaque fichier d'un dossier) ou --from-env-file=chemin (des lignes CLÉ=valeur, seul), chaque clé une seule fois, faite de lettres, de chiffres, de « - », « _ » et « . ».`,
    'watch-one': () => "get -w suit une seule chose : tous les objets d'un type (filtrés par -l au besoin), ou un seul objet nommé. Pour en suivre plusieurs, ouvrez un terminal par get -w.",
    selector: (a) => `L'API Server ne sait pas lire le sélecteur « ${a.selector} » : des conditions séparées par des virgules, chacune clé=valeur, clé!=valeur, clé in (a,b), clé notin (a,b), clé (le label existe) ou !clé (il n'existe pas).`,
    'field-selector': (a) => `L'API Server ne sélectionne les ${a.kind ?? 'objets'} que par certains champs : « ${a.selector} » n'en est pas, ou s'écrit mal (champ=valeur, champ!=valeur, séparés par des virgules). Tous les types ont metadata.name ; les pods aussi spec.nodeName, status.phase, status.podIP…, les événements involvedObject.name, reason, type…`,
    'unknown-resource': (a) => `Type de ressource inconnu : « ${a.resource} ». Voir kubesim api-resources.`,
    'no-field': (a) => `${a.kind} n'a pas de champ « ${a.field} » à cet endroit : kubesim explain sans ce champ liste ceux qui existent.`,
    network: (a) => `La requête n'a pas abouti : ${a.detail}.`,
    exec: (a) => `La commande s'est terminée avec le code ${a.detail} dans le conteneur.`,
    locked: (a) => `Un autre kubesim travaille sur ce cluster depuis trop longtemps (verrou ${a.path}).`,
    'store-invalid': () => '--store attend l’adresse d’un etcd : etcd://HÔTE:PORT (par exemple etcd://127.0.0.1:2379).',
    'store-unreachable': () => 'Aucun etcd ne répond à cette adresse : démarrez-le (paquet Debian etcd-server), ou retirez --store pour garder le cluster dans des fichiers.',
    'store-foreign': () => 'Cet etcd contient déjà les objets d’un autre cluster : kubesim n’y touche pas. Donnez-lui un etcd vide, ou le sien.',
    'home-unwritable': () => 'kubesim ne peut pas écrire le cluster dans son dossier (KUBESIM_HOME, ~/.kubesim par défaut) : vérifiez que c’est un dossier où vous avez le droit d’écrire, et qu’il reste de la place sur le disque. Le cluster est resté tel qu’il était.',
    'lock-lost': () => 'Cette commande a travaillé si longtemps que son verrou sur le cluster, dans etcd, a expiré, et une autre commande kubesim a pris le cluster entre-temps. Pour ne pas effacer ce que celle-ci a fait, cette commande n’a pas été enregistrée : relancez-la.',
    'state-unreadable': () => 'Les fichiers sauvés du cluster ne se lisent plus (modifiés à la main ? disque plein ?) : remettez-en une copie, ou repartez d’un cluster neuf avec kubesim cluster reset.',
    internal: (a) => `Erreur interne de kubesim : ${a.detail}`,
  },
};
