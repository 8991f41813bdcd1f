import type { Lessons } from '../../../lessons/types.js';

/** Les textes de la classe, en français : le quiz sur le plan de contrôle. */
export const frLessons: Lessons = {
  menu: {
    message: 'Que voulez-vous faire ?',
    deploy: "Déployer l'application gestion-employes",
    pods: 'Voir les pods',
    breakIt: 'Casser quelque chose : supprimer les pods de gestion-employes',
    tutorial: 'Suivre un tutoriel',
    quiz: 'Faire le quiz',
    quit: 'Quitter',
  },
  tutorial: {
    intro: 'Tutoriels : kubesim tutorial NOM (--auto pour tout dérouler sans attendre)',
    cluster: (name) => `Ce tutoriel travaille sur un cluster neuf, « ${name} » : vos autres clusters ne sont pas touchés.`,
    typeIt: 'Tapez la commande (ou Entrée pour la lancer telle quelle)',
    next: 'Entrée pour continuer',
    wrong: (expected) => `Ce n'est pas la commande attendue : ${expected}`,
    done: (title) => `🎉 Fin du tutoriel « ${title} ».`,
    unknown: (name) => `tutoriel inconnu « ${name} » ; la liste : kubesim tutorial`,
    needsTerminal: 'le tutoriel se suit dans un terminal interactif (ou avec --auto)',
    tutorials: {
      deploy: {
        title: 'Les six étapes du déploiement de gestion-employes',
        steps: [
          { text: "Nous déployons l'application RH gestion-employes : un ConfigMap, un Deployment de 3 réplicas et un Service. Suivez la narration : 📨 la demande, 🛂 l'API Server et 💾 etcd, 🧭 le Scheduler, 👷 le Kubelet et 📦 le runtime, 🔗 kube-proxy, 👀 les contrôleurs." },
          { text: 'Étapes 1 à 6, en une commande :', command: 'kubesim apply -f manifests/gestion-employes.yaml' },
          { text: "Étape 2 : tout est écrit dans etcd, sous une clé /registry/… Voici celles des Deployments :", command: 'kubesim etcdctl get /registry/deployments --prefix --keys-only' },
          { text: 'Étape 3 : le choix du Scheduler est écrit dans spec.nodeName ; la colonne NODE le montre.', command: 'kubesim get pods -o wide' },
          { text: "Étape 4 : le Kubelet et le runtime ont laissé des événements (Scheduled, Pulling, Pulled, Created, Started).", command: 'kubesim get events' },
          { text: "Étape 5 : kube-proxy a programmé les règles du Service. Une requête suit ces règles jusqu'à un pod ; sans sa base de données, l'application répond une erreur.", command: 'kubesim curl http://gestion-employes/employes' },
          { text: 'Déployons la base PostgreSQL, puis refaisons la requête.', command: 'kubesim apply -f manifests/postgres.yaml' },
          { text: 'La même requête, maintenant que le Service postgres a un pod prêt :', command: 'kubesim curl http://gestion-employes/employes' },
          { text: 'Étape 6 : les contrôleurs surveillent. Supprimons les pods de gestion-employes…', command: 'kubesim delete pod -l app=gestion-employes' },
          { text: '… le contrôleur ReplicaSet les a déjà remplacés : nouveaux noms, nouvelles IP.', command: 'kubesim get pods -o wide' },
        ],
      },
      'control-plane': {
        title: "Le plan de contrôle, avec l'analogie du service de formation continue",
        steps: [
          { text: "Le plan de contrôle, c'est le service de formation continue : l'API Server est le guichet RH, etcd la base des dossiers, le Scheduler l'équipe de planification, les contrôleurs les gestionnaires d'effectif. --analogies le rappelle dans la narration." },
          { text: 'Une demande, racontée avec les analogies :', command: 'kubesim apply -f manifests/gestion-employes.yaml --analogies' },
          { text: "Le plan de contrôle tourne lui-même en pods, sur le nœud control-plane : etcd, kube-apiserver, kube-controller-manager, kube-scheduler (et CoreDNS).", command: 'kubesim get pods -n kube-system -o wide' },
          { text: "La base des dossiers : chaque pod a sa fiche dans etcd.", command: 'kubesim etcdctl get /registry/pods/default --prefix --keys-only' },
          { text: "Le guichet vérifie aussi les droits : un utilisateur sans RoleBinding est refusé (RBAC).", command: 'kubesim get pods --as etudiant' },
          { text: 'Pour relire tout cela :', command: 'kubesim learn control-plane' },
        ],
      },
      pods: {
        title: 'Les pods sont éphémères : les consultants qui vont et viennent',
        steps: [
          { text: "Un pod, c'est un consultant placé par CGI ou Alithya : il arrive, travaille, repart, et un autre prend sa place. Le Service, lui, reste : c'est le numéro de la réception.", command: 'kubesim apply -f manifests/gestion-employes.yaml' },
          { text: 'Notez les noms et les IP des pods :', command: 'kubesim get pods -o wide' },
          { text: 'Tous les consultants partent en même temps :', command: 'kubesim delete pod -l app=gestion-employes' },
          { text: "Ils sont remplacés aussitôt : d'autres noms, d'autres IP, peut-être d'autres nœuds.", command: 'kubesim get pods -o wide' },
          { text: "L'adresse du Service n'a pas changé :", command: 'kubesim get service gestion-employes' },
          { text: 'Et il répond toujours :', command: 'kubesim curl http://gestion-employes/sante' },
          { text: "D'autres consultants ne viennent que pour une mission, puis repartent : c'est un Job. Son pod s'arrête quand la tâche est faite, et le contrôleur Job ne le remplace pas, il compte qu'il a réussi.", command: 'kubesim create job inventaire --image=busybox -- echo Inventaire terminé' },
          { text: 'Le Job est Complete, son pod Completed : il ne tourne plus, mais il reste, avec son rapport.', command: 'kubesim get jobs,pods' },
          { text: 'Le rapport du consultant :', command: 'kubesim logs job/inventaire' },
        ],
      },
      'story-1': {
        title: "Histoire 1 : l'entreprise qui dépendait d'un seul employé clé",
        steps: [
          { text: "La base de données n'a qu'un pod, et ses données sont sur le disque d'un seul nœud. C'est l'employé clé sans remplaçant.", command: 'kubesim apply -f manifests/' },
          { text: 'Repérez le nœud de postgres :', command: 'kubesim get pods -o wide' },
          { text: 'Ce nœud tombe en panne (son kubelet se tait) :', command: 'kubesim node fail {node:app=postgres}' },
          { text: "Une minute passe : après 50 s sans nouvelles, le nœud est NotReady et la base n'a plus de pod prêt.", command: 'kubesim wait 1m' },
          { text: "L'application ne joint plus sa base :", command: 'kubesim curl http://gestion-employes/employes' },
          { text: "Cinq minutes : le pod est évincé et recréé… mais il reste Pending, car ses données sont sur le nœud en panne.", command: 'kubesim wait 5m' },
          { text: 'Le Scheduler dit pourquoi :', command: 'kubesim describe pod -l app=postgres' },
          { text: 'Le nœud revient :', command: 'kubesim node recover {node:app=postgres}' },
          { text: "La base repart avec ses données ; l'application répond de nouveau. La leçon : plusieurs réplicas, et des données répliquées.", command: 'kubesim curl http://gestion-employes/employes' },
        ],
      },
      'story-2': {
        title: 'Histoire 2 : les consultants qui vont et viennent',
        steps: [
          { text: 'gestion-employes a 3 pods, sur des nœuds différents.', command: 'kubesim apply -f manifests/gestion-employes.yaml' },
          { text: 'Repérez-les :', command: 'kubesim get pods -o wide' },
          { text: "Le nœud d'un des pods tombe :", command: 'kubesim node fail {node:app=gestion-employes}' },
          { text: 'Une minute passe : le pod de ce nœud sort du Service, les deux autres continuent.', command: 'kubesim wait 1m' },
          { text: "Le service répond toujours, grâce aux autres pods :", command: 'kubesim curl http://gestion-employes/sante' },
          { text: 'Cinq minutes : le pod du nœud en panne est remplacé ailleurs.', command: 'kubesim wait 5m' },
          { text: 'Trois pods Running, sur les nœuds qui restent :', command: 'kubesim get pods -o wide' },
          { text: 'Le nœud revient ; le pod ancien, resté Terminating, est enfin effacé.', command: 'kubesim node recover {node:app=gestion-employes}' },
        ],
      },
      bases: {
        title: 'Les bases de Kubernetes, pas à pas comme le tutoriel de kubernetes.io (Learn Kubernetes Basics)',
        steps: [
          { text: "Le parcours de kubernetes.io, commande par commande, tapées comme avec kubectl. Module 2 : un Deployment, créé à partir d'une image.", command: 'kubesim create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1' },
          { text: 'Le Deployment veut 1 réplica, et il est prêt :', command: 'kubesim get deployments' },
          { text: 'Module 3 : son pod, le nœud où le Scheduler l’a placé et son IP…', command: 'kubesim get pods -o wide' },
          { text: '… et ce que l’application a écrit en démarrant :', command: 'kubesim logs deployment/kubernetes-bootcamp' },
          { text: "Module 4 : un Service rend l'application joignable par un nom et une IP stables, et ici aussi par un port de chaque nœud (NodePort).", command: 'kubesim expose deployment/kubernetes-bootcamp --type=NodePort --port=8080' },
          { text: 'Une requête passe par les règles de kube-proxy jusqu’au pod :', command: 'kubesim curl http://kubernetes-bootcamp:8080/' },
          { text: 'Les labels : le Deployment a mis app=kubernetes-bootcamp sur ses pods ; ajoutons-leur version=v1.', command: 'kubesim label pods -l app=kubernetes-bootcamp version=v1' },
          { text: 'Un sélecteur de labels retrouve les pods :', command: 'kubesim get pods -l version=v1' },
          { text: 'Module 5 : quatre réplicas ; le contrôleur ReplicaSet en crée trois de plus, le Scheduler les répartit.', command: 'kubesim scale deployments/kubernetes-bootcamp --replicas=4' },
          { text: 'Le Service répartit maintenant les requêtes entre les quatre pods :', command: 'kubesim get pods -o wide' },
          { text: 'Module 6 : une nouvelle version, déployée pod par pod (rolling update) : les nouveaux pods arrivent, les anciens partent.', command: 'kubesim set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2' },
          { text: 'Le déploiement est terminé :', command: 'kubesim rollout status deployments/kubernetes-bootcamp' },
          { text: "C'est la version 2 qui répond :", command: 'kubesim curl http://kubernetes-bootcamp:8080/' },
          { text: "Une version qui n'existe pas : ses pods restent en ImagePullBackOff, et le rolling update s'arrête là : les anciens pods continuent de servir.", command: 'kubesim set image deployments/kubernetes-bootcamp kubernetes-bootcamp=gcr.io/google-samples/kubernetes-bootcamp:v10' },
          { text: 'Voyez les deux versions côte à côte :', command: 'kubesim get pods' },
          { text: 'Retour à la version précédente, enregistrée dans l’historique du Deployment :', command: 'kubesim rollout undo deployments/kubernetes-bootcamp' },
          { text: 'Quatre pods de la version 2, de nouveau :', command: 'kubesim get pods' },
        ],
      },
    },
  },
  learn: {
    intro: 'Sujets : kubesim learn SUJET',
    tryIt: 'À essayer :',
    unknown: (topic) => `sujet inconnu « ${topic} » ; la liste : kubesim learn`,
    topics: {
      'control-plane': {
        title: 'Le plan de contrôle',
        text:
          "Le plan de contrôle décide ; les nœuds exécutent. Il réunit l'API Server (le guichet où arrive toute demande), etcd (la base des dossiers), le Scheduler (l'équipe de planification) et les contrôleurs (les gestionnaires d'effectif). Sur chaque nœud, le Kubelet et kube-proxy appliquent ses décisions.\nPersonne ne donne d'ordre direct : chacun lit l'état voulu dans l'API Server et agit pour que la réalité le rejoigne. Dans le service de formation continue, on dépose une demande au guichet RH ; la planification choisit le site ; le responsable de site accueille le consultant.",
        tryIt: ['kubesim apply -f manifests/gestion-employes.yaml --analogies', 'kubesim get pods -n kube-system'],
      },
      apiserver: {
        title: "L'API Server",
        text:
          "Toute demande passe par lui : kubectl, les contrôleurs, le Scheduler, les Kubelets. Pour chaque écriture il authentifie (qui êtes-vous ?), autorise avec RBAC (en avez-vous le droit ?), ajoute les valeurs par défaut, passe les contrôleurs d'admission, valide l'objet, puis l'écrit dans etcd. Il est le seul à parler à etcd.\nC'est le guichet RH : un formulaire incomplet est refusé, et rien n'est archivé sans passer par lui.",
        tryIt: ['kubesim apply -f manifests/postgres.yaml', 'kubesim get pods --as etudiant'],
      },
      etcd: {
        title: 'etcd',
        text:
          "Une base clé-valeur, répliquée dans un vrai cluster, qui contient tout l'état du cluster sous des clés comme /registry/deployments/default/gestion-employes. Chaque écriture augmente une révision globale, qui devient le resourceVersion des objets. Une clé peut être liée à un bail (lease) : quand il expire, etcd l'efface. L'API Server écrit ainsi les événements, pour une heure (--event-ttl) : gardez ailleurs ce qui doit durer.\nC'est la base des dossiers : ce qui n'y est pas écrit n'existe pas pour Kubernetes.",
        tryIt: ['kubesim etcdctl get /registry --prefix --keys-only', 'kubesim get deployment gestion-employes -o yaml', 'kubesim get events', 'kubesim wait 1h5m', 'kubesim get events'],
      },
      scheduler: {
        title: 'Le Scheduler',
        text:
          "Il cherche un nœud pour chaque pod qui n'en a pas. D'abord les filtres (assez de CPU et de mémoire demandés ? une taint non tolérée ? un nodeSelector ? le volume du pod est-il sur ce nœud ?), puis les scores (LeastAllocated préfère le nœud le moins chargé, BalancedAllocation équilibre CPU et mémoire, PodTopologySpread répartit les pods d'un même Deployment sur les nœuds ; podAntiAffinity et topologySpreadConstraints peuvent même en écarter). Il écrit seulement son choix, spec.nodeName ; s'il ne trouve rien, le pod reste Pending avec un événement FailedScheduling qui dit pourquoi, nœud par nœud.\nC'est l'équipe de planification : elle place le consultant, elle ne l'y conduit pas.",
        tryIt: ['kubesim scale deployment/gestion-employes --replicas=6', 'kubesim cluster view', 'kubesim explain pods.spec.containers.resources'],
      },
      controllers: {
        title: 'Les contrôleurs',
        text:
          "Des boucles qui comparent l'état voulu et l'état réel, et corrigent l'écart, encore et encore. Le contrôleur Deployment crée un ReplicaSet par version du modèle de pod (le pod-template-hash) ; le contrôleur ReplicaSet crée ou supprime des pods pour atteindre le nombre voulu ; d'autres tiennent les Endpoints, le ramasse-miettes, les nœuds, les volumes.\nCe sont les gestionnaires d'effectif : un consultant de CGI ou d'Alithya part, ils en demandent un autre, sans qu'on le leur dise.",
        tryIt: ['kubesim delete pod -l app=gestion-employes', 'kubesim get pods'],
      },
      kubelet: {
        title: 'Le Kubelet',
        text:
          "L'agent de chaque nœud. Il voit les pods que le Scheduler lui a attribués, prépare leur réseau, demande au runtime (containerd) de télécharger l'image et de lancer les conteneurs, exécute les sondes liveness et readiness, redémarre un conteneur qui s'arrête (avec une attente qui double : CrashLoopBackOff), et rapporte l'état du pod et du nœud à l'API Server.\nC'est le responsable de site : il accueille le consultant, l'installe et dit s'il va bien.",
        tryIt: ['kubesim describe pod -l app=postgres', 'kubesim node fail kubesim-worker2'],
      },
      'kube-proxy': {
        title: 'kube-proxy',
        text:
          "Sur chaque nœud, il traduit les Services et leurs EndpointSlices en règles iptables : une adresse virtuelle (ClusterIP) et un port mènent à une chaîne KUBE-SVC qui tire au sort un pod prêt (statistic mode random), puis une chaîne KUBE-SEP fait la traduction d'adresse vers ce pod. Un NodePort ouvre le même service sur le port de chaque nœud. Il réécrit ses règles au plus une fois par seconde (minSyncPeriod) : les pods prêts dans la même seconde y entrent ensemble.\nC'est le standard de la réception : on compose un seul numéro, l'appel est transféré à un consultant disponible.",
        tryIt: ['kubesim proxy rules', 'kubesim curl http://gestion-employes/employes'],
      },
      pods: {
        title: 'Les pods',
        text:
          "La plus petite unité que Kubernetes place : un ou plusieurs conteneurs qui partagent une adresse IP et des volumes. Un pod est éphémère : s'il meurt ou si son nœud tombe, il n'est pas réparé, il est remplacé par un autre pod, avec un autre nom et une autre IP. C'est pourquoi on passe par un Deployment pour les créer et par un Service pour les joindre.\nCe sont les consultants placés par CGI ou Alithya : ils vont et viennent, le service continue.",
        tryIt: ['kubesim get pods -o wide', 'kubesim chaos kill pod/NOM', 'kubesim explain pods.spec.restartPolicy'],
      },
      jobs: {
        title: 'Jobs et CronJobs',
        text:
          "Un Deployment garde des pods qui tournent toujours ; un Job lance des pods qui font une tâche puis s'arrêtent. Le contrôleur Job crée les pods (parallelism à la fois), compte ceux qui ont réussi jusqu'à completions, en recrée un après un échec (10 s d'attente, puis le double) jusqu'à backoffLimit, puis marque le Job Complete ou Failed. Les pods terminés restent (Completed), pour qu'on lise leurs logs. Un CronJob crée un Job à chaque heure de son horaire, au format cron, et ne garde que les derniers.\nC'est le consultant engagé pour une mission : il la termine, remet son rapport et s'en va ; le CronJob, c'est la mission qui revient chaque mois.",
        tryIt: ['kubesim create job mission --image=busybox -- echo Mission accomplie', 'kubesim logs job/mission', 'kubesim describe job mission', 'kubesim create cronjob releve --image=busybox --schedule=@hourly -- date', 'kubesim get cronjobs,jobs'],
      },
      services: {
        title: 'Les Services',
        text:
          "Une adresse stable devant des pods qui changent. Le Service choisit ses pods par étiquettes (selector) ; le contrôleur EndpointSlice liste ceux qui sont prêts ; kube-proxy programme les règles ; le DNS du cluster donne un nom (gestion-employes.default.svc.cluster.local). Types : ClusterIP (interne), NodePort (un port sur chaque nœud), LoadBalancer (une adresse externe, en attente sur un cluster local), headless (pas d'adresse virtuelle, le DNS répond avec les IP des pods).",
        tryIt: ['kubesim get endpointslices', 'kubesim exec POD -- nslookup postgres'],
      },
      storage: {
        title: 'Les volumes persistants',
        text:
          "Un PersistentVolumeClaim demande de l'espace (1Gi, ReadWriteOnce) ; un PersistentVolume le fournit, créé à la demande par la classe de stockage (StorageClass). La classe « standard » de kind crée un dossier sur le disque du nœud où le premier pod est placé (WaitForFirstConsumer) : les données survivent au pod, mais restent sur ce nœud. Si le nœud tombe, le pod remplaçant attend son retour.\nC'est l'employé clé qui garde ses dossiers chez lui.",
        tryIt: ['kubesim get pvc,pv', 'kubesim describe pv'],
      },
      config: {
        title: 'ConfigMaps et Secrets',
        text:
          "La configuration sort de l'image : un ConfigMap (texte) ou un Secret (encodé en base64, accès restreint par RBAC) se donne au conteneur en variables d'environnement ou en fichiers montés. Les variables sont lues une fois, au démarrage du conteneur ; les fichiers sont mis à jour par le Kubelet. Un Secret manquant empêche le conteneur de démarrer (CreateContainerConfigError).",
        tryIt: ['kubesim curl http://gestion-employes/config', 'kubesim rollout restart deployment/gestion-employes'],
      },
    },
  },
  explain: {
    source: (path) => `📖 Texte de Kubernetes (en anglais), tiré du schéma OpenAPI v3 que l'API Server publie : GET ${path}. C'est là que kubectl explain le lit.`,
    kinds: {
      Pod: "Un Pod, c'est un ou plusieurs conteneurs qui partagent une adresse IP et des volumes, placés ensemble sur un nœud : le consultant envoyé chez le client. kubesim learn pods",
      Service: "Un Service donne une adresse stable (IP virtuelle et nom DNS) devant des pods qui vont et viennent ; kube-proxy la programme sur chaque nœud. kubesim learn services",
      Endpoints: "Endpoints : la liste des adresses des pods prêts derrière un Service, tenue à jour par un contrôleur.",
      Namespace: "Un Namespace sépare les objets en espaces de noms (un par équipe ou par projet) ; les droits RBAC s'y attachent.",
      Node: "Un Node, c'est une machine du cluster : son kubelet y démarre les pods que le Scheduler lui attribue. kubesim learn kubelet",
      ConfigMap: "Une ConfigMap garde de la configuration non secrète, donnée aux pods en variables d'environnement ou en fichiers. kubesim learn config",
      Secret: "Un Secret garde une donnée sensible (encodée en base64, pas chiffrée par défaut), donnée aux pods comme une ConfigMap. kubesim learn config",
      ServiceAccount: "Un ServiceAccount est l'identité d'un pod auprès de l'API Server (RBAC s'applique à lui comme à un utilisateur).",
      Event: "Un Event raconte ce qui est arrivé à un objet (Scheduled, Pulled, Started…) : kubesim describe les affiche.",
      PersistentVolumeClaim: "Une PersistentVolumeClaim demande un volume qui survit aux pods ; elle est liée à un PersistentVolume. kubesim learn storage",
      PersistentVolume: "Un PersistentVolume est un disque du cluster, créé à la main ou par un provisionneur pour une claim. kubesim learn storage",
      Deployment: "Un Deployment décrit l'état voulu (image, nombre de replicas) ; son contrôleur crée des ReplicaSets et fait les mises à jour progressives. kubesim learn controllers",
      CronJob: "Un CronJob crée un Job à chaque heure de son horaire (schedule, au format cron : « */5 * * * * » = toutes les 5 minutes), comme une mission récurrente confiée chaque fois à un nouveau consultant ; il ne garde que les derniers Jobs terminés.",
      Job: "Un Job fait tourner des pods jusqu'à ce qu'assez d'entre eux aient réussi (completions), en recrée après un échec (jusqu'à backoffLimit), puis s'arrête : un consultant engagé pour une mission, pas un employé permanent. Ses pods terminés restent, pour leurs logs.",
      ReplicaSet: "Un ReplicaSet garde le bon nombre de pods identiques : il en recrée un dès qu'il en manque un. kubesim learn controllers",
      EndpointSlice: "Une EndpointSlice est la forme moderne des Endpoints : des tranches de 100 adresses de pods au plus, lues par kube-proxy ; un pod qui devient prêt ne fait réécrire que la sienne. kubesim learn kube-proxy",
      StorageClass: "Une StorageClass dit comment provisionner des volumes (quel provisionneur, quand, que faire à la suppression). kubesim learn storage",
      ClusterRole: "Un ClusterRole est une liste de droits (verbes sur des ressources) valable dans tout le cluster ; un binding l'attribue.",
      ClusterRoleBinding: "Un ClusterRoleBinding attribue un ClusterRole à des utilisateurs, groupes ou ServiceAccounts, dans tous les namespaces.",
      Role: "Un Role est une liste de droits limitée à un namespace ; un RoleBinding l'attribue.",
      RoleBinding: "Un RoleBinding attribue un Role (ou un ClusterRole) à des sujets, dans son namespace seulement.",
    },
    fields: {
      'PodSpec.containers': "Les conteneurs du pod : au moins un. Le kubelet les démarre tous sur le même nœud.",
      'PodSpec.restartPolicy': "Always (par défaut) : le kubelet redémarre le conteneur qui s'arrête, avec un délai qui double (CrashLoopBackOff). Un Deployment n'accepte qu'Always.",
      'PodSpec.nodeName': "Vide à la création : c'est le Scheduler qui l'écrit (le binding). Le remplir soi-même court-circuite le Scheduler.",
      'PodSpec.tolerations': "Les taints qu'un pod accepte sur un nœud ; sans tolérance, le Scheduler écarte le nœud (filtre TaintToleration).",
      'PodSpec.affinity': "Où placer le pod par rapport aux nœuds (nodeAffinity) et aux autres pods (podAffinity, podAntiAffinity) ; une anti-affinité obligatoire sur kubernetes.io/hostname met un seul réplica par nœud (filtre InterPodAffinity).",
      'PodSpec.topologySpreadConstraints': "Répartir les pods choisis par labelSelector entre les domaines d'un label de nœud (zone, nœud) avec un écart d'au plus maxSkew ; sans contrainte, le Scheduler répartit déjà les pods d'un même ReplicaSet (PodTopologySpread).",
      'PodSpec.volumes': "Les volumes du pod (ConfigMap, Secret, claim…), montés dans les conteneurs par volumeMounts.",
      'Container.image': "L'image que le runtime de conteneurs tire du registre sur le nœud (Pulling puis Pulled dans les événements).",
      'Container.resources': "Les requests servent au Scheduler (la place réservée sur un nœud) ; les limits au nœud (au-delà de la limite mémoire, le conteneur est tué).",
      'ResourceRequirements.requests': "Ce que le Scheduler réserve sur le nœud : un pod n'est placé que là où la somme des requests tient dans l'allocatable.",
      'ResourceRequirements.limits': "Le plafond appliqué par le nœud : CPU bridé au-delà, conteneur tué (OOMKilled) au-delà de la mémoire.",
      'Container.livenessProbe': "Si elle échoue, le kubelet tue et redémarre le conteneur.",
      'Container.readinessProbe': "Tant qu'elle échoue, le pod reste hors des Endpoints de son Service : il ne reçoit pas de trafic.",
      'Container.env': "Des variables d'environnement, fixées au démarrage du conteneur : changer une ConfigMap ne les change qu'au prochain démarrage.",
      'DeploymentSpec.replicas': "Le nombre de pods voulus ; les contrôleurs de Deployment et de ReplicaSet ramènent sans cesse le réel vers ce nombre.",
      'DeploymentSpec.selector': "Comment le Deployment reconnaît ses pods (par leurs labels) ; doit correspondre aux labels du template.",
      'DeploymentSpec.template': "Le modèle des pods ; le changer (image, env…) lance une mise à jour progressive avec un nouveau ReplicaSet.",
      'DeploymentSpec.strategy': "RollingUpdate (par défaut) remplace les pods petit à petit (maxSurge, maxUnavailable) ; Recreate les arrête tous d'abord.",
      'ServiceSpec.type': "ClusterIP (par défaut) : adresse interne ; NodePort : un port sur chaque nœud ; LoadBalancer : une adresse externe fournie par le cloud.",
      'ServiceSpec.selector': "Les labels des pods derrière le Service : leurs adresses, s'ils sont prêts, vont dans ses Endpoints.",
      'ServiceSpec.ports': "port : celui du Service ; targetPort : celui du conteneur vers lequel kube-proxy renvoie (DNAT).",
      'ObjectMeta.labels': "Des étiquettes clé=valeur : les selectors des Services et des Deployments s'en servent pour trouver leurs pods.",
      'ObjectMeta.ownerReferences': "Qui possède cet objet (un pod appartient à un ReplicaSet) : le ramasse-miettes supprime les objets orphelins.",
      'PodStatus.phase': "Pending, Running, Succeeded, Failed ou Unknown : un résumé ; le détail est dans conditions et containerStatuses.",
      'NodeSpec.taints': "Des marques qui repoussent les pods qui ne les tolèrent pas (NoSchedule) ou les évincent (NoExecute).",
      'PersistentVolumeClaimSpec.storageClassName': "La classe de stockage voulue ; vide, l'admission DefaultStorageClass met celle par défaut (standard sur kind).",
    },
  },
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
