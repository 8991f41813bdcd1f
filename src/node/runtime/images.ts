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
}

const MB = 1_000_000;

const CATALOG: Record<string, ImageProfile> = {
  'gestion-employes': { sizeBytes: 94_812_403, startupMs: 4_000, stopMs: 800, description: 'application web RH (Java/Spring)' },
  postgres: { sizeBytes: 158_374_912, startupMs: 3_000, stopMs: 1_200, description: 'PostgreSQL' },
  mysql: { sizeBytes: 172_601_344, startupMs: 8_000, stopMs: 1_500, description: 'MySQL' },
  nginx: { sizeBytes: 72_195_292, startupMs: 300, stopMs: 300, description: 'serveur web nginx' },
  httpd: { sizeBytes: 58_236_412, startupMs: 300, stopMs: 300, description: 'serveur web Apache httpd' },
  redis: { sizeBytes: 45_112_320, startupMs: 400, stopMs: 300, description: 'Redis' },
  busybox: { sizeBytes: 2_155_104, startupMs: 100, stopMs: 100, description: 'boîte à outils busybox' },
  'registry.k8s.io/pause': { sizeBytes: 320_368, startupMs: 50, stopMs: 50, description: 'conteneur pause' },
};

const GENERIC: ImageProfile = { sizeBytes: 50 * MB, startupMs: 1_000, stopMs: 500, description: 'image' };

export interface ImageRef {
  /** `docker.io/library/nginx:1.27`: the fully qualified reference a runtime reports. */
  full: string;
  repository: string;
  tag: string;
}

/** Normalizes an image reference as containerd does (docker.io/library/ prefix, `latest` tag). */
export function parseImage(image: string): ImageRef {
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

export function profileOf(image: string): ImageProfile {
  const { repository } = parseImage(image);
  const short = repository.replace(/^docker\.io\/(library\/)?/, '');
  return CATALOG[short] ?? CATALOG[short.slice(short.lastIndexOf('/') + 1)] ?? GENERIC;
}

/** Pull time on a simulated 40 MB/s link, plus registry round trips. */
export function pullDurationMs(profile: ImageProfile): number {
  return 350 + (profile.sizeBytes / (40 * MB)) * 1000;
}
