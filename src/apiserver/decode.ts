import { canonicalQuantity } from '../api/quantity.js';
import { KINDS, TYPES } from '../api/schema/generated.js';

/**
 * Strict decoding, as kube-apiserver does with fieldValidation=Strict (kubectl's default): the body is decoded into
 * the Go types, so a wrong JSON type stops the decode (`json: cannot unmarshal ...`) and unknown fields are all
 * reported (`strict decoding error: unknown field "spec.foo"`). Returns the message, or undefined when the body decodes.
 */
export interface DecodeInput {
  apiVersion: string;
  kind: string;
  body: unknown;
}

class TypeError_ {
  constructor(readonly message: string) {}
}

const GO_SCALAR: Record<string, string> = { s: 'string', i: 'int32', n: 'float64', b: 'bool', t: 'v1.Time', q: 'resource.Quantity', is: 'intstr.IntOrString', y: '[]uint8' };

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string, number
}

function goType(ref: string): string {
  if (GO_SCALAR[ref]) return GO_SCALAR[ref];
  if (ref === 'a') return 'interface {}';
  if (ref.startsWith('[]')) return `[]${goType(ref.slice(2))}`;
  if (ref.startsWith('{}')) return `map[string]${goType(ref.slice(2))}`;
  const { version, name } = splitClass(ref);
  return `${version}.${name}`;
}

/** `V1PodSpec` → v1 + PodSpec; `DiscoveryV1EndpointPort` → v1 + EndpointPort (client-node's model names). */
function splitClass(ref: string): { version: string; name: string } {
  const m = /^(?:[A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)(.+)$/.exec(ref);
  return m ? { version: m[1].toLowerCase(), name: m[2] } : { version: 'v1', name: ref };
}

function typeName(ref: string): string {
  return splitClass(ref).name;
}

interface Walk {
  unknown: string[];
  /** `DeploymentSpec.spec.replicas`: Go names the innermost struct and the JSON path without indices. */
  struct: string;
  goPath: string;
}

function mismatch(value: unknown, ref: string, w: Walk): never {
  throw new TypeError_(`json: cannot unmarshal ${jsonType(value)} into Go struct field ${w.struct}.${w.goPath} of type ${goType(ref)}`);
}

/** Checks a value against its Go type; returns it as the Go round trip writes it back (a quantity in canonical form). */
function check(value: unknown, ref: string, path: string, w: Walk): unknown {
  if (value === null || value === undefined) return value; // null decodes to the zero value
  switch (ref) {
    case 'a':
      return value;
    case 's':
    case 't':
      if (typeof value !== 'string') mismatch(value, ref, w);
      return value;
    case 'i':
      if (typeof value !== 'number' || !Number.isInteger(value)) mismatch(value, ref, w);
      return value;
    case 'n':
      if (typeof value !== 'number') mismatch(value, ref, w);
      return value;
    case 'y':
      if (typeof value !== 'string') mismatch(value, ref, w);
      if (invalidBase64(value)) throw new TypeError_(invalidBase64(value)!);
      return value;
    case 'b':
      if (typeof value !== 'boolean') mismatch(value, ref, w);
      return value;
    case 'q': {
      // a resource.Quantity, from a string or a number: stored as its String(), `0.5` as `500m`
      const canonical = typeof value === 'string' || typeof value === 'number' ? canonicalQuantity(String(value)) : undefined;
      if (canonical === undefined) {
        if (typeof value === 'string') throw new TypeError_(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
        mismatch(value, ref, w);
      }
      return canonical;
    }
    case 'is':
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) mismatch(value, ref, w);
      return value;
  }
  if (ref.startsWith('[]')) {
    if (!Array.isArray(value)) mismatch(value, ref, w);
    value.forEach((item, i) => (value[i] = check(item, ref.slice(2), `${path}[${i}]`, w)));
    return value;
  }
  if (ref.startsWith('{}')) {
    if (typeof value !== 'object' || Array.isArray(value)) mismatch(value, ref, w);
    const map = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(map)) map[k] = check(v, ref.slice(2), `${path}[${k}]`, w);
    return value;
  }
  checkStruct(value, ref, path, w);
  return value;
}

function checkStruct(value: unknown, ref: string, path: string, w: Walk): void {
  const schema = TYPES[ref];
  if (typeof value !== 'object' || Array.isArray(value)) mismatch(value, ref, w);
  for (const [field, v] of Object.entries(value as object)) {
    const fieldPath = path ? `${path}.${field}` : field;
    const fieldRef = schema.f[field];
    if (!fieldRef) {
      w.unknown.push(`unknown field "${fieldPath}"`);
      continue;
    }
    const inner: Walk = { unknown: w.unknown, struct: typeName(ref), goPath: fieldPath.replace(/\[[^\]]*\]/g, '') };
    (value as Record<string, unknown>)[field] = check(v, fieldRef, fieldPath, inner);
  }
}

export function knownGvk(apiVersion: string, kind: string): boolean {
  return `${apiVersion}/${kind}` in KINDS;
}

/**
 * The decode of a body into its Go type, and back: returns kube-apiserver's refusal, or undefined once the body (the
 * server's own copy) holds what the Go types would encode: quantities in canonical form (`cpu: 0.5` is stored `500m`).
 */
export function strictDecode(input: DecodeInput): string | undefined {
  const ref = KINDS[`${input.apiVersion}/${input.kind}`];
  if (!ref) return undefined;
  const version = input.apiVersion.slice(input.apiVersion.lastIndexOf('/') + 1);
  const prefix = `${input.kind} in version "${version}" cannot be handled as a ${input.kind}: `;
  const w: Walk = { unknown: [], struct: typeName(ref), goPath: '' };
  try {
    checkStruct(input.body, ref, '', w);
  } catch (e) {
    if (e instanceof TypeError_) return prefix + e.message;
    throw e;
  }
  return w.unknown.length ? `${prefix}strict decoding error: ${w.unknown.join(', ')}` : undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** []byte fields (Secret.data) are standard base64 in JSON; Go's decoder reports where it stops. */
function invalidBase64(value: string): string | undefined {
  const bad = [...value].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
  if (bad >= 0) return `illegal base64 data at input byte ${bad}`;
  if (!BASE64.test(value) || value.length % 4 !== 0) return `illegal base64 data at input byte ${value.length - (value.length % 4 || 4)}`;
  return undefined;
}
