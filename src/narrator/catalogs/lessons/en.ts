import type { Lessons } from '../../../lessons/types.js';

/** The classroom texts in English: the control-plane quiz. */
export const enLessons: Lessons = {
  quiz: {
    title: '🎓 Quiz — the Kubernetes control plane',
    questions: [
      {
        question: 'Which component does every kubectl request go through?',
        choices: ['Straight into etcd', 'The API Server', "The node's Kubelet", 'The Scheduler'],
        answer: 1,
        explanation:
          'Everything goes through the API Server: it authenticates, checks permissions (RBAC), validates the object and writes it to etcd. Nobody else talks to etcd. It is the HR desk: no request goes straight to the archives.',
      },
      {
        question: 'Where is the desired state of the cluster (Deployments, Services, pods…) stored?',
        choices: ['In etcd', "In the Scheduler's memory", "On each node's disk", 'In the original YAML file'],
        answer: 0,
        explanation:
          'In etcd, under keys such as /registry/deployments/default/gestion-employes, with a revision number for every write. The YAML only makes the request; the records database is etcd.',
      },
      {
        question: 'Which component picks the node a new pod will run on?',
        choices: ['The API Server', 'The Kubelet', 'The Scheduler', 'kube-proxy'],
        answer: 2,
        explanation:
          'The Scheduler filters the nodes (room, taints, affinity), scores them, and only writes its choice (spec.nodeName). The planning team picks the site; it does not drive the consultant there.',
      },
      {
        question: 'Who actually starts the containers on a node?',
        choices: ['The Deployment controller', 'The Scheduler', 'kube-proxy', 'The Kubelet, with the container runtime'],
        answer: 3,
        explanation:
          "Each node's Kubelet sees the pods assigned to it and asks the runtime (containerd) to pull the image and start the container. It is the site manager who welcomes the consultant.",
      },
      {
        question: 'One of the 3 gestion-employes pods is deleted. What happens?',
        choices: [
          'Kubernetes restarts the same pod',
          'The ReplicaSet controller creates a new pod, with another name and another IP',
          'The Deployment goes down to 2 replicas',
          'Nothing until the manifest is applied again',
        ],
        answer: 1,
        explanation:
          'The ReplicaSet keeps comparing 3 wanted with 2 present and creates a replacement: new name, new IP. Pods are ephemeral, like CGI or Alithya consultants who come and go; the Service keeps the same address.',
      },
      {
        question: "Which component programs the rules that send a Service's traffic to its pods?",
        choices: ['kube-proxy', 'etcd', 'The Scheduler', 'The API Server'],
        answer: 0,
        explanation:
          'kube-proxy, on every node, writes the iptables rules (KUBE-SVC-…, KUBE-SEP-…) that spread connections over the ready pods. The reception switchboard: one number, put through to an available consultant.',
      },
      {
        question: 'Why 3 replicas of gestion-employes rather than one?',
        choices: ['To start 3 times faster', 'Because Kubernetes requires at least 3 pods', 'So the service keeps running if a node fails', 'To have 3 copies of the database'],
        answer: 2,
        explanation:
          'With one pod, losing its node stops everything: the company that depended on one key employee. With 3 pods on different nodes, the others keep answering while the replacement arrives.',
      },
    ],
    right: '✅ Right.',
    wrong: (answer) => `❌ The right answer was: ${answer}.`,
    score: (right, total) => `Score: ${right}/${total}${right === total ? ' — well done!' : ''}`,
    needsTerminal: 'the quiz is played in an interactive terminal',
  },
};
