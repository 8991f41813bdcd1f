import type { Event } from 'kubernetes-types/core/v1.js';
import { listChanges } from '../../../api/changes.js';
import type { FieldTerm } from '../../../api/field-selector.js';
import type { KObject } from '../../../api/object.js';
import { byKindOnly, resolveResource } from '../../../api/resources.js';
import { eventList, eventsHeaders, eventsRow, sortEvents, typedEvent } from '../../../printers/events.js';
import { JsonPathError, parseJsonPath, printJsonPath } from '../../../printers/jsonpath.js';
import { nameOf, toTypedJson, toYaml } from '../../../printers/output.js';
import { RememberedWidths, table } from '../../../printers/tabwriter.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { jsonPathFailure } from '../get/output-format.js';
import { everyTick, type TickOptions } from '../ticks.js';

export interface EventsOptions {
  namespace: string;
  allNamespaces: boolean;
  /** --for TYPE/NAME: only the events about that object. */
  for?: string;
  /** --types: Normal, Warning (any case). */
  types: string[];
  noHeaders: boolean;
  output?: string;
}

/** What `kubectl events` prints with: its own table, or one of the formats it allows. */
type Format = { table: true } | { json: true } | { yaml: true } | { name: true } | { jsonpath: ReturnType<typeof parseJsonPath> };

/** The events of one object (involvedObject's kind and name, as kubectl's field selector), of the types asked. */
interface Filter {
  kind?: string;
  name?: string;
  types: string[];
}

const EVENT = byKindOnly('Event')!;

/** The form the explanation of a wrong --for shows. */
const FOR_FORM = 'kubesim events --for pod/NOM';

const ALLOWED = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

function formatOf(output: string | undefined): Format | CommandError {
  if (!output) return { table: true };
  if (output === 'json' || output === 'yaml' || output === 'name') return { [output]: true } as Format;
  const [kind, ...rest] = output.split('=');
  const template = rest.join('=');
  if (kind === 'jsonpath') {
    if (!template) return clientError('template format specified but no template given', 'usage', { detail: `-o ${output}` });
    try {
      return { jsonpath: parseJsonPath(template) };
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      return clientError(jsonPathFailure(template, e), 'usage', { detail: `-o ${output}` });
    }
  }
  return clientError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED}`, 'usage', { detail: `-o ${output}` });
}

/** kubectl's checks, in its order: --for (decodeResourceTypeName), the output format, then --types. */
function filterOf(opts: EventsOptions): Filter | CommandError {
  const types = [...new Set(opts.types.flatMap((t) => t.split(',')).filter(Boolean))];
  if (!opts.for) return { types };
  if (!opts.for.includes('/')) return clientError('--for must be in resource/name form', 'usage', { detail: FOR_FORM });
  const parts = opts.for.split('/');
  if (parts.length !== 2) return clientError('arguments in resource/name form may not have more than one slash', 'usage', { detail: FOR_FORM });
  const resource = resolveResource(parts[0]!);
  // kubectl prints the mapper's error as it is, without its usual "error: "
  if (!resource) return { kubectl: `the server doesn't have a resource type "${parts[0]}"`, code: 'unknown-resource', args: { resource: parts[0] } };
  return { kind: resource.kind, name: parts[1], types };
}

function checked(opts: EventsOptions): { filter: Filter; format: Format } | CommandError {
  const filter = filterOf(opts);
  if ('kubectl' in filter) return filter;
  const format = formatOf(opts.output);
  if ('kubectl' in format) return format;
  if (filter.types.some((t) => !['normal', 'warning'].includes(t.toLowerCase()))) return clientError('valid --types are Normal or Warning', 'usage', { detail: 'kubesim events --types Normal,Warning' });
  return { filter, format };
}

/** --for is kubectl's field selector on involvedObject's kind and name; without a name (`--for pod/`) it sends none. */
const forSelector = (f: Filter): FieldTerm[] | undefined =>
  f.name
    ? [
        { field: 'involvedObject.kind', value: f.kind!, equal: true },
        { field: 'involvedObject.name', value: f.name, equal: true },
      ]
    : undefined;

/** --types, which kubectl applies itself to what the server answered. */
const ofTypes = (f: Filter) => (e: Event) => !f.types.length || f.types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase());

/** The events a list or a watch answers, or its error (Forbidden), in the server's list order. */
function listEvents(session: Session, opts: EventsOptions, filter: Filter, verb: 'list' | 'watch' = 'list'): Event[] | CommandError {
  const r = session.request({ verb, resource: EVENT, namespace: opts.allNamespaces ? undefined : opts.namespace, fieldSelector: forSelector(filter) });
  if (!r.ok) return apiError(r.error, { alone: true });
  return ((r.objects ?? []) as unknown as Event[]).filter(ofTypes(filter));
}

async function printed(events: Event[], format: Format, opts: EventsOptions, now: number): Promise<string> {
  if ('json' in format) return toTypedJson(eventList(events));
  if ('yaml' in format) return toYaml(eventList(events));
  if ('jsonpath' in format) return printJsonPath(format.jsonpath, eventList(events) as unknown as KObject);
  // the name printer refuses a list, and kubectl events does not check what its printer answered: nothing is printed
  if ('name' in format) return '';
  const rows = events.map((e) => eventsRow(e, now, opts.allNamespaces));
  return table(opts.noHeaders ? rows : [eventsHeaders(opts.allNamespaces), ...rows]);
}

/**
 * `kubectl events`: the namespace's events (or every namespace's, or one object's), oldest first, with kubectl's own
 * printer: the object as `Kind/name`, and LAST SEEN with a repeated event's count.
 */
export async function runEvents(session: Session, opts: EventsOptions): Promise<CommandError[]> {
  const ok = checked(opts);
  if ('kubectl' in ok) return [ok];
  const events = listEvents(session, opts, ok.filter);
  if (!Array.isArray(events)) return [events];
  if (!events.length) {
    session.renderer.stderr(opts.allNamespaces ? 'No events found.\n' : `No events found in ${opts.namespace} namespace.\n`);
    return [];
  }
  sortEvents(events);
  session.out(await printed(events, ok.format, opts, session.now));
  return [];
}

/** What `events -w` stops on before it watches: kubectl's checks (the watch itself may be refused: see watchEvents). */
export function refusedWatch(opts: EventsOptions): CommandError[] {
  const ok = checked(opts);
  return 'kubectl' in ok ? [ok] : [];
}

/**
 * `kubectl events -w`: a watch from the start, so the events already there come first in the server's order (not
 * sorted), then each new or repeated one as it is written; an event deleted (an hour later) is not printed.
 */
export async function watchEvents(open: (elapsedMs: number) => Promise<Session>, opts: EventsOptions & TickOptions, stopped: () => boolean): Promise<CommandError[]> {
  const ok = checked(opts);
  if ('kubectl' in ok) return [];
  const { filter, format } = ok;
  const seen = new Map<string, KObject>();
  const widths = new RememberedWidths();
  let count = 0;
  return everyTick(open, opts, stopped, async (session) => {
    // kubectl events -w does not list: it only watches (RBAC's watch verb)
    const events = listEvents(session, opts, filter, 'watch');
    if (!Array.isArray(events)) return [events];
    const changes = listChanges(seen, events as unknown as KObject[], (o) => `${o.metadata.namespace}/${o.metadata.name}`).filter((c) => c.type !== 'DELETED');
    for (const { object } of changes) {
      const e = object as unknown as Event;
      // each event printed on its own, as kubectl prints a watch event: YAML documents separated by ---
      if ('json' in format) session.out(toTypedJson(typedEvent(e)));
      else if ('yaml' in format) session.out(`${count ? '---\n' : ''}${await toYaml(typedEvent(e))}`);
      else if ('jsonpath' in format) session.out(printJsonPath(format.jsonpath, typedEvent(e) as unknown as KObject));
      else if ('name' in format) session.out(`${nameOf(object)}\n`);
      else {
        const row = eventsRow(e, session.now, opts.allNamespaces);
        session.out(widths.rows(count || opts.noHeaders ? [row] : [eventsHeaders(opts.allNamespaces), row]));
      }
      count++;
    }
    return [];
  });
}
