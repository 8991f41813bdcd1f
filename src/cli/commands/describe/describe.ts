import type { Event } from 'kubernetes-types/core/v1.js';
import { matches, parseSelector } from '../../../api/labels.js';
import type { KObject } from '../../../api/object.js';
import { describe } from '../../../printers/describe/describers.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { resolveTargets, selectorRefused } from '../targets.js';

export interface DescribeOptions {
  namespace: string;
  allNamespaces: boolean;
  selector?: string;
}

/**
 * The events whose involvedObject is this object (describe's field selector on kind, name, namespace and uid): each
 * names the object's uid, so only the saved events that mention it are read.
 */
function eventsFor(session: Session, o: KObject): Event[] {
  const ns = o.metadata.namespace ?? 'default';
  const about = (e: Event) => e.involvedObject.uid === o.metadata.uid && e.involvedObject.name === o.metadata.name && e.involvedObject.kind === o.kind;
  return session.store.find(`/registry/events/${ns}/`, o.metadata.uid!, (e) => about(e as unknown as Event)) as unknown as Event[];
}

/** `kubectl describe TYPE [NAME...]`: one block per object, two blank lines between them. */
export async function runDescribe(session: Session, args: string[], opts: DescribeOptions): Promise<CommandError[]> {
  if (!args.length) return [clientError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.', 'usage', { detail: 'kubesim describe <type> [<nom>]' })];
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  const selector = opts.selector ? parseSelector(opts.selector) : undefined;
  if (selector && !Array.isArray(selector)) return [selectorRefused(targets, opts.selector!, selector.error)];
  const errors: CommandError[] = [];
  const objects: KObject[] = [];
  for (const t of targets) {
    const ns = t.resource.namespaced ? opts.namespace : undefined;
    if (t.names.length) {
      for (const name of t.names) {
        const r = session.request({ verb: 'get', resource: t.resource, namespace: ns, name });
        if (r.ok) objects.push(r.object);
        else errors.push(apiError(r.error, { alone: false }));
      }
    } else {
      const r = session.request({ verb: 'list', resource: t.resource, namespace: opts.allNamespaces ? undefined : ns });
      for (const o of r.ok ? (r.objects ?? []) : []) if (!selector || matches(selector, o.metadata.labels)) objects.push(o);
    }
  }
  const store = session.store;
  const texts = objects.map((o) => describe(o, { now: session.now, events: eventsFor(session, o), list: (prefix) => store.list(prefix) }));
  if (texts.length) session.out(texts.join('\n\n'));
  if (!objects.length && !errors.length) {
    const namespaced = targets.some((t) => t.resource.namespaced);
    session.renderer.stderr(namespaced && !opts.allNamespaces ? `No resources found in ${opts.namespace} namespace.\n` : 'No resources found\n');
  }
  return errors;
}
