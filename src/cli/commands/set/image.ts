import type { Container } from 'kubernetes-types/core/v1.js';
import { writtenOutputRefusal } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { fetchObjects, patchPodTemplates } from './pod-template.js';

export interface SetImageOptions {
  namespace: string;
  output?: string;
  dryRun?: 'client' | 'server';
}

/** setImage: the containers named (all with `*`) get the image; whether one was found. */
function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (c.name !== name && name !== '*') continue;
    c.image = image;
    found = true;
  }
  return found;
}

/**
 * `kubectl set image TYPE/NAME… CONTAINER=IMAGE…` (`*=IMAGE` for every container): a new pod template, hence a rolling
 * update for a Deployment. Init containers too. A container not found is an error, once the others are changed.
 */
export async function runSetImage(session: Session, args: string[], o: SetImageOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: 'deployment/NOM CONTENEUR=IMAGE' })];
  const refused = writtenOutputRefusal(o.output, 'set image');
  if (refused) return usage(refused);
  // cmdutil.GetResourcesAndPairs: the resources, then the pairs
  const firstPair = args.findIndex((a) => a.includes('='));
  const resources = firstPair < 0 ? args : args.slice(0, firstPair);
  const misplaced = firstPair < 0 ? undefined : args.slice(firstPair).find((a) => !a.includes('='));
  if (misplaced !== undefined) return usage(`all resources must be specified before image changes: ${misplaced}`);
  // a Go map: the last image given for a container wins
  const images = new Map((firstPair < 0 ? [] : args.slice(firstPair)).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as const));
  const objects = fetchObjects(session, resources, o.namespace);
  if (!Array.isArray(objects)) return [objects];
  if (!images.size) return usage('at least one image update is required');
  if (images.size > 1 && images.has('*')) return usage('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  return patchPodTemplates(session, objects, { output: o.output, dryRun: o.dryRun, patching: 'image update to pod template:', done: 'image updated' }, (spec, _target, fail) => {
    for (const [name, image] of images) {
      const inInit = setImage(spec.initContainers, name, image);
      if (!setImage(spec.containers, name, image) && !inInit) fail({ text: `error: unable to find container named "${name}"`, code: 'usage', args: { detail: name } });
    }
    // the containers found are changed even when another was not
    return true;
  });
}
