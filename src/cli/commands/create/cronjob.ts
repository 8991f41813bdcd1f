import type { KObject } from '../../../api/object.js';
import type { Session } from '../../session.js';
import type { CommandError } from '../../errors.js';
import { createFromFlags, generatedMetadata, nameOf, usage, type GeneratedOptions } from './generated.js';

export interface CronJobOptions extends GeneratedOptions {
  image?: string;
  schedule?: string;
  /** The Job's pods' restartPolicy: OnFailure unless told. */
  restart?: string;
  /** What follows `--`: the container's command. */
  command: string[];
}

/** The CronJob kubectl builds (create_cronjob.go createCronJob): its Job template named like it, one container. */
function cronJobOf(name: string, o: CronJobOptions): KObject {
  const container = { name, image: o.image, ...(o.command.length ? { command: o.command } : {}), resources: {} };
  const podTemplate = { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: o.restart || 'OnFailure' } };
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: generatedMetadata(name, o, true),
    spec: { schedule: o.schedule, jobTemplate: { metadata: { creationTimestamp: null, name }, spec: { template: podTemplate } } },
    status: {},
  } as unknown as KObject;
}

/**
 * `kubectl create cronjob NAME --image=IMAGE --schedule=SCHEDULE [--restart=OnFailure|Never] [-- COMMAND…]`: a
 * CronJob whose controller creates a Job at each time of the schedule.
 */
export async function runCreateCronJob(session: Session, names: string[], o: CronJobOptions): Promise<CommandError[]> {
  const missing = [o.image ? '' : '"image"', o.schedule ? '' : '"schedule"'].filter(Boolean);
  if (missing.length) return usage(`required flag(s) ${missing.join(', ')} not set`, 'cronjob');
  const name = nameOf(names, 'cronjob', o);
  if (typeof name !== 'string') return name;
  return createFromFlags(session, cronJobOf(name, o), o);
}
