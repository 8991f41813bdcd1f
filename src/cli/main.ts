import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { hasWidth, type Renderer, type Streams } from '../narrator/render/renderer.js';
import type { ClusterSpec } from '../sim/bootstrap.js';
import { clusterLocation, resolveEnv, UsageError, type Env, type GlobalFlags } from './env.js';
import { KubeconfigUnreadable } from './kubeconfig.js';
import { boolFlag, cobraText, flagError, helpPath, unknownFlag } from './parse-errors.js';
import { clientError, isCommandError, type CommandError } from './errors.js';
import { BackendUnavailable } from './backend/backend.js';
import { LockTimeout, makeRenderer, Session } from './session.js';
// kubesim itself, in-process: tutorials run the commands they teach (a type only: nothing loads here)
import type { Kubesim } from './commands/tutorial/tutorial.js';

type Run = (session: Session) => Promise<CommandError[]>;
/** A command that needs no cluster (and must not hold its lock while a person answers prompts). */
type Alone = (env: Env, streams: Streams, renderer: Renderer) => Promise<CommandError[]>;

interface Invocation {
  run?: Run;
  alone?: Alone;
  /** `cluster create|reset`: make a new cluster instead of loading the saved one. */
  create?: Partial<ClusterSpec>;
  /** Commands that only read may skip loading the simulated world. */
  readOnly?: boolean;
  /** `config`: works on the kubeconfig whatever cluster its current context names (or fails to). */
  kubeconfig?: boolean;
  /**
   * `get -w`, `events -w`: after the command, keep looking at the cluster (a session per look) and print what changes;
   * answers what stopped it (the API server refused the watch).
   */
  watch?: (open: (elapsedMs: number) => Promise<Session>, stopped: () => boolean) => Promise<CommandError[]>;
}

const collect = (value: string, previous: string[]) => [...previous, value];
/** A repeatable flag of comma-separated values (cobra's StringSlice): `--verbs=get,list --verbs=watch`. */
const collectList = (value: string, previous: string[] = []) => [...previous, ...value.split(',')];

/** kubectl's --dry-run flag: alone it means client, `none` is the default (nothing dry). */
const dryRunOption = (description: string) => new Option('--dry-run [mode]', description).choices(['client', 'server', 'none']);
/** The `create` subcommands that generate an object from flags, by kubectl's names and aliases. */
const CREATE_SUBCOMMANDS: Record<string, 'deployment' | 'job' | 'cronjob' | 'Namespace' | 'ConfigMap' | 'Secret' | 'serviceaccount' | 'Role' | 'ClusterRole' | 'RoleBinding' | 'ClusterRoleBinding'> = {
  deployment: 'deployment',
  deploy: 'deployment',
  job: 'job',
  cronjob: 'cronjob',
  cj: 'cronjob',
  namespace: 'Namespace',
  ns: 'Namespace',
  configmap: 'ConfigMap',
  cm: 'ConfigMap',
  secret: 'Secret',
  serviceaccount: 'serviceaccount',
  sa: 'serviceaccount',
  role: 'Role',
  clusterrole: 'ClusterRole',
  rolebinding: 'RoleBinding',
  clusterrolebinding: 'ClusterRoleBinding',
};
/** Each `create` subcommand's own flags (commander's names); `files`: create -f. */
const CREATE_FLAGS: Record<string, string[]> = {
  files: ['filename', 'recursive', 'dryRun', 'output'],
  deployment: ['image', 'replicas', 'port', 'dryRun', 'output'],
  job: ['image', 'from', 'dryRun', 'output'],
  cronjob: ['image', 'schedule', 'restart', 'dryRun', 'output'],
  Namespace: ['dryRun', 'output'],
  ConfigMap: ['fromLiteral', 'fromFile', 'fromEnvFile', 'appendHash', 'dryRun', 'output'],
  Secret: ['fromLiteral', 'fromFile', 'fromEnvFile', 'type', 'appendHash', 'dryRun', 'output'],
  DockerRegistrySecret: ['fromFile', 'dockerServer', 'dockerUsername', 'dockerPassword', 'dockerEmail', 'appendHash', 'dryRun', 'output'],
  serviceaccount: ['dryRun', 'output'],
  Role: ['verb', 'resource', 'resourceName', 'dryRun', 'output'],
  ClusterRole: ['verb', 'resource', 'resourceName', 'nonResourceUrl', 'dryRun', 'output'],
  RoleBinding: ['role', 'clusterrole', 'user', 'group', 'serviceaccount', 'dryRun', 'output'],
  ClusterRoleBinding: ['clusterrole', 'user', 'group', 'serviceaccount', 'dryRun', 'output'],
};
/** The flag as typed from commander's name for it: nonResourceUrl → --non-resource-url. */
const flagOf = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const dryRunOf = (value: true | 'client' | 'server' | 'none' | undefined) => (value === true ? 'client' : value === 'none' ? undefined : value);

/** The commands typed (`['auth', 'can-i']`), before the arguments: the first word naming a command, then its subcommands. */
function typedPath(program: Command, words: string[]): string[] {
  const path: string[] = [];
  let parent = program;
  for (const word of words) {
    if (word.startsWith('-')) continue;
    const command = parent.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!command) {
      if (path.length) break;
      continue;
    }
    path.push(command.name());
    parent = command;
  }
  return path;
}

/** Each verb's options and the function it runs; modules load only when their verb is used. */
function buildProgram(invoke: (i: Invocation) => void, streams: Streams, kubesim: Kubesim, argv: string[], vars: NodeJS.ProcessEnv): Command {
  const program = new Command('kubesim')
    .description('kubectl sur un cluster Kubernetes simulé, qui raconte chaque étape du plan de contrôle')
    .option('-n, --namespace <namespace>', 'namespace de la requête')
    .option('-q, --quiet', 'pas de narration (seulement la sortie de kubectl)')
    .option('--narration <mode>', 'auto, tty, plain, json ou off')
    .option('--speed <factor>', 'rythme de la narration sur un terminal (0 = instantané)')
    .option('--lang <lang>', 'langue de la narration : fr ou en')
    .option('--analogies', 'ajoute à la narration l’analogie de chaque composant (le service de formation continue)')
    .option('--cluster <name>', 'cluster simulé à utiliser (défaut : celui du contexte, kubesim)')
    .option('--context <name>', 'contexte du kubeconfig à utiliser (kubesim config get-contexts)')
    .option('--store <url>', 'garde le cluster dans un vrai etcd (etcd://127.0.0.1:2379) au lieu de fichiers')
    .option('--as <user>', "utilisateur que l'API Server doit incarner (ou system:serviceaccount:NS:NOM)")
    .option('--as-group <group>', "groupe à incarner avec --as (répétable)", (g: string, all: string[] = []) => [...all, g])
    .showHelpAfterError(false)
    // set before the subcommands are added: they inherit these settings when created
    .exitOverride()
    .configureOutput({
      writeOut: (s) => streams.out.write(s),
      writeErr: (s) => streams.err.write(s),
      // the root's errors are of its options (-n, --as…), which every kubectl command takes as its own
      outputError: (s, write) => write(cobraText(s, helpPath(typedPath(program, argv.slice(2)), argv.slice(2)), argv.at(-1)) ?? s),
    });
  // kubectl takes `-n ''` for no flag at all: the context's namespace, default
  const ns = () => (program.opts().namespace as string | undefined) || undefined;
  /** The namespace of the request: -n, else the kubeconfig context's (config set-context --namespace), else default. */
  const namespace = () => ns() ?? clusterLocation(program.opts(), vars).namespace;
  /** --request-timeout in milliseconds (0: none), refused in kubectl's words. */
  const requestTimeoutMs = async (text: string | undefined): Promise<number> => {
    if (text === undefined) return 0;
    const { parseRequestTimeout } = await import('./commands/wait/wait.js');
    const ms = parseRequestTimeout(text);
    if (ms === undefined) throw new UsageError('Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
    return ms;
  };

  /** -f and -R, as apply and diff read manifests. */
  const withManifests = (command: Command) =>
    command.option('-f, --filename <path>', 'fichier, dossier ou - (entrée standard)', collect, []).option('-R, --recursive', 'parcourt les sous-dossiers de -f');
  /** --server-side and what goes with it (apply, diff). */
  const withServerSide = (command: Command, meaning: string) =>
    command
      .option('--server-side', meaning)
      .option('--force-conflicts', 'avec --server-side : prend les champs posés par un autre gestionnaire')
      .option('--field-manager <name>', 'avec --server-side : le nom du gestionnaire', 'kubectl');
  const serverSideOf = (o: { serverSide?: boolean; fieldManager: string; forceConflicts?: boolean }) => (o.serverSide ? { fieldManager: o.fieldManager, force: !!o.forceConflicts } : undefined);

  const apply = withManifests(program.command('apply').description('crée ou met à jour des objets depuis des manifestes YAML'))
    .addOption(dryRunOption('client ou server'))
    .option('-o, --output <format>', 'name');
  withServerSide(apply, "l'API Server fusionne et suit qui possède quel champ (managedFields)").action(async (o) => {
    const { runApply } = await import('./commands/apply/apply.js');
    const dryRun = dryRunOf(o.dryRun);
    // kubectl refuses the pair before it reaches a cluster (apply.go, ApplyOptions.Validate)
    if (o.serverSide && dryRun === 'client') throw new UsageError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
    invoke({ run: (s) => runApply(s, { filenames: o.filename, recursive: !!o.recursive, namespace: namespace(), namespaceExplicit: !!ns(), dryRun, output: o.output, serverSide: serverSideOf(o) }) });
  });

  program
    .command('edit')
    .description("ouvre des objets dans l'éditeur (KUBE_EDITOR, EDITOR, vi) et renvoie ce qui a changé : edit deployment/NOM")
    .argument('[args...]', 'TYPE NOM… ou TYPE/NOM…')
    .action(async (args: string[]) => {
      const { runEdit } = await import('./commands/edit/edit.js');
      invoke({ run: (s) => runEdit(s, args, { namespace: namespace() }) });
    });

  const diff = withManifests(program.command('diff').description("ce qu'apply changerait : l'objet actuel et le résultat d'un dry-run du serveur, comparés par diff -u"));
  withServerSide(diff, 'compare avec ce que ferait apply --server-side').action(async (o) => {
    const { runDiff } = await import('./commands/diff/diff.js');
    invoke({ run: (s) => runDiff(s, { filenames: o.filename, recursive: !!o.recursive, namespace: namespace(), serverSide: serverSideOf(o) }) });
  });

  program
    .command('get')
    .description('affiche des objets, comme kubectl get')
    .argument('[args...]', 'TYPE [NOM...] ou TYPE/NOM')
    .option('-o, --output <format>', 'wide, yaml, json, name, jsonpath=MODÈLE, go-template=MODÈLE ou custom-columns=COLONNES')
    .option('--template <template>', 'le modèle de -o jsonpath ou -o go-template, écrit à part')
    .option('-l, --selector <selector>', 'filtre par labels (app=web,tier!=db)')
    .option('--field-selector <selector>', 'filtre par champs, côté API Server (status.phase=Running, spec.nodeName=…, type=Warning)')
    .option('-A, --all-namespaces', 'tous les namespaces')
    .option('--show-labels', 'ajoute une colonne LABELS')
    .option('-L, --label-columns <keys>', 'une colonne par label', collect, [])
    .option('--sort-by <jsonpath>', 'trie par la valeur de ce champ (ex. .metadata.creationTimestamp)')
    .option('--show-managed-fields', 'garde metadata.managedFields (qui possède quel champ) dans -o json|yaml')
    .option('--no-headers', 'sans la ligne de titres')
    .option('-w, --watch', 'reste ouvert et affiche chaque changement')
    .option('--request-timeout <duration>', 'avec -w : s\'arrête après cette durée')
    .action(async (args: string[], o) => {
      const { runGet } = await import('./commands/get/get.js');
      const labelColumns = (o.labelColumns as string[]).flatMap((l) => l.split(',')).filter(Boolean);
      // kubectl's --template gives -o jsonpath|go-template|template its template (an -o with its own `=…` keeps it);
      // alone, it means -o go-template
      const templated = o.output ?? (o.template !== undefined ? 'go-template' : undefined);
      const output = o.template !== undefined && ['jsonpath', 'go-template', 'template'].includes(templated) ? `${templated}=${o.template}` : o.output;
      const base = { namespace: namespace(), allNamespaces: !!o.allNamespaces, output, selector: o.selector, fieldSelector: o.fieldSelector, showLabels: !!o.showLabels, labelColumns, showManagedFields: !!o.showManagedFields };
      const timeoutMs = await requestTimeoutMs(o.requestTimeout);
      if (o.watch) {
        // the watch prints the first table itself, to align the rows that follow with it
        const watch = await import('./commands/get/watch.js');
        const opts = { ...base, noHeaders: o.headers === false, timeoutMs, tickMs: 1000 };
        invoke({ readOnly: true, run: async () => watch.refusedWatch(args, opts), watch: (open, stopped) => watch.watchLoop(open, args, opts, stopped) });
        return;
      }
      invoke({
        readOnly: true,
        run: (s) =>
          runGet(s, args, { ...base, noHeaders: o.headers === false, sortBy: o.sortBy }),
      });
    });

  program
    .command('events')
    .description('les événements du namespace (ou d\'un objet avec --for), du plus ancien au plus récent, comme kubectl events')
    .option('-A, --all-namespaces', 'tous les namespaces')
    .option('--for <type/nom>', "seulement les événements de cet objet (ex. pod/web-1)")
    .option('--types <types>', 'seulement ces types : Normal, Warning (séparés par des virgules)', collect, [])
    .option('-o, --output <format>', 'json, yaml, name ou jsonpath=MODÈLE')
    .option('--no-headers', 'sans la ligne de titres')
    .option('-w, --watch', 'après la liste, reste ouvert et affiche chaque nouvel événement')
    .option('--request-timeout <duration>', 'avec -w : s\'arrête après cette durée')
    .action(async (o) => {
      const events = await import('./commands/events/events.js');
      const opts = { namespace: namespace(), allNamespaces: !!o.allNamespaces, for: o.for, types: o.types as string[], noHeaders: o.headers === false, output: o.output };
      const timeoutMs = await requestTimeoutMs(o.requestTimeout);
      if (!o.watch) {
        invoke({ readOnly: true, run: (s) => events.runEvents(s, opts) });
        return;
      }
      invoke({ readOnly: true, run: async () => events.refusedWatch(opts), watch: (open, stopped) => events.watchEvents(open, { ...opts, timeoutMs, tickMs: 1000 }, stopped) });
    });

  program
    .command('describe')
    .description('décrit des objets en détail, avec leurs événements')
    .argument('[args...]', 'TYPE [NOM...] ou TYPE/NOM')
    .option('-l, --selector <selector>', 'filtre par labels')
    .option('-A, --all-namespaces', 'tous les namespaces')
    .action(async (args: string[], o) => {
      const { runDescribe } = await import('./commands/describe/describe.js');
      invoke({ readOnly: true, run: (s) => runDescribe(s, args, { namespace: namespace(), allNamespaces: !!o.allNamespaces, selector: o.selector }) });
    });

  program
    .command('delete')
    .description('supprime des objets (par nom, par labels ou depuis des manifestes)')
    .argument('[args...]', 'TYPE NOM... ou TYPE/NOM')
    .option('-f, --filename <path>', 'objets décrits dans ce fichier ou dossier', collect, [])
    .option('-R, --recursive', 'parcourt les sous-dossiers de -f')
    .option('-l, --selector <selector>', 'filtre par labels')
    .option('--field-selector <selector>', 'filtre par champs, côté API Server (status.phase=Failed…)')
    .option('--all', 'tous les objets du type dans le namespace')
    .option('--grace-period <seconds>', 'délai avant arrêt forcé des conteneurs')
    .option('--force', 'suppression immédiate (avec --grace-period=0)')
    .option('--ignore-not-found', "pas d'erreur si l'objet n'existe pas")
    .option('--now', 'arrêt immédiat des conteneurs (comme --grace-period=1)')
    .option('--wait [bool]', 'attend que les objets aient disparu (défaut : true)')
    .addOption(dryRunOption('client ou server : dit ce qui serait supprimé, sans rien supprimer'))
    .option('--cascade [mode]', 'background (défaut), foreground (les dépendants d’abord) ou orphan (les dépendants restent)')
    .option('-o, --output <format>', 'name')
    .action(async (args: string[], o) => {
      const { runDelete, propagationOf } = await import('./commands/delete/delete.js');
      const cascade = propagationOf(o.cascade, (warning) => streams.err.write(warning));
      if (typeof cascade === 'string') throw new UsageError(cascade);
      if (o.now && o.gracePeriod !== undefined) throw new UsageError('--now and --grace-period cannot be specified together');
      const grace = o.now ? 1 : o.gracePeriod === undefined ? undefined : Number(o.gracePeriod);
      if (grace !== undefined && (!Number.isInteger(grace) || grace < -1)) throw new UsageError(`invalid --grace-period "${o.gracePeriod}"`);
      const wait = o.wait === undefined || boolFlag(o.wait, 'wait', 'kubectl delete');
      invoke({
        run: (s) =>
          runDelete(s, args, {
            namespace: namespace(),
            filenames: o.filename,
            recursive: !!o.recursive,
            selector: o.selector,
            fieldSelector: o.fieldSelector,
            all: !!o.all,
            gracePeriod: grace === -1 ? undefined : grace,
            force: !!o.force,
            ignoreNotFound: !!o.ignoreNotFound,
            output: o.output,
            wait,
            dryRun: dryRunOf(o.dryRun),
            propagationPolicy: cascade.policy,
          }),
      });
    });

  program
    .command('create')
    .description('crée des objets : create -f FICHIER, create deployment NOM --image=IMAGE, create job NOM --image=IMAGE -- COMMANDE, create cronjob NOM --image=IMAGE --schedule=HORAIRE, create namespace NOM, create configmap NOM, create secret generic|docker-registry NOM, create role|clusterrole NOM --verb=… --resource=…, create rolebinding|clusterrolebinding NOM --role=…|--clusterrole=… --user=…, create serviceaccount NOM')
    .argument('[args...]', 'deployment NOM | job NOM | cronjob NOM | namespace NOM | configmap NOM | secret generic|docker-registry NOM | role NOM | clusterrole NOM | rolebinding NOM | clusterrolebinding NOM | serviceaccount NOM')
    .option('-f, --filename <path>', 'fichier, dossier ou -', collect, [])
    .option('-R, --recursive', 'parcourt les sous-dossiers de -f')
    .option('--from-literal <cle=valeur>', 'une clé et sa valeur (configmap, secret)', collect, [])
    .option('--from-file <[cle=]chemin>', 'le contenu d’un fichier, ou de chaque fichier d’un dossier (configmap, secret)', collect, [])
    .option('--from-env-file <chemin>', 'un fichier de lignes CLE=valeur (configmap, secret)', collect, [])
    .option('--type <type>', 'le type du Secret (secret generic ; défaut : Opaque)')
    .option('--append-hash', 'ajoute au nom un hash du contenu (configmap, secret)')
    .option('--docker-server <adresse>', 'le registre (secret docker-registry ; défaut : https://index.docker.io/v1/)')
    .option('--docker-username <nom>', 'le compte sur le registre (secret docker-registry)')
    .option('--docker-password <mot>', 'son mot de passe (secret docker-registry)')
    .option('--docker-email <courriel>', 'son courriel (secret docker-registry)')
    .option('--image <image>', 'image des conteneurs (deployment, job, cronjob ; répétable pour deployment)', collect, [])
    .option('--from <type/nom>', 'le modèle de Job d’un CronJob (job : --from=cronjob/NOM)')
    .option('--schedule <horaire>', 'l’horaire, au format cron (cronjob : --schedule="*/5 * * * *")')
    .option('--restart <politique>', 'restartPolicy des pods : OnFailure (défaut) ou Never (cronjob)')
    .option('-r, --replicas <count>', 'nombre de réplicas (deployment)')
    .option('--port <port>', 'port du conteneur (deployment)')
    .option('--verb <verbes>', 'verbes permis (role, clusterrole ; get,list… ; répétable)', collect, [])
    .option('--resource <ressources>', 'ressources visées (role, clusterrole ; pods,deployments.apps… ; répétable)', collect, [])
    .option('--resource-name <nom>', 'seulement cet objet (role, clusterrole ; répétable)', collect, [])
    .option('--non-resource-url <chemin>', 'un chemin hors ressources, ex. /healthz (clusterrole ; répétable)', collect, [])
    .option('--role <nom>', 'le Role accordé (rolebinding)')
    .option('--clusterrole <nom>', 'le ClusterRole accordé (rolebinding, clusterrolebinding)')
    .option('--user <nom>', 'un utilisateur à qui l’accorder (répétable)', collect, [])
    .option('--group <nom>', 'un groupe à qui l’accorder (répétable)', collect, [])
    .option('--serviceaccount <namespace:nom>', 'un compte de service à qui l’accorder (répétable)', collect, [])
    .addOption(dryRunOption('client : affiche sans créer'))
    .option('-o, --output <format>', 'yaml ou name')
    .action(async (args: string[], o) => {
      const namespaceOfRequest = namespace();
      const sub = CREATE_SUBCOMMANDS[args[0] ?? ''];
      // a flag of another subcommand: kubectl's subcommand does not have it
      const mine = new Set(CREATE_FLAGS[sub === 'Secret' && args[1] === 'docker-registry' ? 'DockerRegistrySecret' : (sub ?? 'files')]);
      const foreign = Object.keys(o).find((k) => !mine.has(k) && (Array.isArray(o[k]) ? o[k].length > 0 : o[k] !== undefined));
      if (foreign) throw new UsageError(flagError(unknownFlag(flagOf(foreign)), helpPath(['create'], argv.slice(2))));
      const generated = { namespace: namespaceOfRequest, namespaceExplicit: !!ns(), dryRun: dryRunOf(o.dryRun), output: o.output };
      const names = args.slice(1);
      // kubectl's ArgsLenAtDash: what follows -- is the containers' command (deployment, job, cronjob), not names
      const dash = argv.indexOf('--');
      const command = dash < 0 ? [] : argv.slice(dash + 1);
      const named = names.slice(0, names.length - command.length);
      if (sub === 'deployment') {
        const { runCreateDeployment } = await import('./commands/create/deployment.js');
        invoke({ run: (s) => runCreateDeployment(s, named, { ...generated, images: o.image, replicas: o.replicas, port: o.port, command }) });
        return;
      }
      // job's and cronjob's --image is a string flag: the last one given wins
      if (sub === 'cronjob') {
        const { runCreateCronJob } = await import('./commands/create/cronjob.js');
        invoke({ run: (s) => runCreateCronJob(s, named, { ...generated, image: o.image.at(-1), schedule: o.schedule, restart: o.restart, command }) });
        return;
      }
      if (sub === 'job') {
        const { runCreateJob } = await import('./commands/create/job.js');
        invoke({ run: (s) => runCreateJob(s, named, { ...generated, image: o.image.at(-1), from: o.from, command }) });
        return;
      }
      if (sub === 'Namespace' || sub === 'ConfigMap' || sub === 'Secret') {
        const config = await import('./commands/create/config.js');
        const registry = { server: o.dockerServer, username: o.dockerUsername, password: o.dockerPassword, email: o.dockerEmail };
        const sources = { ...generated, fromLiteral: o.fromLiteral, fromFile: o.fromFile, fromEnvFile: o.fromEnvFile, appendHash: !!o.appendHash, type: o.type, registry };
        if (sub === 'Namespace') invoke({ run: (s) => config.runCreateNamespace(s, names, generated) });
        else if (sub === 'ConfigMap') invoke({ run: (s) => config.runCreateConfigMap(s, names, sources) });
        else invoke({ run: (s) => config.runCreateSecret(s, names, sources) });
        return;
      }
      if (sub) {
        const rbac = await import('./commands/create/rbac.js');
        if (sub === 'serviceaccount') invoke({ run: (s) => rbac.runCreateServiceAccount(s, names, generated) });
        else if (sub === 'Role' || sub === 'ClusterRole') {
          invoke({ run: (s) => rbac.runCreateRole(s, sub, names, { ...generated, verbs: o.verb, resources: o.resource, resourceNames: o.resourceName, nonResourceUrls: o.nonResourceUrl }) });
        } else invoke({ run: (s) => rbac.runCreateBinding(s, sub, names, { ...generated, role: o.role, clusterRole: o.clusterrole, users: o.user, groups: o.group, serviceAccounts: o.serviceaccount }) });
        return;
      }
      const { runCreate } = await import('./commands/create/create.js');
      invoke({ run: (s) => runCreate(s, args, { filenames: o.filename, recursive: !!o.recursive, namespace: namespaceOfRequest, dryRun: generated.dryRun, output: o.output }) });
    });

  program
    .command('wait')
    .description('laisse passer du temps simulé (wait 30s, wait 5m), ou attend comme kubectl wait --for=condition=Ready pod/NOM')
    .argument('[args...]', 'une durée (30s, 5m, 1h), ou avec --for : TYPE/NOM…, TYPE -l SÉLECTEUR, TYPE --all')
    .option('--for <condition>', 'condition=NOM[=VALEUR], jsonpath={…}[=VALEUR], delete ou create')
    .option('--timeout <duration>', 'avec --for : temps simulé accordé (défaut : 30s)')
    .option('-l, --selector <selector>', 'avec --for : les objets du type qui ont ces labels')
    .option('--all', 'avec --for : tous les objets du type dans le namespace')
    .option('-A, --all-namespaces', 'avec --for : dans tous les namespaces')
    .option('-o, --output <format>', 'avec --for : name')
    .action(async (args: string[], o) => {
      if (o.for === undefined) {
        // kubesim's own wait: virtual time passes; the other flags are kubectl wait's
        const flag = ['timeout', 'selector', 'all', 'allNamespaces', 'output'].find((k) => o[k] !== undefined);
        if (flag) throw new UsageError(`${flagOf(flag)} goes with --for (kubectl wait); kubesim wait DURATION lets time pass`);
        const { runWait } = await import('./commands/wait/wait.js');
        invoke({ run: (s) => runWait(s, args) });
        return;
      }
      const { runWaitFor } = await import('./commands/wait/for.js');
      const opts = { for: o.for, timeout: o.timeout, namespace: namespace(), allNamespaces: !!o.allNamespaces, selector: o.selector, all: !!o.all, output: o.output };
      invoke({ run: (s) => runWaitFor(s, args, opts) });
    });

  program
    .command('logs')
    .description("ce qu'a écrit le conteneur d'un pod")
    .argument('[pod]', 'NOM ou pod/NOM')
    .option('-c, --container <name>', 'conteneur du pod')
    .option('-p, --previous', "le conteneur d'avant (après un redémarrage)")
    .option('--tail <lines>', 'seulement les N dernières lignes')
    .option('--timestamps', 'horodate chaque ligne')
    .option('-l, --selector <selector>', 'les pods de ce sélecteur (leurs 10 dernières lignes, sauf --tail)')
    .option('--all-containers', 'chaque conteneur du pod')
    .option('--prefix', 'chaque ligne précédée de [pod/NOM/CONTENEUR]')
    .option('-f, --follow', 'puis chaque nouvelle ligne, tant que le conteneur tourne (Ctrl+C pour arrêter)')
    .option('--request-timeout <duration>', 'avec -f : s\'arrête après cette durée')
    .action(async (pod: string | undefined, o) => {
      const { runLogs } = await import('./commands/logs/logs.js');
      const tail = o.tail === undefined ? undefined : Number(o.tail);
      const opts = { namespace: namespace(), container: o.container, previous: !!o.previous, tail, timestamps: !!o.timestamps, selector: o.selector, allContainers: !!o.allContainers, prefix: !!o.prefix };
      const args = pod ? [pod] : [];
      // the previous container has ended: there is nothing to follow
      if (!o.follow || o.previous) {
        invoke({ readOnly: true, run: (s) => runLogs(s, args, opts) });
        return;
      }
      const { followLogs } = await import('./commands/logs/follow.js');
      const timeoutMs = await requestTimeoutMs(o.requestTimeout);
      invoke({ readOnly: true, run: async () => [], watch: (open, stopped) => followLogs(open, args, { ...opts, timeoutMs, tickMs: 1000 }, stopped) });
    });

  program
    .command('curl')
    .description('requête HTTP dans le cluster, routée par kube-proxy : curl http://gestion-employes/employes')
    .argument('[url]', 'URL : nom DNS, ClusterIP ou IP de nœud:NodePort')
    .option('--node <name>', "nœud d'où part la requête (défaut : le premier worker Ready)")
    .action(async (url: string | undefined, o) => {
      const { runCurl } = await import('./commands/curl/curl.js');
      invoke({ run: (s) => runCurl(s, url ? [url] : [], { node: o.node }) });
    });

  program
    .command('exec')
    .description('lance une commande dans un conteneur : exec POD -- env | nslookup NOM | curl URL')
    .argument('[args...]', 'POD -- COMMANDE')
    .option('-c, --container <name>', 'conteneur du pod')
    .option('-i, --stdin', 'sans effet (compatibilité kubectl)')
    .option('-t, --tty', 'sans effet (compatibilité kubectl)')
    .action(async (args: string[], o) => {
      const { runExec } = await import('./commands/exec/exec.js');
      invoke({ run: (s) => runExec(s, args, { namespace: namespace(), container: o.container }) });
    });

  program
    .command('proxy')
    .description('les règles iptables que kube-proxy a programmées : proxy rules')
    .argument('[what]', 'rules')
    .option('--node <name>', 'nœud (toutes identiques en mode iptables)')
    .action(async (what: string | undefined, o) => {
      const { runProxyRules } = await import('./commands/proxy/proxy.js');
      invoke({ run: (s) => runProxyRules(s, what ? [what] : [], { node: o.node }) });
    });

  const chaos = program.command('chaos').description('provoque des pannes pour voir Kubernetes réagir');
  chaos
    .command('kill')
    .description('tue le processus principal d\'un conteneur : chaos kill pod/NOM')
    .argument('[args...]', 'pod/NOM')
    .option('-c, --container <name>', 'conteneur du pod')
    .action(async (args: string[], o) => {
      const { runChaosKill } = await import('./commands/chaos/chaos.js');
      invoke({ run: (s) => runChaosKill(s, args, { namespace: namespace(), container: o.container }) });
    });

  for (const [verb, what, run] of [
    ['label', 'les labels', 'runLabel'],
    ['annotate', 'les annotations', 'runAnnotate'],
  ] as const) {
    program
      .command(verb)
      .description(`ajoute, change ou retire ${what} d'objets : ${verb} pod/NOM clé=valeur, clé- pour retirer`)
      .argument('[args...]', 'TYPE NOM... ou TYPE/NOM, puis clé=valeur ou clé-')
      .option('-l, --selector <selector>', 'les objets du type qui ont ces labels')
      .option('--all', 'tous les objets du type dans le namespace')
      .option('--overwrite', 'remplace une valeur existante')
      .addOption(dryRunOption('client ou server'))
      .action(async (args: string[], o) => {
        const commands = await import('./commands/label/label.js');
        invoke({ run: (s) => commands[run](s, args, { namespace: namespace(), selector: o.selector, all: !!o.all, overwrite: !!o.overwrite, dryRun: dryRunOf(o.dryRun) }) });
      });
  }

  program
    .command('run')
    .description('crée un pod seul, sans contrôleur : run NOM --image=IMAGE [-- ARGUMENTS]')
    .argument('[args...]', 'NOM [ARGUMENTS…]')
    .option('--image <image>', 'image du conteneur')
    .option('--restart <policy>', 'Always (défaut), OnFailure ou Never')
    .option('--port <port>', 'port du conteneur')
    .option('-l, --labels <labels>', 'labels du pod (défaut : run=NOM)')
    .option('--env <NOM=valeur>', 'variable d’environnement (répétable)', collect, [])
    .option('--command', 'les mots après le nom sont la commande, pas ses arguments')
    .option('--image-pull-policy <policy>', 'Always, IfNotPresent ou Never')
    .option('-i, --stdin', 'garde l’entrée du conteneur ouverte (avec le vrai kubectl, via kubesim serve)')
    .option('-t, --tty', 'un terminal pour le conteneur (avec le vrai kubectl, via kubesim serve)')
    .option('--attach', 's’attache au conteneur (avec le vrai kubectl, via kubesim serve)')
    .option('--rm', 'supprime le pod à la fin de la session attachée')
    .addOption(dryRunOption('client : affiche sans créer'))
    .option('-o, --output <format>', 'yaml ou name')
    .action(async (args: string[], o) => {
      const { runRun } = await import('./commands/run/run.js');
      const { image, restart, port, labels, env, imagePullPolicy, output } = o;
      const options = { namespace: namespace(), namespaceExplicit: !!ns(), image, restart, port, labels, env, imagePullPolicy, output };
      invoke({ run: (s) => runRun(s, args, { ...options, command: !!o.command, attach: !!(o.stdin || o.tty || o.attach), rm: !!o.rm, dryRun: dryRunOf(o.dryRun) }) });
    });

  program
    .command('replace')
    .description("remplace des objets par leur nouvel état entier : replace -f FICHIER (--force : supprime puis recrée)")
    .option('-f, --filename <path>', 'fichier, dossier ou -', collect, [])
    .option('-R, --recursive', 'parcourt les sous-dossiers de -f')
    .option('--force', 'supprime chaque objet puis le recrée')
    .addOption(dryRunOption('client ou server : dit ce qui serait fait, sans le faire'))
    .option('-o, --output <format>', 'yaml ou name')
    // kubectl's replace takes no argument and says nothing of those given
    .argument('[args...]')
    .action(async (_args: string[], o) => {
      const { runReplace } = await import('./commands/replace/replace.js');
      const opts = { filenames: o.filename, recursive: !!o.recursive, namespace: namespace(), force: !!o.force, dryRun: dryRunOf(o.dryRun), output: o.output };
      invoke({ run: (s) => runReplace(s, opts) });
    });
  program
    .command('patch')
    .description('change des champs d’un objet : patch deployment/NOM -p \'{"spec":{"replicas":2}}\'')
    .argument('[args...]', 'TYPE NOM ou TYPE/NOM')
    .option('-p, --patch <patch>', 'le patch, en JSON ou YAML')
    .option('--patch-file <file>', 'le patch, dans un fichier')
    .option('--type <type>', 'strategic (défaut : listes fusionnées par clé), merge (RFC 7386) ou json (RFC 6902)')
    .addOption(dryRunOption('client : calcule sans écrire'))
    .option('-o, --output <format>', 'yaml ou name')
    .action(async (args: string[], o) => {
      const { runPatch } = await import('./commands/patch/patch.js');
      invoke({ run: (s) => runPatch(s, args, { namespace: namespace(), patch: o.patch, patchFile: o.patchFile, type: o.type, dryRun: dryRunOf(o.dryRun), output: o.output }) });
    });

  program
    .command('expose')
    .description('crée un Service devant les pods d’un Deployment, ReplicaSet ou pod : expose deployment/NOM --port=80')
    .argument('[args...]', 'TYPE NOM ou TYPE/NOM')
    .option('--port <port>', 'port du Service (défaut : ceux des conteneurs)')
    .option('--target-port <port>', 'port des conteneurs visé (défaut : --port)')
    .option('--type <type>', 'ClusterIP, NodePort ou LoadBalancer')
    .option('--name <name>', 'nom du Service (défaut : celui de l’objet)')
    .option('--protocol <protocol>', 'TCP, UDP ou SCTP')
    .option('--selector <selector>', 'les labels des pods à servir (défaut : le sélecteur de l’objet)')
    .option('-l, --labels <labels>', 'les labels du Service (défaut : ceux de l’objet)')
    .option('--cluster-ip <ip>', 'adresse du Service, ou None (headless)')
    .addOption(dryRunOption('client : affiche sans créer'))
    .option('-o, --output <format>', 'yaml ou name')
    .action(async (args: string[], o) => {
      const { runExpose } = await import('./commands/expose/expose.js');
      const { port, targetPort, type, name, protocol, selector, labels, clusterIp, output } = o;
      invoke({ run: (s) => runExpose(s, args, { namespace: namespace(), namespaceExplicit: !!ns(), port, targetPort, type, name, protocol, selector, labels, clusterIp, dryRun: dryRunOf(o.dryRun), output }) });
    });

  program
    .command('scale')
    .description('change le nombre de réplicas : scale deployment/NOM --replicas=5')
    .argument('[args...]', 'deployment/NOM')
    .option('--replicas <count>', 'nombre de réplicas voulu')
    .option('--current-replicas <count>', 'seulement si le nombre de réplicas est encore celui-ci')
    .option('--resource-version <version>', "seulement si l'objet en est encore à cette version")
    .option('-l, --selector <selector>', 'tous les objets de ce type que ce sélecteur choisit')
    .option('--all', 'tous les objets de ce type du namespace')
    .option('-o, --output <format>', 'name, yaml, json…')
    .addOption(dryRunOption('client ou server : dit ce qui serait fait, sans le faire'))
    .action(async (args: string[], o) => {
      const { runScale } = await import('./commands/scale/scale.js');
      const opts = { namespace: namespace(), replicas: o.replicas, currentReplicas: o.currentReplicas, resourceVersion: o.resourceVersion, dryRun: dryRunOf(o.dryRun), selector: o.selector, all: !!o.all, output: o.output };
      invoke({ run: (s) => runScale(s, args, opts) });
    });

  const set = program.command('set').description("change le modèle de pod d'un Deployment : set image|env|resources");
  /** A `set` subcommand: its objects and changes as arguments, -o and --dry-run as every one has them. */
  const setCommand = (name: string, description: string, args: string) =>
    set.command(name).description(description).argument('[args...]', args).option('-o, --output <format>', 'yaml ou name').addOption(dryRunOption('client ou server : dit ce qui serait fait, sans le faire'));
  /** -c of set env and set resources. */
  const containersOption = ['-c, --containers <names>', 'les conteneurs à changer (* : tous ; jokers * permis)', '*'] as const;
  setCommand('image', "change l'image d'un conteneur : set image deployment/NOM CONTENEUR=IMAGE", 'deployment/NOM CONTENEUR=IMAGE').action(async (args: string[], o) => {
    const { runSetImage } = await import('./commands/set/image.js');
    invoke({ run: (s) => runSetImage(s, args, { namespace: namespace(), output: o.output, dryRun: dryRunOf(o.dryRun) }) });
  });
  setCommand('env', "les variables d'environnement des conteneurs : set env deployment/NOM CLÉ=VALEUR CLÉ-… ou --list", 'deployment/NOM CLÉ=VALEUR CLÉ2-')
    .option(...containersOption)
    .option('-e, --env <KEY=VALUE>', 'une variable à poser (répétable ; - : un fichier env sur l’entrée standard)', collect, [])
    .option('--from <resource>', 'une variable par clé de ce secret/NOM ou configmap/NOM')
    .option('--keys <keys>', 'avec --from : seulement ces clés', collectList)
    .option('--prefix <prefix>', 'préfixe ajouté au nom des variables')
    .option('--list', 'affiche les variables au lieu de les changer')
    .option('--resolve', 'avec --list : la valeur des références (secrets, configmaps)')
    .option('--overwrite [bool]', 'false : refuse de changer une variable qui a déjà une autre valeur')
    .action(async (args: string[], o) => {
      const { runSetEnv } = await import('./commands/set/env.js');
      const overwrite = o.overwrite === undefined || boolFlag(o.overwrite, 'overwrite', 'kubectl set env');
      const options = { namespace: namespace(), containers: o.containers, env: o.env, from: o.from, prefix: o.prefix, keys: o.keys ?? [], list: !!o.list, resolve: !!o.resolve, overwrite, output: o.output, dryRun: dryRunOf(o.dryRun), stdin: readStdin };
      invoke({ run: (s) => runSetEnv(s, args, options) });
    });
  setCommand('resources', 'les requests et limits CPU/mémoire des conteneurs : set resources deployment/NOM --requests=cpu=100m', 'deployment/NOM')
    .option(...containersOption)
    .option('--limits <list>', 'cpu=200m,memory=512Mi')
    .option('--requests <list>', 'cpu=100m,memory=256Mi')
    .action(async (args: string[], o) => {
      const { runSetResources } = await import('./commands/set/resources.js');
      const options = { namespace: namespace(), containers: o.containers, limits: o.limits, requests: o.requests, output: o.output, dryRun: dryRunOf(o.dryRun) };
      invoke({ run: (s) => runSetResources(s, args, options) });
    });

  program
    .command('rollout')
    .description('déploiements progressifs : rollout status|history|undo|restart|pause|resume deployment/NOM')
    .argument('[args...]', 'status deployment/NOM')
    .option('--to-revision <n>', 'pour undo : la révision à retrouver')
    .option('--revision <n>', 'pour history : le détail d\'une révision')
    .option('--timeout <duration>', 'pour status : attente maximale (temps simulé)')
    .addOption(dryRunOption('pour undo, client ou server : montre le modèle de pod retrouvé, sans rien changer'))
    .action(async (args: string[], o) => {
      // of the rollout subcommands, only undo has the flag
      if (o.dryRun !== undefined && args[0] !== 'undo') throw new UsageError(flagError(unknownFlag('--dry-run'), helpPath(['rollout'], argv.slice(2))));
      const { runRollout } = await import('./commands/rollout/rollout.js');
      invoke({ run: (s) => runRollout(s, args, { namespace: namespace(), toRevision: o.toRevision, revision: o.revision, timeout: o.timeout, dryRun: dryRunOf(o.dryRun) }) });
    });

  const node = program.command('node').description('pannes de nœud : node fail NOM, node recover NOM');
  node
    .command('fail')
    .description("arrête le kubelet d'un nœud (coupure de courant)")
    .argument('[name]', 'nœud')
    .action(async (name: string | undefined) => {
      const { runNodeFail } = await import('./commands/node/node.js');
      invoke({ run: (s) => runNodeFail(s, name ? [name] : []) });
    });
  node
    .command('recover')
    .description("redémarre le kubelet d'un nœud")
    .argument('[name]', 'nœud')
    .action(async (name: string | undefined) => {
      const { runNodeRecover } = await import('./commands/node/node.js');
      invoke({ run: (s) => runNodeRecover(s, name ? [name] : []) });
    });
  for (const [verb, cordon] of [['cordon', true], ['uncordon', false]] as const) {
    program
      .command(verb)
      .description(cordon ? "plus aucun nouveau pod sur ce nœud" : 'le nœud accepte de nouveau des pods')
      .argument('[node]', 'nœud')
      .addOption(dryRunOption('client ou server : dit ce qui serait fait, sans rien changer'))
      .action(async (name: string | undefined, o) => {
        const { runCordon } = await import('./commands/node/node.js');
        invoke({ run: (s) => runCordon(s, name ? [name] : [], cordon, dryRunOf(o.dryRun)) });
      });
  }
  program
    .command('taint')
    .description('marque un nœud : taint nodes NOM clé=valeur:NoSchedule (clé:NoSchedule- pour retirer)')
    .argument('[args...]', 'nodes NOM clé=valeur:EFFET')
    .addOption(dryRunOption('client ou server : dit ce qui serait fait, sans rien changer'))
    .option('-o, --output <format>', 'yaml ou name')
    .option('--overwrite', 'remplace une taint de même clé et même effet')
    .option('--all', 'tous les nœuds')
    .option('-l, --selector <selector>', 'les nœuds de ces labels')
    .action(async (args: string[], o) => {
      const { runTaint } = await import('./commands/taint/taint.js');
      const opts = { dryRun: dryRunOf(o.dryRun), output: o.output, overwrite: !!o.overwrite, all: !!o.all, selector: o.selector };
      invoke({ run: (s) => runTaint(s, args, opts) });
    });
  program
    .command('drain')
    .description('vide un nœud : cordon puis éviction de ses pods')
    .argument('[node]', 'nœud')
    .option('--force', 'évince aussi les pods sans contrôleur')
    .option('--ignore-daemonsets', 'ignore les pods de DaemonSets')
    .option('--delete-emptydir-data', 'évince aussi les pods avec un volume emptyDir')
    .addOption(dryRunOption('client ou server : dit quels pods seraient évincés, sans rien changer'))
    .action(async (name: string | undefined, o) => {
      const { runDrain } = await import('./commands/node/node.js');
      const opts = { force: !!o.force, ignoreDaemonsets: !!o.ignoreDaemonsets, deleteEmptydirData: !!o.deleteEmptydirData, dryRun: dryRunOf(o.dryRun) };
      invoke({ run: (s) => runDrain(s, name ? [name] : [], opts) });
    });

  const cluster = program.command('cluster').description('le cluster simulé : cluster create, cluster view (le dessin), cluster reset');
  cluster
    .command('create')
    .description('crée un nouveau cluster (1 control-plane + N workers)')
    .argument('[name]', 'nom du cluster')
    .option('--nodes <count>', 'nombre de nœuds workers (défaut 3)')
    .option('--cpu <cpu>', 'CPU par nœud (défaut 4)')
    .option('--memory <memory>', 'mémoire par nœud (défaut 8Gi)')
    .action(async (name: string | undefined, o) => {
      const { clusterSpecFrom, runClusterCreated } = await import('./commands/cluster/cluster.js');
      const spec = clusterSpecFrom(o);
      if (isCommandError(spec)) throw new UsageError(spec.kubectl.replace(/^error: /, ''));
      if (name) program.setOptionValue('cluster', name);
      invoke({ create: spec, run: runClusterCreated });
    });
  cluster
    .command('view')
    .description('dessine les nœuds, leurs ressources demandées et leurs pods')
    .action(async () => {
      const { runClusterView } = await import('./commands/cluster/view.js');
      invoke({ readOnly: true, run: runClusterView });
    });
  cluster
    .command('reset')
    .description('remet le cluster dans son état initial (tous les objets créés sont perdus)')
    .action(async () => {
      const { runClusterCreated } = await import('./commands/cluster/cluster.js');
      invoke({ create: {}, run: runClusterCreated });
    });

  program
    .command('etcdctl')
    .description('regarde dans etcd : etcdctl get /registry --prefix --keys-only')
    .argument('[args...]', 'get CLÉ')
    .option('--prefix', 'toutes les clés qui commencent par CLÉ')
    .option('--keys-only', 'seulement les clés')
    .action(async (args: string[], o) => {
      const { runEtcdctl } = await import('./commands/etcdctl/etcdctl.js');
      invoke({ readOnly: true, run: (s) => runEtcdctl(s, args, { prefix: !!o.prefix, keysOnly: !!o.keysOnly }) });
    });

  const auth = program
    .command('auth')
    .description("droits RBAC : auth whoami, auth can-i VERBE RESSOURCE (--as UTILISATEUR)");
  auth
    .command('can-i')
    .description('dit si l’utilisateur (ou --as) a le droit : yes ou no')
    .argument('[args...]', 'VERBE RESSOURCE[/NOM]')
    .option('-A, --all-namespaces', 'dans tous les namespaces')
    .option('--subresource <name>', 'sous-ressource (log, status…)')
    .action(async (args: string[], o) => {
      const { runCanI } = await import('./commands/auth/auth.js');
      invoke({ readOnly: true, run: (s) => runCanI(s, args, { namespace: namespace(), allNamespaces: !!o.allNamespaces, subresource: o.subresource }) });
    });
  auth
    .command('whoami')
    .description("l'utilisateur pour qui l'API Server prend la requête (le vôtre, ou --as)")
    .argument('[args...]')
    .option('-o, --output <format>', 'yaml, json ou name')
    .action(async (_args: string[], o) => {
      const { runWhoAmI } = await import('./commands/auth/whoami.js');
      invoke({ readOnly: true, run: (s) => runWhoAmI(s, { output: o.output }) });
    });
  const top = program.command('top').description("l'usage CPU et mémoire des pods et des nœuds (il faut metrics-server, que kubesim ne simule pas)");
  const topOf = (name: string, aliases: string[], what: string) =>
    top
      .command(name)
      .aliases(aliases)
      .description(`l'usage CPU et mémoire des ${what}`)
      .argument('[name]')
      .option('--sort-by <field>', 'cpu ou memory')
      .option('-l, --selector <selector>', 'sélecteur de labels')
      .option('--no-headers', 'sans la ligne de titres')
      .action(async (_name: string | undefined, o) => {
        const { runTop } = await import('./commands/top/top.js');
        invoke({ alone: () => runTop({ sortBy: o.sortBy }) });
      });
  topOf('pod', ['pods', 'po'], 'pods').option('-A, --all-namespaces', 'tous les namespaces').option('--containers', 'une ligne par conteneur');
  topOf('node', ['nodes', 'no'], 'nœuds').option('--show-capacity', 'la capacité plutôt que la part allouable');
  const config = program.command('config').description('le kubeconfig de kubesim : contextes (cluster, utilisateur, namespace), comme ~/.kube/config');
  const configCommand = (name: string, description: string) => config.command(name).description(description).argument('[args...]');
  /** Runs a `config` subcommand (its module loaded first) on the kubeconfig, not on a cluster. */
  const runConfig = async (run: (commands: typeof import('./commands/config/config.js'), call: import('./commands/config/config.js').ConfigCall) => Promise<CommandError[]>) => {
    const commands = await import('./commands/config/config.js');
    invoke({ kubeconfig: true, alone: (env, streams, renderer) => run(commands, { env, streams, renderer }) });
  };
  configCommand('current-context', 'le contexte courant').action(async () => {
    await runConfig((c, call) => c.runCurrentContext(call));
  });
  configCommand('get-contexts', 'les contextes : cluster, utilisateur, namespace (* : le courant)')
    .option('-o, --output <format>', 'name')
    .option('--no-headers', 'sans la ligne de titres')
    .action(async (args: string[], o) => {
      await runConfig((c, call) => c.runGetContexts(call, args, { output: o.output, noHeaders: o.headers === false }));
    });
  for (const [name, list] of [['get-clusters', 'clusters'], ['get-users', 'users']] as const) {
    configCommand(name, `les ${list === 'clusters' ? 'clusters' : 'utilisateurs'} du kubeconfig`).action(async () => {
      await runConfig((c, call) => c.runGetNames(call, list));
    });
  }
  configCommand('use-context', 'change de contexte courant : use-context NOM')
    .alias('use')
    .action(async (args: string[]) => {
      await runConfig((c, call) => c.runUseContext(call, args));
    });
  configCommand('set-context', 'crée ou modifie un contexte : set-context --current --namespace=dev')
    .option('--current', 'le contexte courant')
    .option('--namespace <namespace>', 'le namespace des commandes sans -n')
    .option('--cluster <cluster>', 'le cluster (kubesim-NOM)')
    .option('--user <user>', "l'utilisateur (kubesim-NOM-admin)")
    .action(async (args: string[], o) => {
      // commander gives --namespace and --cluster to the root's options of the same name: here they are the context's
      const root = program.opts();
      const fields = { namespace: o.namespace ?? root.namespace, cluster: o.cluster ?? root.cluster, user: o.user };
      program.setOptionValue('namespace', undefined).setOptionValue('cluster', undefined);
      await runConfig((c, call) => c.runSetContext(call, args, { current: !!o.current, fields }));
    });
  configCommand('delete-context', 'supprime un contexte : delete-context NOM').action(async (args: string[]) => {
    await runConfig((c, call) => c.runDeleteContext(call, args));
  });
  configCommand('view', 'le kubeconfig (YAML, -o json, -o jsonpath=…)')
    .option('--minify', 'seulement le contexte courant, son cluster et son utilisateur')
    .option('-o, --output <format>', 'yaml, json ou jsonpath=MODÈLE')
    .option('--raw', 'les identifiants en clair (kubesim n’en a pas)')
    .option('--flatten', 'les fichiers référencés inclus (kubesim n’en a pas)')
    .action(async (_args: string[], o) => {
      await runConfig((c, call) => c.runView(call, { minify: !!o.minify, output: o.output, context: program.opts().context }));
    });
  program
    .command('learn')
    .description('une courte leçon : learn (la liste), learn scheduler, learn etcd…')
    .argument('[topic]', 'sujet')
    .action(async (topic: string | undefined) => {
      const { runLearn } = await import('./commands/learn/learn.js');
      invoke({ alone: (env, streams) => runLearn(env, streams, topic) });
    });
  program
    .command('explain')
    .description("la documentation d'un type ou d'un champ, comme kubectl explain : explain pods.spec.restartPolicy")
    .argument('[type]', 'TYPE[.CHAMP...]')
    .option('--recursive', 'tous les champs, imbriqués, sans description')
    .option('--api-version <groupVersion>', 'le groupe/version du type (apps/v1…)')
    .action(async (type: string | undefined, o) => {
      const { runExplain } = await import('./commands/explain/explain.js');
      invoke({ alone: (env, _streams, renderer) => runExplain(env, renderer, type, { recursive: !!o.recursive, apiVersion: o.apiVersion }) });
    });
  program
    .command('port-forward')
    .description("relaie un port local vers un pod : port-forward svc/NOM 8080:80, puis http://localhost:8080 dans un navigateur")
    .argument('[args...]', 'TYPE/NOM [LOCAL:]DISTANT…')
    .option('--address <addresses>', "adresses d'écoute (localhost : 127.0.0.1 et ::1)", collectList)
    .action(async (args: string[], o) => {
      const { runPortForward } = await import('./commands/port-forward/port-forward.js');
      const options = { namespace: namespace(), address: o.address ?? ['localhost'] };
      invoke({ alone: (env, streams, renderer) => runPortForward(env, streams, renderer, args, options) });
    });
  program
    .command('serve')
    .description("l'API Server simulé sur un vrai port, pour kubectl : serve --kubeconfig-out kubesim.kubeconfig")
    .option('--port <port>', 'port (0 = un port libre)', '6443')
    .option('--address <ip>', "adresse d'écoute", '127.0.0.1')
    .option('--kubeconfig-out <file>', 'écrit un kubeconfig (serveur et jeton) pour kubectl')
    .action(async (o) => {
      const { runServe } = await import('./commands/serve/serve.js');
      invoke({ alone: (env, streams) => runServe(env, streams, { port: o.port, address: o.address, kubeconfigOut: o.kubeconfigOut }) });
    });
  program
    .command('tutorial')
    .description('tutoriels pas à pas : tutorial (la liste), tutorial deploy, pods, control-plane, story-1, story-2')
    .argument('[name]', 'tutoriel')
    .option('--auto', 'déroule toutes les étapes sans attendre')
    .action(async (name: string | undefined, o) => {
      const { runTutorial } = await import('./commands/tutorial/tutorial.js');
      invoke({ alone: (env, s) => runTutorial(env, s, kubesim, name, !!o.auto) });
    });
  program
    .command('demo')
    .description("la démonstration complète pour l'enseignant : déploiement puis les deux histoires, Entrée entre les étapes")
    .option('--auto', 'déroule tout sans attendre (le rythme reste celui de --speed)')
    .action(async (o) => {
      const { runDemo } = await import('./commands/tutorial/tutorial.js');
      invoke({ alone: (env, s) => runDemo(env, s, kubesim, !!o.auto) });
    });
  program
    .command('quiz')
    .description('quiz à choix multiples sur le plan de contrôle (terminal interactif)')
    .action(async () => {
      const { runQuiz } = await import('./commands/quiz/quiz.js');
      invoke({ alone: runQuiz });
    });
  program
    .command('version')
    .description('versions du client et du serveur simulé')
    .argument('[args...]')
    .option('--client', 'la version du client seulement')
    .option('-o, --output <format>', 'yaml ou json')
    .action(async (args: string[], o) => {
      const { runVersion } = await import('./commands/info/info.js');
      const options = { client: !!o.client, output: o.output };
      // kubectl version --client contacts no server: no cluster is read (nor made, nor caught up with)
      if (o.client) invoke({ alone: (_env, streams) => runVersion((text) => streams.out.write(text), args, options) });
      else invoke({ readOnly: true, run: (s) => runVersion((text) => s.out(text), args, options) });
    });
  program
    .command('api-resources')
    .description("types de ressources servis par l'API Server")
    .option('-o, --output <format>', 'wide ou name')
    .option('--no-headers', 'sans la ligne de titres')
    .option('--api-group <group>', 'seulement ce groupe (vide : le groupe core)')
    .option('--namespaced [bool]', 'true : les ressources d’un namespace ; false : celles du cluster')
    .option('--verbs <verbs>', 'seulement celles qui ont tous ces verbes (list,get…)', collectList)
    .option('--categories <categories>', 'seulement celles de toutes ces catégories (all)', collectList)
    .option('--sort-by <field>', 'name ou kind')
    .action(async (o) => {
      const { runApiResources } = await import('./commands/info/info.js');
      const namespaced = o.namespaced === undefined ? undefined : boolFlag(o.namespaced, 'namespaced', 'kubectl api-resources');
      const options = { output: o.output, noHeaders: o.headers === false, apiGroup: o.apiGroup, namespaced, verbs: o.verbs ?? [], categories: o.categories ?? [], sortBy: o.sortBy };
      invoke({ readOnly: true, run: (s) => runApiResources(s, options) });
    });
  program
    .command('api-versions')
    .description("les groupes et versions d'API que sert l'API Server")
    .argument('[args...]')
    .action(async (args: string[]) => {
      const { runApiVersions } = await import('./commands/info/info.js');
      invoke({ readOnly: true, run: (s) => runApiVersions(s, args) });
    });
  program.command('cluster-info').description('adresse du plan de contrôle').action(async () => {
    const { runClusterInfo } = await import('./commands/info/info.js');
    invoke({ readOnly: true, run: runClusterInfo });
  });
  // each command's parse errors name its help, as cobra's do (`See 'kubectl create configmap --help' for usage.`)
  const nameHelp = (parent: Command, path: string[]) => {
    for (const command of parent.commands) {
      const own = [...path, command.name()];
      const help = helpPath(own, argv.slice(2));
      command.configureOutput({ outputError: (s, write) => write(cobraText(s, help, argv.at(-1)) ?? s) });
      nameHelp(command, own);
    }
  };
  nameHelp(program, []);
  return program;
}

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

/** A person at the keyboard: stdin and stdout are terminals. */
const terminalAttached = (streams: Streams): boolean => !!process.stdin.isTTY && !!(streams.out as NodeJS.WriteStream).isTTY;

/** Runs one command; errors become kubectl's text plus one explaining sentence, and exit code 1. */
async function execute(invocation: Invocation, flags: GlobalFlags, streams: Streams, vars: NodeJS.ProcessEnv): Promise<number> {
  // a terminal that does not tell its width cannot be drawn on: it gets the plain narration (see hasWidth)
  const stderrIsTTY = !!(streams.err as NodeJS.WriteStream).isTTY && hasWidth(streams.err);
  const env = resolveEnv(flags, vars, { stderrIsTTY, stdin: readStdin, interactive: terminalAttached(streams) }, { byContext: !invocation.kubeconfig });
  if (invocation.alone) return executeAlone(invocation.alone, env, streams);
  let session: Session;
  const warned = new Set<string>();
  try {
    session = await Session.open(env, streams, { create: invocation.create, readOnly: invocation.readOnly, warned });
  } catch (e) {
    const error =
      e instanceof BackendUnavailable
        ? unavailable(e)
        : e instanceof LockTimeout
          ? clientError(`error: the cluster is locked by another kubesim (${e.message}/lock)`, 'locked', { path: `${e.message}/lock` })
          : undefined;
    if (!error) throw e;
    // the English line, then why in the user's language (a note: -q leaves it out)
    const renderer = await makeRenderer(env, streams);
    const code = await report([error], env, renderer);
    await renderer.finish();
    return code;
  }
  let errors: CommandError[] = [];
  let code = 0;
  try {
    session.catchUp();
    errors = await invocation.run!(session);
  } catch (e) {
    // the events, or a kind of a big state, are read when first looked at: in the middle of the command
    errors = [e instanceof BackendUnavailable ? unavailable(e) : internalError(e)];
    session.abandon();
  } finally {
    code = await report(errors, env, session.renderer);
    try {
      await session.close();
    } catch (e) {
      // the save itself failed (a full disk, a home that is not a directory): told like any other failure
      if (!(e instanceof BackendUnavailable)) throw e;
      code = await report([unavailable(e)], env, session.renderer);
      await session.renderer.finish();
    }
  }
  if (invocation.watch && !errors.length) {
    let stop = false;
    process.once('SIGINT', () => (stop = true));
    // a pinned clock (KUBESIM_NOW) still moves while watching: by the real time spent watching
    const open = (elapsed: number) => Session.open({ ...env, now: vars.KUBESIM_NOW ? env.now + elapsed : Date.now() }, streams, { warned });
    const refused = await invocation.watch(open, () => stop);
    if (refused.length) {
      const renderer = await makeRenderer(env, streams);
      code = await report(refused, env, renderer);
      await renderer.finish();
    }
  }
  return code;
}

/**
 * Errors become kubectl's text plus one explaining sentence (a note: -q leaves it out), and the exit code: 1, or
 * the command's own. A silent failure has given its answer already (`auth can-i` printed "no").
 */
async function report(errors: CommandError[], env: Env, renderer: Renderer): Promise<number> {
  const shown = errors.filter((e) => !e.silent);
  if (shown.length) {
    const { explain } = (await import('../narrator/narrate.js')).CATALOGS[env.lang].messages;
    for (const err of shown) {
      // kubectl's CheckErr says "error: " before one error; several are an aggregate, a line each (MultipleErrors)
      renderer.stderr(`${shown.length > 1 ? err.kubectl.replace(/^error: /, '') : err.kubectl}\n`);
      renderer.note(`💥 ${explain[err.code](err.args)}`);
    }
  }
  return errors.length ? (errors.find((e) => e.exitCode !== undefined)?.exitCode ?? 1) : 0;
}

async function executeAlone(alone: Alone, env: Env, streams: Streams): Promise<number> {
  const renderer = await makeRenderer(env, streams);
  let errors: CommandError[];
  try {
    errors = await alone(env, streams, renderer);
  } catch (e) {
    // Ctrl+C in a prompt ends the lesson, not with a stack trace
    if (e instanceof Error && e.name === 'ExitPromptError') return 130;
    errors = [e instanceof KubeconfigUnreadable ? clientError(e.message, 'kubeconfig', { path: e.path }) : internalError(e)];
  }
  const code = await report(errors, env, renderer);
  await renderer.finish();
  return code;
}

function unavailable(e: BackendUnavailable): CommandError {
  return clientError(`error: ${e.message}`, e.code);
}

function internalError(e: unknown): CommandError {
  if (process.env.KUBESIM_DEBUG) console.error(e); // the stack trace, for kubesim's developers only
  const detail = e instanceof Error ? e.message : String(e);
  return clientError(`kubesim internal error: ${detail}`, 'internal', { detail });
}

/**
 * `kubesim cp --help`: commander would print the program's help for a command it does not know; kubectl says the
 * command is unknown (cobra's words, with its suggestions). The help flags are dropped when the first word is no command.
 */
function helpOfKnownCommandsOnly(program: Command, argv: string[]): string[] {
  const help = (a: string) => a === '--help' || a === '-h';
  if (!argv.some(help)) return argv;
  const { operands } = program.parseOptions(argv.slice(2).filter((a) => !help(a)));
  const first = operands[0];
  const known = first === undefined || first === 'help' || program.commands.some((c) => c.name() === first || c.aliases().includes(first));
  return known ? argv : argv.filter((a) => !help(a));
}

/** The `kubesim` entry point: parse, run, print, exit code. Never a stack trace for the user. */
export async function main(
  argv: string[],
  streams: Streams = { out: process.stdout, err: process.stderr },
  vars: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let invocation: Invocation | undefined;
  const kubesim: Kubesim = (args, s = streams) => main(['node', 'kubesim', ...args], s, vars);
  const program = buildProgram((i) => (invocation = i), streams, kubesim, argv, vars);
  try {
    if (argv.length <= 2) {
      // a person at a terminal gets the classroom menu; scripts and pipes get the help
      const env = resolveEnv({}, vars, { stderrIsTTY: false, stdin: readStdin, interactive: terminalAttached(streams) });
      if (!env.interactive) {
        program.outputHelp();
        return 0;
      }
      const { runMenu } = await import('./commands/menu/menu.js');
      return await execute({ alone: (env, s) => runMenu(env, s, kubesim) }, {}, streams, vars);
    }
    await program.parseAsync(helpOfKnownCommandsOnly(program, argv));
    if (!invocation) return 0;
    return await execute(invocation, program.opts() as GlobalFlags, streams, vars);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof UsageError) {
      if (e.asIs) {
        streams.err.write(`${e.message}\n`);
        return 1;
      }
      streams.err.write(`${e.message.startsWith('Error: ') ? '' : 'error: '}${e.message}\n`);
      return 1;
    }
    streams.err.write(`${internalError(e).kubectl}\n`);
    return 1;
  }
}
