import type { CronJob } from 'kubernetes-types/batch/v1.js';
import type { KObject } from '../../../api/object.js';
import { resolveResource } from '../../../api/resources.js';
import { apiError, type CommandError, unknownResourceType } from '../../errors.js';
import type { Session } from '../../session.js';
import { createFromFlags, generatedMetadata, nameOf, usage, type GeneratedOptions } from './generated.js';

export interface JobOptions extends GeneratedOptions {
  image?: string;
  /** --from=cronjob/NAME: a Job made now from a CronJob's template. */
  from?: string;
  /** What follows `--`: the container's command. */
  command: string[];
}

/** The Job kubectl builds (create_job.go createJob): one container named like the Job, restartPolicy Never. */
function jobOf(name: string, o: JobOptions): KObject {
  const container = { name, image: o.image, ...(o.command.length ? { command: o.command } : {}), resources: {} };
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: generatedMetadata(name, o, true),
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
    status: {},
  } as unknown as KObject;
}

/**
 * createJobFromCronJob: the CronJob's Job template, run now by hand (annotation cronjob.kubernetes.io/instantiate:
 * manual), owned by the CronJob without blocking its deletion.
 */
function jobFromCronJob(name: string, cronJob: KObject, o: JobOptions): KObject {
  const template = (cronJob as unknown as CronJob).spec!.jobTemplate;
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: {
      ...generatedMetadata(name, o, true),
      ...(template.metadata?.labels ? { labels: template.metadata.labels } : {}),
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(template.metadata?.annotations ?? {}) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cronJob.metadata.name, uid: cronJob.metadata.uid, controller: true }],
    },
    spec: template.spec,
    status: {},
  } as unknown as KObject;
}

/** The CronJob --from names, as kubectl reads it (its type first, then the object from the API server). */
function cronJobFrom(session: Session, from: string, namespace: string): KObject | CommandError[] {
  const slash = from.indexOf('/');
  const type = resolveResource(slash < 0 ? from : from.slice(0, slash));
  if (!type) return [unknownResourceType(slash < 0 ? from : from.slice(0, slash))];
  if (type.kind !== 'CronJob') return usage(`unknown object type *${type.version}.${type.kind}`, 'job');
  const got = session.request({ verb: 'get', resource: type, namespace, name: from.slice(slash + 1) });
  return got.ok ? got.object : [apiError(got.error, { alone: true })];
}

/**
 * `kubectl create job NAME --image=IMAGE [-- COMMAND…]` or `--from=cronjob/NAME`: a Job that runs its pod to the end,
 * created through the API server (the Job controller then makes its pod), or only printed with --dry-run=client.
 */
export async function runCreateJob(session: Session, names: string[], o: JobOptions): Promise<CommandError[]> {
  const name = nameOf(names, 'job', o);
  if (typeof name !== 'string') return name;
  if (!o.image === !o.from) return usage('either --image or --from must be specified', 'job');
  if (o.from && o.command.length) return usage('cannot specify --from and command', 'job');
  if (!o.from) return createFromFlags(session, jobOf(name, o), o);
  const cronJob = cronJobFrom(session, o.from, o.namespace);
  if (Array.isArray(cronJob)) return cronJob;
  return createFromFlags(session, jobFromCronJob(name, cronJob, o), o);
}
