import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { parseImage, profileOf } from './images.js';

export interface HttpAnswer {
  status: number;
  body: string;
}

export type Reply = { kind: 'http'; answer: HttpAnswer } | { kind: 'refused' } | { kind: 'empty' };

/** Ports the catalog's images listen on (unknown images listen on the ports their containers declare). */
const LISTENS: Record<string, number[]> = {
  'gestion-employes': [8080],
  'kubernetes-bootcamp': [8080],
  nginx: [80],
  httpd: [80],
  postgres: [5432],
  mysql: [3306, 33060],
  redis: [6379],
};
const NOT_HTTP = new Set(['postgres', 'mysql', 'redis']);

const EMPLOYES = [
  { id: 1, nom: 'Tremblay', prenom: 'Julie', poste: 'Conseillère RH' },
  { id: 2, nom: 'Gagnon', prenom: 'Marc', poste: 'Formateur' },
  { id: 3, nom: 'Roy', prenom: 'Sophie', poste: 'Coordonnatrice de la formation continue' },
];

const NGINX_WELCOME =
  '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n';

function shortName(image: string): string {
  const repo = parseImage(image).repository.replace(/^docker\.io\/(library\/)?/, '');
  return repo.slice(repo.lastIndexOf('/') + 1);
}

/** Which of the pod's containers listens on this port, if any. */
export function listener(pod: Pod, port: number): Container | undefined {
  return (pod.spec?.containers ?? []).find((c) => {
    const known = LISTENS[shortName(c.image ?? '')];
    const declared = (c.ports ?? []).map((p) => p.containerPort);
    return known ? known.includes(port) : declared.length ? declared.includes(port) : profileOf(c.image ?? '').kind === 'server';
  });
}

export interface AppContext {
  /** Whether the app can reach a TCP service (its database) by name and port. */
  reach(host: string, port: number): boolean;
  /** The environment the container started with. */
  env: Record<string, string>;
  /** A file as the container sees it (ConfigMap and Secret volumes). */
  file(path: string): string | undefined;
}

const CONFIG_FILE = '/etc/gestion-employes/application.properties';

/** What the app in the container answers to `GET path`: pages for web servers, the employee list for the RH app. */
export function answer(pod: Pod, c: Container, path: string, ctx: AppContext): Reply {
  const name = shortName(c.image ?? '');
  if (NOT_HTTP.has(name)) return { kind: 'empty' };
  const podName = pod.metadata?.name ?? '';
  if (name === 'gestion-employes') {
    const env = ctx.env;
    const db = `${env.DB_HOST ?? 'postgres'}:${env.DB_PORT ?? '5432'}`;
    if (path === '/sante') return { kind: 'http', answer: { status: 200, body: '{"statut":"UP"}\n' } };
    if (path === '/config') {
      // what the app was configured with: environment read once at start, the mounted file read on each request
      const config = { pod: podName, entreprise: env.ENTREPRISE ?? null, langue: env.LANGUE ?? null, base: `${db}/${env.DB_NAME ?? ''}`, utilisateur: env.DB_USER ?? null, fichier: ctx.file(CONFIG_FILE) ?? null };
      return { kind: 'http', answer: { status: 200, body: `${JSON.stringify(config)}\n` } };
    }
    if (path === '/' || path === '/employes') {
      if (!ctx.reach(env.DB_HOST ?? 'postgres', Number(env.DB_PORT ?? 5432))) {
        return { kind: 'http', answer: { status: 503, body: `{"erreur":"base de données injoignable : ${db} (connexion refusée)","pod":"${podName}"}\n` } };
      }
      return { kind: 'http', answer: { status: 200, body: `${JSON.stringify({ pod: podName, employes: EMPLOYES })}\n` } };
    }
    return { kind: 'http', answer: { status: 404, body: `{"erreur":"introuvable : ${path}"}\n` } };
  }
  if (name === 'nginx') return { kind: 'http', answer: path === '/' || path === '/index.html' ? { status: 200, body: NGINX_WELCOME } : { status: 404, body: '<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n' } };
  if (name === 'kubernetes-bootcamp') {
    return { kind: 'http', answer: { status: 200, body: `Hello Kubernetes bootcamp! | Running on: ${podName} | v=${parseImage(c.image ?? '').tag.slice(1)}\n` } };
  }
  if (name === 'httpd') return { kind: 'http', answer: { status: 200, body: '<html><body><h1>It works!</h1></body></html>\n' } };
  return { kind: 'http', answer: { status: 200, body: `Hostname: ${podName}\n` } };
}
