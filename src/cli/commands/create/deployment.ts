import type { KObject } from '../../../api/object.js';
import { writtenOutputRefusal } from '../../../printers/output.js';
import { generateName } from '../../../sim/ids.js';
import type { Rand } from '../../../sim/rand.js';
import { clientError, type CommandError } from '../../errors.js';
import { withHelp } from '../../parse-errors.js';
import type { Session } from '../../session.js';
import { createFromFlags, type GeneratedOptions } from './generated.js';
import { intFlag } from '../int-flag.js';

export interface DeploymentOptions extends GeneratedOptions {
  images: string[];
  replicas?: string;
  port?: string;
  /** What follows `--`: the containers' command. */
  command: string[];
}


/** create_deployment.go buildPodSpec: the image's last path element without tag or digest; `_` and `.` made `-`, then a random suffix. */
function containerName(image: string, rand: Rand): string {
  const name = image.split('/').at(-1)!.split(':')[0]!.split('@')[0]!;
  return /[_.]/.test(name) ? generateName(rand, `${name.replace(/[_.]/g, '-')}-`) : name;
}

/** The Deployment kubectl builds (createDeployment), as `--dry-run=client -o yaml` prints it. */
function deploymentOf(name: string, namespace: string | undefined, images: string[], replicas: number, port: number, command: string[], rand: Rand): KObject {
  const labels = { app: name };
  const containers = images.map((image, i) => ({
    name: containerName(image, rand),
    image,
    ...(command.length ? { command } : {}),
    ...(i === 0 && port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, ...(namespace && { namespace }), creationTimestamp: null, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { creationTimestamp: null, labels }, spec: { containers } }, strategy: {} },
    status: {},
  } as unknown as KObject;
}

/**
 * `kubectl create deployment NAME --image=IMAGE… [--replicas=N] [--port=P] [-- COMMAND…]`: the Deployment kubectl
 * generates (labels app=NAME), created through the API server, or only printed with --dry-run=client (`-o yaml`:
 * the classic way to start a manifest).
 */
export async function runCreateDeployment(session: Session, names: string[], o: DeploymentOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: 'kubesim create deployment NOM --image=IMAGE' })];
  if (!o.images.length) return usage('required flag(s) "image" not set');
  const replicas = intFlag(o.replicas, 1, { flag: '-r, --replicas', help: 'kubectl create deployment' });
  if (typeof replicas === 'string') return usage(replicas);
  const port = intFlag(o.port, -1, { flag: '--port', help: 'kubectl create deployment' });
  if (typeof port === 'string') return usage(port);
  if (names.length !== 1) return usage(withHelp(`exactly one NAME is required, got ${names.length}`, 'create deployment'));
  if (o.images.length > 1 && o.command.length) return usage('cannot specify multiple --image options and command');
  const outputRefused = writtenOutputRefusal(o.output, 'create deployment');
  if (outputRefused) return usage(outputRefused);
  const deployment = deploymentOf(names[0]!, o.namespaceExplicit ? o.namespace : undefined, o.images, replicas, port, o.command, session.cluster.world.rand);
  return createFromFlags(session, deployment, o);
}
