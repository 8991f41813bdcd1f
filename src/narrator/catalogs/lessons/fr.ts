import type { Lessons } from '../../../lessons/types.js';

/** Les textes de la classe, en français : le quiz sur le plan de contrôle. */
export const frLessons: Lessons = {
  quiz: {
    title: '🎓 Quiz — le plan de contrôle de Kubernetes',
    questions: [
      {
        question: 'Par où passe toute demande faite avec kubectl ?',
        choices: ['Directement dans etcd', "Par l'API Server", 'Par le Kubelet du nœud', 'Par le Scheduler'],
        answer: 1,
        explanation:
          "Tout passe par l'API Server : il authentifie, vérifie les droits (RBAC), valide l'objet et l'écrit dans etcd. Personne d'autre ne parle à etcd. C'est le guichet RH : aucune demande ne va directement aux archives.",
      },
      {
        question: "Où l'état voulu du cluster (Deployments, Services, pods…) est-il enregistré ?",
        choices: ['Dans etcd', 'Dans la mémoire du Scheduler', 'Sur le disque de chaque nœud', 'Dans le fichier YAML de départ'],
        answer: 0,
        explanation:
          'Dans etcd, sous des clés comme /registry/deployments/default/gestion-employes, avec un numéro de révision à chaque écriture. Le YAML ne sert qu’à faire la demande ; la base des dossiers, c’est etcd.',
      },
      {
        question: 'Quel composant choisit le nœud où un nouveau pod va tourner ?',
        choices: ["L'API Server", 'Le Kubelet', 'Le Scheduler', 'kube-proxy'],
        answer: 2,
        explanation:
          "Le Scheduler filtre les nœuds (place, taints, affinités) puis leur donne un score, et écrit seulement son choix (spec.nodeName). L'équipe de planification choisit le site, elle n'y conduit pas le consultant.",
      },
      {
        question: 'Qui démarre réellement les conteneurs sur un nœud ?',
        choices: ['Le contrôleur Deployment', 'Le Scheduler', 'kube-proxy', 'Le Kubelet, avec le runtime de conteneurs'],
        answer: 3,
        explanation:
          "Le Kubelet de chaque nœud voit les pods qui lui sont attribués et demande au runtime (containerd) de télécharger l'image et de lancer le conteneur. C'est le responsable de site qui accueille le consultant.",
      },
      {
        question: 'On supprime un des 3 pods de gestion-employes. Que se passe-t-il ?',
        choices: [
          'Kubernetes redémarre le même pod',
          'Le contrôleur ReplicaSet crée un nouveau pod, avec un autre nom et une autre IP',
          'Le Deployment passe à 2 réplicas',
          "Rien, tant qu'on ne réapplique pas le manifeste",
        ],
        answer: 1,
        explanation:
          "Le ReplicaSet compare sans cesse 3 voulus et 2 présents, et crée un remplaçant : nouveau nom, nouvelle IP. Les pods sont éphémères, comme des consultants de CGI ou d'Alithya qui vont et viennent ; le Service, lui, garde la même adresse.",
      },
      {
        question: 'Quel composant programme les règles qui envoient le trafic d’un Service vers ses pods ?',
        choices: ['kube-proxy', 'etcd', 'Le Scheduler', "L'API Server"],
        answer: 0,
        explanation:
          'kube-proxy, sur chaque nœud, écrit les règles iptables (KUBE-SVC-…, KUBE-SEP-…) qui répartissent les connexions entre les pods prêts. Le standard de la réception : un seul numéro, transféré à un consultant disponible.',
      },
      {
        question: 'Pourquoi 3 réplicas de gestion-employes plutôt qu’un seul ?',
        choices: [
          'Pour démarrer 3 fois plus vite',
          'Parce que Kubernetes exige au moins 3 pods',
          'Pour que le service continue si un nœud tombe',
          'Pour avoir 3 copies de la base de données',
        ],
        answer: 2,
        explanation:
          "Avec un seul pod, la panne de son nœud arrête tout : c'est l'entreprise qui dépendait d'un seul employé clé. Avec 3 pods sur des nœuds différents, les autres continuent de répondre pendant que le remplaçant arrive.",
      },
    ],
    right: '✅ Bonne réponse.',
    wrong: (answer) => `❌ La bonne réponse était : ${answer}.`,
    score: (right, total) => `Score : ${right}/${total}${right === total ? ' — bravo !' : ''}`,
    needsTerminal: 'le quiz se joue dans un terminal interactif',
  },
};
