/**
 * The simulated registry: what each known image weighs, how long it takes to become ready and to stop, and how
 * it behaves. Unknown images still run, with a generic profile, as a real runtime would run any image.
 */
export interface ImageProfile {
  /** Registry-compressed size, as the Pulled event reports it. */
  sizeBytes: number;
  /** From container start to "ready" (what a readiness probe would observe). */
  startupMs: number;
  /** From SIGTERM to exit. */
  stopMs: number;
  description: string;
  /** Tags the registry has; any other tag fails to pull (ErrImagePull). Absent: every tag exists. */
  tags?: RegExp;
  /** A server runs until stopped; a shell runs its command (and exits at once without one); crash exits in error. */
  kind: 'server' | 'shell' | 'crash';
  /** What the main process writes at start (kubectl logs). */
  logs: string[];
}

const MB = 1_000_000;

const SEMVER = (majors: string) => new RegExp(`^(latest|stable|alpine|(${majors})(\\.\\d+){0,2}(-alpine|-bookworm|-slim)?)$`);

const CATALOG: Record<string, ImageProfile> = {
  'gestion-employes': {
    sizeBytes: 94_812_403,
    startupMs: 4_000,
    stopMs: 800,
    description: 'application web RH (Java/Spring)',
    tags: /^(latest|1\.[0-2]|2\.0)$/,
    kind: 'server',
    logs: [
      'Démarrage de GestionEmployesApplication v{tag} (Java 21)',
      'Base de données : jdbc:postgresql://${DB_HOST}:${DB_PORT}/${DB_NAME}',
      'Tomcat démarré sur le port 8080 (http)',
      'GestionEmployesApplication démarrée en 3,9 secondes',
    ],
  },
  postgres: {
    sizeBytes: 158_374_912,
    startupMs: 3_000,
    stopMs: 1_200,
    description: 'PostgreSQL',
    tags: SEMVER('9|1[0-8]'),
    kind: 'server',
    logs: [
      'PostgreSQL init process complete; ready for start up.',
      'LOG:  starting PostgreSQL {tag} on x86_64-pc-linux-gnu',
      'LOG:  listening on IPv4 address "0.0.0.0", port 5432',
      'LOG:  database system is ready to accept connections',
    ],
  },
  mysql: { sizeBytes: 172_601_344, startupMs: 8_000, stopMs: 1_500, description: 'MySQL', tags: SEMVER('5\\.[5-7]|8|9'), kind: 'server', logs: ['[Server] /usr/sbin/mysqld: ready for connections. Version: \'{tag}\'  socket: \'/var/run/mysqld/mysqld.sock\'  port: 3306'] },
  nginx: {
    sizeBytes: 72_195_292,
    startupMs: 300,
    stopMs: 300,
    description: 'serveur web nginx',
    tags: SEMVER('1\\.([7-9]|[12][0-9])|mainline'),
    kind: 'server',
    logs: [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      '{time} [notice] 1#1: using the "epoll" event method',
      '{time} [notice] 1#1: start worker processes',
    ],
  },
  httpd: { sizeBytes: 58_236_412, startupMs: 300, stopMs: 300, description: 'serveur web Apache httpd', tags: SEMVER('2\\.[24]'), kind: 'server', logs: ['AH00558: httpd: Could not reliably determine the server\'s fully qualified domain name', '[mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4 configured -- resuming normal operations'] },
  // kubernetes.io's Job example computes π with it (`perl -Mbignum=bpi -wle 'print bpi(2000)'`, behaviour.ts)
  perl: { sizeBytes: 337 * MB, startupMs: 100, stopMs: 100, description: 'interpréteur Perl', tags: SEMVER('5(\\.\\d+)?'), kind: 'shell', logs: [] },
  redis: { sizeBytes: 45_112_320, startupMs: 400, stopMs: 300, description: 'Redis', tags: SEMVER('[3-8]'), kind: 'server', logs: ['1:M * Server initialized', '1:M * Ready to accept connections tcp'] },
  // the app of kubernetes.io's "Learn Kubernetes Basics" (gcr.io/google-samples/…:v1, docker.io/jocatalin/…:v2); its
  // module 6 rolls out v10, which does not exist, to show ImagePullBackOff and `rollout undo`
  'kubernetes-bootcamp': {
    sizeBytes: 80 * MB,
    startupMs: 500,
    stopMs: 300,
    description: 'application Node.js du tutoriel « Learn Kubernetes Basics »',
    tags: /^v[12]$/,
    kind: 'server',
    logs: ['Kubernetes Bootcamp App Started At: {time} | Running On:  ${HOSTNAME} '],
  },
  busybox: { sizeBytes: 2_155_104, startupMs: 100, stopMs: 100, description: 'boîte à outils busybox', tags: SEMVER('1\\.[0-9]+|musl|glibc|uclibc'), kind: 'shell', logs: [] },
  alpine: { sizeBytes: 3_623_807, startupMs: 100, stopMs: 100, description: 'Alpine Linux', kind: 'shell', logs: [] },
  ubuntu: { sizeBytes: 29_754_290, startupMs: 100, stopMs: 100, description: 'Ubuntu', kind: 'shell', logs: [] },
  debian: { sizeBytes: 48_494_272, startupMs: 100, stopMs: 100, description: 'Debian', kind: 'shell', logs: [] },
  'kubesim/crashloop': {
    sizeBytes: 12_582_912,
    startupMs: 100,
    stopMs: 100,
    description: 'une application qui plante au démarrage',
    kind: 'crash',
    logs: ['Démarrage…', 'Lecture de la configuration /etc/app/config.yaml', 'panic: configuration invalide : champ « database.url » manquant'],
  },
  'registry.k8s.io/pause': { sizeBytes: 320_368, startupMs: 50, stopMs: 50, description: 'conteneur pause', kind: 'server', logs: [] },
};

const GENERIC: ImageProfile = { sizeBytes: 50 * MB, startupMs: 1_000, stopMs: 500, description: 'image', kind: 'server', logs: [] };

export interface ImageRef {
  /** `docker.io/library/nginx:1.27`: the fully qualified reference a runtime reports. */
  full: string;
  repository: string;
  tag: string;
}

/** References already parsed: every pod start parses its image several times, and a cluster has a few images. */
const parsed = new Map<string, Readonly<ImageRef>>();

/** Normalizes an image reference as containerd does (docker.io/library/ prefix, `latest` tag). */
export function parseImage(image: string): Readonly<ImageRef> {
  let ref = parsed.get(image);
  if (!ref) parsed.set(image, (ref = Object.freeze(parseUncached(image))));
  return ref;
}

function parseUncached(image: string): ImageRef {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : 'latest';
  const first = name.split('/')[0];
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const repository = hasRegistry ? name : name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return { full: at >= 0 ? `${repository}${image.slice(at)}` : `${repository}:${tag}`, repository, tag };
}

/** Whether the registry has this tag: catalog images list theirs, other images are taken to exist. */
export function tagExists(image: string): boolean {
  if (image.includes('@')) return true;
  const { tag } = parseImage(image);
  const tags = profileOf(image).tags;
  return !tags || tags.test(tag);
}

export function profileOf(image: string): ImageProfile {
  const { repository } = parseImage(image);
  const short = repository.replace(/^docker\.io\/(library\/)?/, '');
  return CATALOG[short] ?? CATALOG[short.slice(short.lastIndexOf('/') + 1)] ?? GENERIC;
}

/** Pull time on a simulated 40 MB/s link, plus registry round trips. */
export function pullDurationMs(profile: ImageProfile): number {
  return 350 + (profile.sizeBytes / (40 * MB)) * 1000;
}
