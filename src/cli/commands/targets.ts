import type { ApiError } from '../../api/errors.js';
import { parseFieldSelector, type FieldTerm } from '../../api/field-selector.js';
import { matches, parseSelector, type Requirement } from '../../api/labels.js';
import type { KObject } from '../../api/object.js';
import { RESOURCES, resolveResource, type ResourceType } from '../../api/resources.js';
import { apiError, clientError, type CommandError, unknownResourceType } from '../errors.js';
import type { Session } from '../session.js';

/** What a get/describe/delete names: a resource type and some names (none = all of them). */
export interface Target {
  resource: ResourceType;
  names: string[];
  /**
   * Named by TYPE/NAME arguments: written so, or `TYPE,TYPE NAME…`, which kubectl's builder turns into pairs
   * (normalizeMultipleResourcesArgs). A selector is refused beside pairs in other words than beside names.
   */
  pairs: boolean;
}

function resolveType(type: string): ResourceType[] | CommandError {
  if (type === 'all') return RESOURCES.filter((r) => r.inAll);
  const r = resolveResource(type);
  return r ? [r] : unknownResourceType(type);
}

/** The builder's error for a command given neither a resource nor a file (delete, expose, patch…). */
export const NO_RESOURCES =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** The builder's error for a type given without names, nor -l or --all. */
export const NO_NAME = 'resource(s) were provided, but no name was specified';

/**
 * kubectl's argument forms: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...`. Returns the targets in the order asked,
 * or kubectl's error for an unknown type.
 */
export function resolveTargets(args: string[]): Target[] | CommandError {
  if (!args.length) return [];
  if (args.some((a) => a.includes('/'))) {
    const bare = args.find((a) => !a.includes('/'));
    if (bare !== undefined) return clientError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`, 'usage', { detail: bare });
    const targets: Target[] = [];
    for (const arg of args) {
      const [type, name, ...more] = arg.split('/');
      if (more.length) return clientError('arguments in resource/name form may not have more than one slash', 'usage', { detail: arg });
      if (!type || !name) return clientError('arguments in resource/name form must have a single resource and name', 'usage', { detail: arg });
      const types = resolveType(type);
      if (!Array.isArray(types)) return types;
      const existing = targets.find((t) => t.resource === types[0]);
      if (existing) existing.names.push(name);
      else targets.push({ resource: types[0], names: [name], pairs: true });
    }
    return targets;
  }
  const written = writtenTypes(args);
  const pairs = written.length > 1 && args.length > 1;
  const targets: Target[] = [];
  for (const type of written) {
    const types = resolveType(type);
    if (!Array.isArray(types)) return types;
    for (const r of types) if (!targets.some((t) => t.resource === r)) targets.push({ resource: r, names: args.slice(1), pairs });
  }
  return targets;
}

/** The types of `TYPE[,TYPE...]` as written, each once (kubectl's SplitResourceArgument). */
const writtenTypes = (args: string[]) => [...new Set(args[0]?.split(',').filter(Boolean))];

/**
 * kubectl get -w's resource builder takes one resource type (SingleResourceType), and refuses more before anything is
 * sent: `deploy,svc`, `all`, `deploy/web svc/web`. It counts the types as they are written (`deploy,deployments` is
 * two, `deploy,deploy` one), or for TYPE/NAME arguments the resources they name.
 */
export function severalTypes(args: string[], targets: Target[]): CommandError | undefined {
  const written = args.some((a) => a.includes('/')) ? 1 : writtenTypes(args).length;
  return targets.length > 1 || written > 1 ? clientError('you may only specify a single resource type', 'watch-one') : undefined;
}

/**
 * A label or field selector the API server refuses (400), as kubectl's EnhanceListError words it: the list it was for
 * (the first asked), both selectors, then the server's message.
 */
export function selectorRefused(targets: Target[], selector: string | undefined, message: string, fieldSelector = ''): CommandError {
  const r = targets[0]?.resource;
  const list = r ? `${r.group}/${r.version}, Resource=${r.plural}` : '';
  // kubectl sends the selectors trimmed
  const sent = (selector ?? '').trim();
  const fields = fieldSelector.trim();
  const kubectl = `Error from server (BadRequest): Unable to find "${list}" that match label selector "${sent}", field selector "${fields}": ${message}`;
  return fields ? { kubectl, code: 'field-selector', args: { selector: fields, kind: r?.plural } } : { kubectl, code: 'selector', args: { selector: sent } };
}

/** -l and --field-selector, parsed: what a list keeps. */
export interface Selectors {
  labels?: Requirement[];
  fields?: FieldTerm[];
}

/**
 * -l and --field-selector as the API server reads them, or its refusals of a selector it cannot parse: one per list
 * kubectl sends (a field a kind is not selected by is refused by the API server, to its list alone: see listRefused). kubectl's resource builder
 * refuses a selector beside names before anything is sent.
 */
export function selectorsOf(targets: Target[], opts: { selector?: string; fieldSelector?: string }): Selectors | CommandError[] {
  if ((opts.selector || opts.fieldSelector) && targets.some((t) => t.names.length)) {
    const refusal = targets.some((t) => t.pairs) ? 'selectors and the all flag cannot be used when passing resource/name arguments' : 'name cannot be provided when a selector is specified';
    return [clientError(refusal, 'usage', { detail: opts.selector ? `-l ${opts.selector}` : `--field-selector ${opts.fieldSelector}` })];
  }
  const labels = opts.selector ? parseSelector(opts.selector) : undefined;
  if (labels && !Array.isArray(labels)) return targets.map((t) => selectorRefused([t], opts.selector, labels.error));
  const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
  if (fields && !Array.isArray(fields)) return targets.map((t) => selectorRefused([t], opts.selector, fields.error, opts.fieldSelector));
  return { labels, fields };
}

/**
 * The API server's refusal of one target's list, as kubectl prints it (EnhanceListError): a BadRequest (a field the
 * kind is not selected by) names the list and its selectors; anything else (Forbidden) is printed as it came.
 */
export function listRefused(target: Target, error: ApiError, opts: { selector?: string; fieldSelector?: string }): CommandError {
  return error.reason === 'BadRequest' ? selectorRefused([target], opts.selector, error.message, opts.fieldSelector) : apiError(error, { alone: false });
}

/** Whether a listed object has the labels asked (the API server applied the field selector: ApiRequest.fieldSelector). */
export const labelled = (s: Selectors, o: KObject) => !s.labels || matches(s.labels, o.metadata.labels);

/**
 * What kubectl's resource builder fetches for one target: each name with a GET, or the list. `get` goes on past a
 * missing or refused name (ContinueOnError); `get -w` stops at the first, before anything is printed. `delete` lists
 * what a selector or --all names.
 */
export function fetchTarget(
  session: Session,
  target: Target,
  opts: { namespace: string; allNamespaces?: boolean; selector?: string; fieldSelector?: string },
  selectors: Selectors,
  errors: CommandError[],
  { continueOnError = true } = {},
): KObject[] {
  const r = target.resource;
  const namespace = r.namespaced && !opts.allNamespaces ? opts.namespace : undefined;
  if (target.names.length) {
    const out: KObject[] = [];
    for (const name of target.names) {
      const result = session.request({ verb: 'get', resource: r, namespace: r.namespaced ? opts.namespace : undefined, name });
      if (result.ok) out.push(result.object);
      else errors.push(apiError(result.error, { alone: false }));
      if (!result.ok && !continueOnError) break;
    }
    return out;
  }
  const result = session.request({ verb: 'list', resource: r, namespace, fieldSelector: selectors.fields });
  if (!result.ok) {
    errors.push(listRefused(target, result.error, opts));
    return [];
  }
  return (result.objects ?? []).filter((o) => labelled(selectors, o));
}

/**
 * The objects a writing command names (TYPE NAME…, TYPE/NAME…) or selects (TYPE -l SELECTOR, TYPE --all), from its
 * resolved targets, as references read by the command itself; `refuse` words a type given without names, nor -l or --all.
 */
export function namedOrSelected(
  session: Session,
  targets: Target[],
  opts: { namespace: string; selector?: string; all: boolean },
  refuse: (message: string) => CommandError,
): Array<{ resource: ResourceType; namespace?: string; name: string }> | CommandError {
  const selector = opts.selector ? parseSelector(opts.selector) : undefined;
  if (selector && !Array.isArray(selector)) return selectorRefused(targets, opts.selector!, selector.error);
  const found: Array<{ resource: ResourceType; namespace?: string; name: string }> = [];
  for (const t of targets) {
    const namespace = t.resource.namespaced ? opts.namespace : undefined;
    if (t.names.length) {
      found.push(...t.names.map((name) => ({ resource: t.resource, namespace, name })));
      continue;
    }
    if (!selector && !opts.all) return refuse(NO_NAME);
    const listed = session.request({ verb: 'list', resource: t.resource, namespace });
    for (const o of listed.ok ? (listed.objects ?? []) : []) if (!selector || matches(selector, o.metadata.labels)) found.push({ resource: t.resource, namespace, name: o.metadata.name });
  }
  return found;
}
