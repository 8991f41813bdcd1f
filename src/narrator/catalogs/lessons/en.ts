import type { Lessons } from '../../../lessons/types.js';

/** The classroom texts in English: the control-plane quiz. */
export const enLessons: Lessons = {
  menu: {
    message: 'What would you like to do?',
    deploy: 'Deploy the gestion-employes app',
    pods: 'See the pods',
    breakIt: 'Break something: delete the gestion-employes pods',
    tutorial: 'Follow a tutorial',
    quiz: 'Take the quiz',
    quit: 'Quit',
  },
  tutorial: {
    intro: 'Tutorials: kubesim tutorial NAME (--auto to run through without waiting)',
    cluster: (name) => `This tutorial works on a new cluster, "${name}": your other clusters are not touched.`,
    typeIt: 'Type the command (or Enter to run it as shown)',
    next: 'Enter to continue',
    wrong: (expected) => `That is not the expected command: ${expected}`,
    done: (title) => `🎉 End of the tutorial "${title}".`,
    unknown: (name) => `unknown tutorial "${name}"; the list: kubesim tutorial`,
    needsTerminal: 'the tutorial is followed in an interactive terminal (or with --auto)',
    tutorials: {
      deploy: {
        title: 'The six steps of deploying gestion-employes',
        steps: [
          { text: 'We deploy the HR app gestion-employes: a ConfigMap, a Deployment with 3 replicas and a Service. Follow the narration: 📨 the request, 🛂 the API Server and 💾 etcd, 🧭 the Scheduler, 👷 the Kubelet and 📦 the runtime, 🔗 kube-proxy, 👀 the controllers.' },
          { text: 'Steps 1 to 6, in one command:', command: 'kubesim apply -f manifests/gestion-employes.yaml' },
          { text: "Step 2: everything is written to etcd, under a /registry/… key. Here are the Deployments':", command: 'kubesim etcdctl get /registry/deployments --prefix --keys-only' },
          { text: "Step 3: the Scheduler's choice is written in spec.nodeName; the NODE column shows it.", command: 'kubesim get pods -o wide' },
          { text: 'Step 4: the Kubelet and the runtime left events (Scheduled, Pulling, Pulled, Created, Started).', command: 'kubesim get events' },
          { text: 'Step 5: kube-proxy programmed the Service rules. A request follows them to a pod; without its database, the app answers an error.', command: 'kubesim curl http://gestion-employes/employes' },
          { text: 'Let us deploy the PostgreSQL database, then try again.', command: 'kubesim apply -f manifests/postgres.yaml' },
          { text: 'The same request, now that the postgres Service has a ready pod:', command: 'kubesim curl http://gestion-employes/employes' },
          { text: 'Step 6: controllers watch. Let us delete the gestion-employes pods…', command: 'kubesim delete pod -l app=gestion-employes' },
          { text: '… the ReplicaSet controller has already replaced them: new names, new IPs.', command: 'kubesim get pods -o wide' },
        ],
      },
      'control-plane': {
        title: "The control plane, with the continuing-education department's analogy",
        steps: [
          { text: 'The control plane is the continuing-education department: the API Server is the HR desk, etcd the records database, the Scheduler the planning team, the controllers the headcount managers. --analogies recalls it in the narration.' },
          { text: 'One request, told with the analogies:', command: 'kubesim apply -f manifests/gestion-employes.yaml --analogies' },
          { text: 'The control plane itself runs as pods on the control-plane node: etcd, kube-apiserver, kube-controller-manager, kube-scheduler (and CoreDNS).', command: 'kubesim get pods -n kube-system -o wide' },
          { text: 'The records database: every pod has its file in etcd.', command: 'kubesim etcdctl get /registry/pods/default --prefix --keys-only' },
          { text: 'The desk also checks permissions: a user without a RoleBinding is refused (RBAC).', command: 'kubesim get pods --as student' },
          { text: 'To read it all again:', command: 'kubesim learn control-plane' },
        ],
      },
      pods: {
        title: 'Pods are ephemeral: consultants who come and go',
        steps: [
          { text: 'A pod is a consultant placed by CGI or Alithya: they arrive, work, leave, and another takes their place. The Service stays: it is the reception number.', command: 'kubesim apply -f manifests/gestion-employes.yaml' },
          { text: 'Note the pod names and IPs:', command: 'kubesim get pods -o wide' },
          { text: 'All the consultants leave at once:', command: 'kubesim delete pod -l app=gestion-employes' },
          { text: 'They are replaced at once: other names, other IPs, maybe other nodes.', command: 'kubesim get pods -o wide' },
          { text: "The Service's address has not changed:", command: 'kubesim get service gestion-employes' },
          { text: 'And it still answers:', command: 'kubesim curl http://gestion-employes/sante' },
          { text: "Other consultants come for one assignment only, then leave: that is a Job. Its pod stops when the task is done, and the Job controller does not replace it, it counts that it succeeded.", command: 'kubesim create job inventory --image=busybox -- echo Inventory done' },
          { text: 'The Job is Complete, its pod Completed: it no longer runs, but it stays, with its report.', command: 'kubesim get jobs,pods' },
          { text: "The consultant's report:", command: 'kubesim logs job/inventory' },
        ],
      },
      'story-1': {
        title: 'Story 1: the company that depended on one key employee',
        steps: [
          { text: "The database has one pod, and its data is on one node's disk. It is the key employee with no stand-in.", command: 'kubesim apply -f manifests/' },
          { text: "Find postgres' node:", command: 'kubesim get pods -o wide' },
          { text: 'That node fails (its kubelet goes silent):', command: 'kubesim node fail {node:app=postgres}' },
          { text: 'A minute passes: after 50 s without news, the node is NotReady and the database has no ready pod.', command: 'kubesim wait 1m' },
          { text: 'The app cannot reach its database:', command: 'kubesim curl http://gestion-employes/employes' },
          { text: 'Five minutes: the pod is evicted and recreated… but stays Pending, because its data is on the failed node.', command: 'kubesim wait 5m' },
          { text: 'The Scheduler says why:', command: 'kubesim describe pod -l app=postgres' },
          { text: 'The node comes back:', command: 'kubesim node recover {node:app=postgres}' },
          { text: 'The database restarts with its data; the app answers again. The lesson: several replicas, and replicated data.', command: 'kubesim curl http://gestion-employes/employes' },
        ],
      },
      'story-2': {
        title: 'Story 2: consultants who come and go',
        steps: [
          { text: 'gestion-employes has 3 pods, on different nodes.', command: 'kubesim apply -f manifests/gestion-employes.yaml' },
          { text: 'Find them:', command: 'kubesim get pods -o wide' },
          { text: "One pod's node fails:", command: 'kubesim node fail {node:app=gestion-employes}' },
          { text: "A minute passes: that node's pod leaves the Service, the other two carry on.", command: 'kubesim wait 1m' },
          { text: 'The service still answers, thanks to the other pods:', command: 'kubesim curl http://gestion-employes/sante' },
          { text: "Five minutes: the failed node's pod is replaced elsewhere.", command: 'kubesim wait 5m' },
          { text: 'Three pods Running, on the remaining nodes:', command: 'kubesim get pods -o wide' },
          { text: 'The node returns; the old pod, left Terminating, is finally removed.', command: 'kubesim node recover {node:app=gestion-employes}' },
        ],
      },
      bases: {
        title: "Kubernetes basics, step by step as kubernetes.io's tutorial (Learn Kubernetes Basics)",
        steps: [
          { text: "kubernetes.io's tutorial, command by command, typed as with kubectl. Module 2: a Deployment, created from an image.", command: 'kubesim create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1' },
          { text: 'The Deployment wants 1 replica, and it is ready:', command: 'kubesim get deployments' },
          { text: 'Module 3: its pod, the node the Scheduler placed it on, and its IP…', command: 'kubesim get pods -o wide' },
          { text: '… and what the app wrote as it started:', command: 'kubesim logs deployment/kubernetes-bootcamp' },
          { text: 'Module 4: a Service makes the app reachable by a stable name and IP, and here also by a port of every node (NodePort).', command: 'kubesim expose deployment/kubernetes-bootcamp --type=NodePort --port=8080' },
          { text: "A request follows kube-proxy's rules to the pod:", command: 'kubesim curl http://kubernetes-bootcamp:8080/' },
          { text: 'Labels: the Deployment put app=kubernetes-bootcamp on its pods; let us add version=v1.', command: 'kubesim label pods -l app=kubernetes-bootcamp version=v1' },
          { text: 'A label selector finds the pods:', command: 'kubesim get pods -l version=v1' },
          { text: 'Module 5: four replicas; the ReplicaSet controller creates three more, the Scheduler spreads them.', command: 'kubesim scale deployments/kubernetes-bootcamp --replicas=4' },
          { text: 'The Service now spreads requests over the four pods:', command: 'kubesim get pods -o wide' },
          { text: 'Module 6: a new version, rolled out pod by pod (rolling update): new pods come, old ones go.', command: 'kubesim set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2' },
          { text: 'The rollout is done:', command: 'kubesim rollout status deployments/kubernetes-bootcamp' },
          { text: 'Version 2 answers:', command: 'kubesim curl http://kubernetes-bootcamp:8080/' },
          { text: 'A version that does not exist: its pods stay in ImagePullBackOff, and the rolling update stops there: the old pods keep serving.', command: 'kubesim set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10' },
          { text: 'Both versions side by side:', command: 'kubesim get pods' },
          { text: "Back to the previous version, kept in the Deployment's history:", command: 'kubesim rollout undo deployments/kubernetes-bootcamp' },
          { text: 'Four pods of version 2, again:', command: 'kubesim get pods' },
        ],
      },
    },
  },
  learn: {
    intro: 'Topics: kubesim learn TOPIC',
    tryIt: 'Try:',
    unknown: (topic) => `unknown topic "${topic}"; the list: kubesim learn`,
    topics: {
      'control-plane': {
        title: 'The control plane',
        text:
          'The control plane decides; the nodes carry out. It brings together the API Server (the desk every request reaches), etcd (the records database), the Scheduler (the planning team) and the controllers (the headcount managers). On each node, the Kubelet and kube-proxy apply its decisions.\nNobody gives direct orders: each reads the desired state from the API Server and acts until reality matches it. In the continuing-education department, a request goes to the HR desk; planning picks the site; the site manager welcomes the consultant.',
        tryIt: ['kubesim apply -f manifests/gestion-employes.yaml --analogies', 'kubesim get pods -n kube-system'],
      },
      apiserver: {
        title: 'The API Server',
        text:
          'Every request goes through it: kubectl, controllers, the Scheduler, the Kubelets. For every write it authenticates (who are you?), authorizes with RBAC (may you?), adds defaults, runs admission controllers, validates the object, then writes it to etcd. It is the only one that talks to etcd.\nIt is the HR desk: an incomplete form is refused, and nothing is filed without going through it.',
        tryIt: ['kubesim apply -f manifests/postgres.yaml', 'kubesim get pods --as student'],
      },
      etcd: {
        title: 'etcd',
        text:
          "A key-value database, replicated in a real cluster, holding the whole cluster state under keys such as /registry/deployments/default/gestion-employes. Every write bumps a global revision, which becomes the objects' resourceVersion. A key may be attached to a lease: when it runs out, etcd deletes the key. The API Server writes events that way, for an hour (--event-ttl): keep elsewhere what must last.\nIt is the records database: what is not written there does not exist for Kubernetes.",
        tryIt: ['kubesim etcdctl get /registry --prefix --keys-only', 'kubesim get deployment gestion-employes -o yaml', 'kubesim get events', 'kubesim wait 1h5m', 'kubesim get events'],
      },
      scheduler: {
        title: 'The Scheduler',
        text:
          "It finds a node for every pod without one. Filters first (enough requested CPU and memory? an untolerated taint? a nodeSelector? is the pod's volume on that node?), then scores (LeastAllocated prefers the least loaded node, BalancedAllocation balances CPU and memory, PodTopologySpread spreads one Deployment's pods over the nodes; podAntiAffinity and topologySpreadConstraints can even rule nodes out). It only writes its choice, spec.nodeName; if nothing fits, the pod stays Pending with a FailedScheduling event that says why, node by node.\nIt is the planning team: it places the consultant, it does not drive them there.",
        tryIt: ['kubesim scale deployment/gestion-employes --replicas=6', 'kubesim cluster view', 'kubesim explain pods.spec.containers.resources'],
      },
      controllers: {
        title: 'Controllers',
        text:
          'Loops that compare desired and actual state and close the gap, again and again. The Deployment controller makes one ReplicaSet per version of the pod template (the pod-template-hash); the ReplicaSet controller creates or deletes pods to reach the wanted count; others keep Endpoints, garbage collection, nodes and volumes.\nThey are the headcount managers: a CGI or Alithya consultant leaves, they ask for another, without being told.',
        tryIt: ['kubesim delete pod -l app=gestion-employes', 'kubesim get pods'],
      },
      kubelet: {
        title: 'The Kubelet',
        text:
          "Each node's agent. It sees the pods the Scheduler assigned to it, sets up their network, asks the runtime (containerd) to pull the image and start the containers, runs liveness and readiness probes, restarts a container that stops (with a doubling wait: CrashLoopBackOff), and reports pod and node status to the API Server.\nIt is the site manager: it welcomes the consultant, settles them in and says whether they are well.",
        tryIt: ['kubesim describe pod -l app=postgres', 'kubesim node fail kubesim-worker2'],
      },
      'kube-proxy': {
        title: 'kube-proxy',
        text:
          'On every node it turns Services and their EndpointSlices into iptables rules: a virtual address (ClusterIP) and port lead to a KUBE-SVC chain that draws a ready pod at random (statistic mode random), then a KUBE-SEP chain translates the address to that pod. A NodePort opens the same service on every node\'s port. It rewrites its rules at most once a second (minSyncPeriod): pods that get ready within the same second go in together.\nIt is the reception switchboard: you dial one number and the call is put through to an available consultant.',
        tryIt: ['kubesim proxy rules', 'kubesim curl http://gestion-employes/employes'],
      },
      pods: {
        title: 'Pods',
        text:
          'The smallest unit Kubernetes places: one or more containers sharing an IP address and volumes. A pod is ephemeral: if it dies or its node fails, it is not repaired, it is replaced by another pod with another name and another IP. That is why Deployments create them and Services reach them.\nThey are the consultants placed by CGI or Alithya: they come and go, the service goes on.',
        tryIt: ['kubesim get pods -o wide', 'kubesim chaos kill pod/NAME', 'kubesim explain pods.spec.restartPolicy'],
      },
      jobs: {
        title: 'Jobs and CronJobs',
        text:
          "A Deployment keeps pods that always run; a Job runs pods that do a task and then stop. The Job controller creates the pods (parallelism at a time), counts those that succeeded up to completions, makes another after a failure (10 s wait, then doubled) up to backoffLimit, then marks the Job Complete or Failed. Finished pods stay (Completed), so their logs can be read. A CronJob creates a Job at each time of its schedule, in cron format, and keeps only the latest ones.\nIt is the consultant hired for one assignment: the work done, the report handed in, they leave; the CronJob is the assignment that comes back every month.",
        tryIt: ['kubesim create job mission --image=busybox -- echo Mission accomplie', 'kubesim logs job/mission', 'kubesim describe job mission', 'kubesim create cronjob releve --image=busybox --schedule=@hourly -- date', 'kubesim get cronjobs,jobs'],
      },
      services: {
        title: 'Services',
        text:
          'A stable address in front of pods that change. A Service picks its pods by labels (selector); the EndpointSlice controller lists the ready ones; kube-proxy programs the rules; cluster DNS gives a name (gestion-employes.default.svc.cluster.local). Types: ClusterIP (internal), NodePort (a port on every node), LoadBalancer (an external address, pending on a local cluster), headless (no virtual address, DNS answers with pod IPs).',
        tryIt: ['kubesim get endpointslices', 'kubesim exec POD -- nslookup postgres'],
      },
      storage: {
        title: 'Persistent volumes',
        text:
          "A PersistentVolumeClaim asks for space (1Gi, ReadWriteOnce); a PersistentVolume provides it, created on demand by the storage class (StorageClass). kind's \"standard\" class creates a directory on the disk of the node where the first pod lands (WaitForFirstConsumer): the data outlives the pod but stays on that node. If the node fails, the replacement pod waits for it to return.\nIt is the key employee who keeps the files at home.",
        tryIt: ['kubesim get pvc,pv', 'kubesim describe pv'],
      },
      config: {
        title: 'ConfigMaps and Secrets',
        text:
          'Configuration leaves the image: a ConfigMap (text) or a Secret (base64-encoded, access restricted by RBAC) is given to the container as environment variables or mounted files. Variables are read once, when the container starts; files are updated by the Kubelet. A missing Secret keeps the container from starting (CreateContainerConfigError).',
        tryIt: ['kubesim curl http://gestion-employes/config', 'kubesim rollout restart deployment/gestion-employes'],
      },
    },
  },
  explain: {
    source: (path) => `📖 Kubernetes' own text, from the OpenAPI v3 schema the API Server publishes: GET ${path}. That is where kubectl explain reads it.`,
    kinds: {
      Pod: 'A Pod is one or more containers sharing an IP address and volumes, placed together on one node: the consultant sent to the client. kubesim learn pods',
      Service: 'A Service gives a stable address (virtual IP and DNS name) in front of pods that come and go; kube-proxy programs it on every node. kubesim learn services',
      Endpoints: 'Endpoints: the addresses of the ready pods behind a Service, kept up to date by a controller.',
      Namespace: 'A Namespace separates objects into name spaces (one per team or project); RBAC rights attach to it.',
      Node: 'A Node is a machine of the cluster: its kubelet starts the pods the Scheduler assigns to it. kubesim learn kubelet',
      ConfigMap: 'A ConfigMap holds non-secret configuration, given to pods as environment variables or files. kubesim learn config',
      Secret: 'A Secret holds sensitive data (base64-encoded, not encrypted by default), given to pods like a ConfigMap. kubesim learn config',
      ServiceAccount: "A ServiceAccount is a pod's identity towards the API Server (RBAC applies to it as to a user).",
      Event: 'An Event tells what happened to an object (Scheduled, Pulled, Started…): kubesim describe shows them.',
      PersistentVolumeClaim: 'A PersistentVolumeClaim asks for a volume that outlives pods; it is bound to a PersistentVolume. kubesim learn storage',
      PersistentVolume: 'A PersistentVolume is a disk of the cluster, made by hand or by a provisioner for a claim. kubesim learn storage',
      Deployment: 'A Deployment describes the desired state (image, number of replicas); its controller creates ReplicaSets and rolls updates out. kubesim learn controllers',
      CronJob: 'A CronJob creates a Job at each time of its schedule (cron format: "*/5 * * * *" = every 5 minutes), like a recurring task given each time to a new consultant; it keeps only its latest finished Jobs.',
      Job: "A Job runs pods until enough of them have succeeded (completions), makes new ones after a failure (up to backoffLimit), then stops: a consultant hired for one task, not a permanent employee. Its finished pods stay, for their logs.",
      ReplicaSet: 'A ReplicaSet keeps the right number of identical pods: it makes a new one as soon as one is missing. kubesim learn controllers',
      EndpointSlice: 'An EndpointSlice is the modern form of Endpoints: slices of at most 100 pod addresses, read by kube-proxy; a pod getting ready makes only its own slice be rewritten. kubesim learn kube-proxy',
      StorageClass: 'A StorageClass says how volumes are provisioned (which provisioner, when, what happens on deletion). kubesim learn storage',
      ClusterRole: 'A ClusterRole is a list of rights (verbs on resources) valid across the cluster; a binding grants it.',
      ClusterRoleBinding: 'A ClusterRoleBinding grants a ClusterRole to users, groups or ServiceAccounts, in every namespace.',
      Role: 'A Role is a list of rights limited to one namespace; a RoleBinding grants it.',
      RoleBinding: 'A RoleBinding grants a Role (or a ClusterRole) to subjects, in its own namespace only.',
    },
    fields: {
      'PodSpec.containers': "The pod's containers: at least one. The kubelet starts them all on the same node.",
      'PodSpec.restartPolicy': 'Always (the default): the kubelet restarts a container that stops, with a doubling delay (CrashLoopBackOff). A Deployment accepts Always only.',
      'PodSpec.nodeName': 'Empty on creation: the Scheduler writes it (the binding). Setting it yourself bypasses the Scheduler.',
      'PodSpec.tolerations': 'The taints a pod accepts on a node; without a toleration, the Scheduler rules the node out (TaintToleration filter).',
      'PodSpec.affinity': "Where to place the pod relative to nodes (nodeAffinity) and to other pods (podAffinity, podAntiAffinity); a required anti-affinity on kubernetes.io/hostname puts one replica per node (InterPodAffinity filter).",
      'PodSpec.topologySpreadConstraints': "Spread the pods its labelSelector picks across the domains of a node label (zone, node), at most maxSkew apart; without any, the Scheduler already spreads one ReplicaSet's pods (PodTopologySpread).",
      'PodSpec.volumes': "The pod's volumes (ConfigMap, Secret, claim…), mounted into containers by volumeMounts.",
      'Container.image': 'The image the container runtime pulls from the registry on the node (Pulling then Pulled in the events).',
      'Container.resources': 'Requests are for the Scheduler (the room reserved on a node); limits for the node (beyond the memory limit, the container is killed).',
      'ResourceRequirements.requests': "What the Scheduler reserves on the node: a pod goes only where the sum of requests fits in the allocatable.",
      'ResourceRequirements.limits': 'The ceiling the node enforces: CPU throttled beyond it, container killed (OOMKilled) beyond the memory.',
      'Container.livenessProbe': 'When it fails, the kubelet kills and restarts the container.',
      'Container.readinessProbe': "While it fails, the pod stays out of its Service's Endpoints: it gets no traffic.",
      'Container.env': 'Environment variables, fixed when the container starts: changing a ConfigMap changes them only at the next start.',
      'DeploymentSpec.replicas': 'The number of pods wanted; the Deployment and ReplicaSet controllers keep bringing reality back to it.',
      'DeploymentSpec.selector': "How the Deployment recognises its pods (by their labels); must match the template's labels.",
      'DeploymentSpec.template': 'The pods\' template; changing it (image, env…) starts a rolling update with a new ReplicaSet.',
      'DeploymentSpec.strategy': 'RollingUpdate (the default) replaces pods a few at a time (maxSurge, maxUnavailable); Recreate stops them all first.',
      'ServiceSpec.type': 'ClusterIP (the default): an internal address; NodePort: a port on every node; LoadBalancer: an external address from the cloud.',
      'ServiceSpec.selector': "The labels of the pods behind the Service: their addresses, when ready, go into its Endpoints.",
      'ServiceSpec.ports': "port: the Service's; targetPort: the container's, where kube-proxy sends the traffic (DNAT).",
      'ObjectMeta.labels': 'key=value tags: the selectors of Services and Deployments use them to find their pods.',
      'ObjectMeta.ownerReferences': 'Who owns this object (a pod belongs to a ReplicaSet): the garbage collector deletes orphans.',
      'PodStatus.phase': 'Pending, Running, Succeeded, Failed or Unknown: a summary; the detail is in conditions and containerStatuses.',
      'NodeSpec.taints': "Marks that repel pods that don't tolerate them (NoSchedule) or evict them (NoExecute).",
      'PersistentVolumeClaimSpec.storageClassName': 'The storage class wanted; when empty, the DefaultStorageClass admission sets the default one (standard on kind).',
    },
  },
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
