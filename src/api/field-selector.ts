import type { KObject } from './object.js';

/** One term of a field selector: `spec.nodeName=node-1`, `status.phase!=Failed`. */
export interface FieldTerm {
  field: string;
  value: string;
  equal: boolean;
}

/** apimachinery/pkg/fields: comma-separated `path=value`, `path==value` or `path!=value` terms, all required. */
export function parseFieldSelector(text: string): FieldTerm[] | { error: string } {
  const terms: FieldTerm[] = [];
  for (const part of text.split(',').filter(Boolean)) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part);
    if (!m) return { error: `invalid selector: '${text}'; can't understand '${part}'` };
    terms.push({ field: m[1]!.trim(), value: m[3]!.trim(), equal: m[2] !== '!=' });
  }
  return terms;
}

type Fields = (o: Record<string, any>) => Record<string, string>;

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/**
 * What each kind can be selected by, and each field's value as the API server reads it (ToSelectableFields, the field
 * label conversions of pkg/apis/core/v1): a boolean or a count never missing ("false", "0"). Every kind has its
 * metadata.name and metadata.namespace but Node and Namespace (their own conversions leave it out); the rest are
 * refused ("field label not supported").
 */
const SELECTABLE: Record<string, Fields> = {
  Pod: (p) => ({
    'spec.nodeName': str(p.spec?.nodeName),
    'spec.restartPolicy': str(p.spec?.restartPolicy),
    'spec.schedulerName': str(p.spec?.schedulerName),
    'spec.serviceAccountName': str(p.spec?.serviceAccountName),
    'spec.hostNetwork': String(!!p.spec?.hostNetwork),
    'status.phase': str(p.status?.phase),
    'status.podIP': str(p.status?.podIP),
    'status.nominatedNodeName': str(p.status?.nominatedNodeName),
  }),
  Event: (e) => ({
    'involvedObject.kind': str(e.involvedObject?.kind),
    'involvedObject.namespace': str(e.involvedObject?.namespace),
    'involvedObject.name': str(e.involvedObject?.name),
    'involvedObject.uid': str(e.involvedObject?.uid),
    'involvedObject.apiVersion': str(e.involvedObject?.apiVersion),
    'involvedObject.resourceVersion': str(e.involvedObject?.resourceVersion),
    'involvedObject.fieldPath': str(e.involvedObject?.fieldPath),
    reason: str(e.reason),
    reportingComponent: str(e.reportingComponent),
    source: str(e.source?.component),
    type: str(e.type),
  }),
  Node: (n) => ({ 'spec.unschedulable': String(!!n.spec?.unschedulable) }),
  Namespace: (n) => ({ 'status.phase': str(n.status?.phase) }),
  Secret: (s) => ({ type: str(s.type) }),
  ReplicaSet: (rs) => ({ 'status.replicas': String(rs.status?.replicas ?? 0) }),
};

const WITHOUT_NAMESPACE = new Set(['Node', 'Namespace']);

/** An object's selectable fields and their values. */
function selectable(obj: KObject): Record<string, string> {
  const meta = { 'metadata.name': obj.metadata.name, ...(WITHOUT_NAMESPACE.has(obj.kind) ? {} : { 'metadata.namespace': str(obj.metadata.namespace) }) };
  return { ...meta, ...SELECTABLE[obj.kind]?.(obj) };
}

/**
 * The API server's refusal of a term no object of this kind can be selected by (`spec.host`, the old name of
 * spec.nodeName, is still read), or undefined.
 */
export function unsupportedField(kind: string, terms: FieldTerm[]): string | undefined {
  const known = new Set(['metadata.name', ...(WITHOUT_NAMESPACE.has(kind) ? [] : ['metadata.namespace']), ...Object.keys(SELECTABLE[kind]?.({}) ?? {}), ...(kind === 'Pod' ? ['spec.host'] : [])]);
  const bad = terms.find((t) => !known.has(t.field));
  return bad && `field label not supported: ${bad.field}`;
}

/** Whether an object has the field values asked (what the server selects with; see unsupportedField first). */
export function fieldsMatch(terms: FieldTerm[], obj: KObject): boolean {
  const fields = selectable(obj);
  return terms.every((t) => ((fields[t.field === 'spec.host' ? 'spec.nodeName' : t.field] ?? '') === t.value) === t.equal);
}

/**
 * The one object a list or watch asks for with `metadata.name=NAME`: kube-apiserver's RequestInfo takes it as the
 * request's name, so RBAC decides it as a request for that object (a Role's resourceNames allow `kubectl get pod web
 * -w`, whose watch is the list narrowed to the name). Not a name that could not be a path segment.
 */
export function requestedName(terms: FieldTerm[] | undefined): string | undefined {
  const name = terms?.find((t) => t.field === 'metadata.name' && t.equal)?.value;
  return name && name !== '.' && name !== '..' && !/[/%]/.test(name) ? name : undefined;
}
