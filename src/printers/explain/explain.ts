import { resolveRef, type GroupVersionKind, type OpenAPIDocument, type SchemaObject } from '../../api/openapi/schema.js';
import { indent, wrapString } from './wordwrap.js';

/**
 * `kubectl explain` text, from the same OpenAPI v3 document a real API server serves. A port of kubectl's plaintext
 * template (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl): same sections, same wrapping
 * (76 columns for descriptions, 78 minus the indent for fields), fields sorted, $refs followed through allOf.
 */
export interface ExplainRequest {
  gvk: GroupVersionKind;
  fieldPath: string[];
  recursive: boolean;
}

/** Thrown for a path that leads nowhere, with kubectl's message; kubectl has printed the heading already. */
export class ExplainError extends Error {
  constructor(message: string, readonly heading: string) {
    super(message);
  }
}

/** The text, and which type's field the path ends on (`PodSpec.restartPolicy`), or none for the kind itself. */
export interface Explained {
  text: string;
  field?: string;
}

export function explain(doc: OpenAPIDocument, req: ExplainRequest): Explained {
  const root = Object.values(doc.components.schemas).find((s) =>
    s['x-kubernetes-group-version-kind']?.some((g) => g.group === req.gvk.group && g.version === req.gvk.version && g.kind === req.gvk.kind),
  );
  if (!root) throw new Error(`no schema for ${req.gvk.kind} in this document`);
  const walk: Walk = { doc, recursive: req.recursive };
  const body = output(walk, root, req.fieldPath, new Set(), req.gvk.kind);
  if (body === '') throw new ExplainError(`error: field "${req.fieldPath[req.fieldPath.length - 1]}" does not exist`, heading(req.gvk));
  return { text: `${heading(req.gvk)}${body}\n`, ...(walk.field && { field: walk.field }) };
}

const heading = (gvk: GroupVersionKind) => `${gvk.group ? `GROUP:      ${gvk.group}\n` : ''}KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;

/** What every step of the walk shares, and where the path ended (set on the way). */
interface Walk {
  doc: OpenAPIDocument;
  recursive: boolean;
  field?: string;
}

const isMap = (ap: SchemaObject['additionalProperties']): ap is SchemaObject => !!ap && typeof ap !== 'boolean';

/** Follows the field path, then prints the field's description and its fields ("output" in the template). */
function output(walk: Walk, schema: SchemaObject, path: string[], seen: Set<string>, owner: string): string {
  const { doc } = walk;
  const ref = schema.$ref ?? '';
  const type = ref ? ref.split('.').pop()! : owner;
  const history = new Set(seen).add(ref);
  const resolved = resolveRef(ref, doc) ?? schema;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(4, wrapString(description(doc, resolved) || '<empty>', 76))}\n`;
    const fields = fieldList(walk, resolved, 1, new Set());
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && seen.has(ref)) return '';
  const [first, ...rest] = path as [string, ...string[]];
  const sub = resolved.properties?.[first];
  if (sub) {
    if (rest.length === 0) walk.field = `${type}.${first}`;
    const head = rest.length === 0 ? `FIELD: ${first} <${typeGuess(doc, sub)}>\n${longEnum(sub)}\n\n` : '';
    return head + output(walk, sub, rest, new Set(), type);
  }
  if (resolved.items) return output(walk, resolved.items, path, history, type);
  if (isMap(resolved.additionalProperties)) return output(walk, resolved.additionalProperties, path, history, type);
  for (const alt of resolved.allOf ?? []) {
    const text = output(walk, alt, path, history, type);
    if (text) return text;
  }
  return '';
}

/** The schema's description, then those of what it is made of ($ref, allOf, items, map values). */
function description(doc: OpenAPIDocument, schema: SchemaObject): string {
  const s = resolveRef(schema.$ref, doc) ?? schema;
  let out = s.description ? `${s.description}\n` : '';
  for (const alt of s.allOf ?? []) out += description(doc, alt);
  if (s.items) out += description(doc, s.items);
  if (isMap(s.additionalProperties)) out += description(doc, s.additionalProperties);
  return out;
}

/** Sorted fields, one block each (or one line each, nested, with --recursive); stops at a type already on the path. */
function fieldList(walk: Walk, schema: SchemaObject, level: number, seen: Set<string>): string {
  const { doc, recursive } = walk;
  const ref = schema.$ref ?? '';
  if (ref && seen.has(ref)) return '';
  const history = new Set(seen).add(ref);
  const resolved = resolveRef(ref, doc) ?? schema;
  let out = '';
  const properties = resolved.properties ?? {};
  for (const name of Object.keys(properties).sort()) {
    out += fieldDetail(doc, resolved, name, level, recursive);
    if (recursive) out += fieldList(walk, properties[name]!, level + 1, history);
  }
  for (const alt of resolved.allOf ?? []) out += fieldList(walk, alt, level, history);
  if (resolved.items) out += fieldList(walk, resolved.items, level, history);
  if (isMap(resolved.additionalProperties)) out += fieldList(walk, resolved.additionalProperties, level, history);
  return out;
}

function fieldDetail(doc: OpenAPIDocument, owner: SchemaObject, name: string, level: number, short: boolean): string {
  const at = level * 2;
  const field = owner.properties![name]!;
  let out = `${indent(at, name)}\t<${typeGuess(doc, field)}>`;
  if (owner.required?.includes(name)) out += ' -required-';
  out += shortEnum(field, at);
  out += '\n';
  if (short) return out;
  return `${out}${indent(at + 2, wrapString(field.description || '<no description>', 78 - at))}\n\n`;
}

/** `string`, `integer`, `Object`, `[]Container`, `map[string]Quantity`: kubectl's hint of a field's type. */
function typeGuess(doc: OpenAPIDocument, s: SchemaObject): string {
  if (s.items) return `[]${typeGuess(doc, s.items)}`;
  if (isMap(s.additionalProperties)) return `map[string]${typeGuess(doc, s.additionalProperties)}`;
  if (s.allOf && !s.properties && s.allOf.length === 1) return typeGuess(doc, s.allOf[0]!);
  if (s.$ref) {
    const target = resolveRef(s.$ref, doc);
    if (!target || !target.type || target.type === 'object') return s.$ref.split('/').pop()!.split('.').pop() || 'Object';
    return target.type;
  }
  return s.type === 'object' ? 'Object' : s.type || 'Object';
}

const enumValue = (v: unknown) => (v === '' ? '""' : String(v));

/** `ENUM:` and one value per line, under a single field's heading. */
function longEnum(s: SchemaObject): string {
  return s.enum?.length ? `ENUM:${s.enum.map((v) => `\n    ${enumValue(v)}`).join('')}` : '';
}

/** `enum: A, B, C, D, ....` under a field in a list: four values at most. */
function shortEnum(s: SchemaObject, at: number): string {
  if (!s.enum?.length) return '';
  const shown = s.enum.slice(0, 4).map(enumValue).join(', ');
  return `\n${' '.repeat(at)}enum: ${shown}${s.enum.length > 4 ? ', ....' : ''}`;
}
