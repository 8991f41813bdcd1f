import { byKind } from '../../api/resources.js';
import { MESSAGES } from './generated.js';
import { INLINE_FIELDS, KEEP_ZERO, messageOf, REQUEST_KINDS } from './kubernetes.js';
import { fieldsOf, MalformedProtobuf, signed, utf8, type WireValue } from './wire.js';

/** `application/vnd.kubernetes.protobuf` bodies start with these four bytes, then a runtime.Unknown. */
const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"

const inline = new Set(INLINE_FIELDS);
const keepZero = new Set(KEEP_ZERO);

export { MalformedProtobuf };

/**
 * Reads a Kubernetes protobuf body (k8s.io/apimachinery/pkg/runtime/serializer/protobuf) into the object's JSON form:
 * the envelope, a runtime.Unknown, gives apiVersion and kind; its raw bytes are the object's message, read with the
 * descriptors kubectl itself encodes with. The result is what the same object sent as JSON would be.
 */
export function decodeKubernetesProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) throw new MalformedProtobuf('the body does not start with the k8s protobuf prefix');
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array();
  for (const f of fieldsOf(body.subarray(MAGIC.length))) {
    if (f.number === 1 && f.wireType === 2) {
      for (const t of fieldsOf(f.value)) {
        if (t.number === 1 && t.wireType === 2) apiVersion = utf8(t.value);
        if (t.number === 2 && t.wireType === 2) kind = utf8(t.value);
      }
    }
    if (f.number === 2 && f.wireType === 2) raw = f.value;
    if (f.number === 3 && f.wireType === 2 && f.value.length) throw new MalformedProtobuf(`content encoding ${utf8(f.value)} is not supported`);
  }
  const resource = byKind(apiVersion, kind);
  const name = resource ? messageOf(resource) : (REQUEST_KINDS[`${apiVersion} ${kind}`] ?? REQUEST_KINDS[kind]);
  if (!name) throw new MalformedProtobuf(`no kind "${kind}" is registered for version "${apiVersion}"`);
  return { apiVersion, kind, ...message(name, raw) };
}

function message(name: string, bytes: Uint8Array): Record<string, unknown> {
  const fields = MESSAGES[name];
  if (!fields) throw new MalformedProtobuf(`kubesim has no descriptor for ${name}`);
  const out: Record<string, unknown> = {};
  for (const wire of fieldsOf(bytes)) {
    const field = fields[wire.number];
    if (!field) continue; // a newer client's field: skipped, as every protobuf reader does
    const [fieldName, type, repeated] = field;
    const path = `${name}.${fieldName}`;
    if (type.startsWith('map:')) {
      const [key, value] = entry(type.slice('map:'.length), wire);
      ((out[fieldName] ??= {}) as Record<string, unknown>)[key] = value;
      continue;
    }
    const value = valueOf(type, wire);
    if (repeated) ((out[fieldName] ??= []) as unknown[]).push(value);
    else if (value !== undefined && (keepZero.has(path) || !isZero(value))) out[fieldName] = value;
    else delete out[fieldName];
  }
  for (const field of Object.values(fields)) {
    const path = `${name}.${field[0]}`;
    if (inline.has(path) && field[0] in out) {
      const embedded = out[field[0]] as Record<string, unknown>;
      delete out[field[0]];
      Object.assign(out, embedded);
    }
  }
  return out;
}

const isZero = (value: unknown): boolean => value === '' || value === 0 || value === false;

/** A map entry: a message of its own, key = 1 and value = 2. */
function entry(valueType: string, wire: WireValue): [string, unknown] {
  let key = '';
  let value: unknown = ''; // Go writes an empty string, an empty byte slice or a zero Quantity as no field at all
  for (const f of fieldsOf(lengthDelimited(wire))) {
    if (f.number === 1) key = utf8(lengthDelimited(f));
    if (f.number === 2) value = valueOf(valueType, f);
  }
  return [key, value];
}

function valueOf(type: string, wire: WireValue): unknown {
  switch (type) {
    case 'string':
      return utf8(lengthDelimited(wire));
    case 'bytes':
      return Buffer.from(lengthDelimited(wire)).toString('base64');
    case 'bool':
      return varint(wire) !== 0n;
    case 'int32':
    case 'int64':
      return signed(varint(wire));
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime':
      return time(lengthDelimited(wire), type === 'meta.v1.MicroTime');
    case 'api.resource.Quantity':
      return stringField(lengthDelimited(wire));
    case 'util.intstr.IntOrString':
      return intOrString(lengthDelimited(wire));
    case 'meta.v1.FieldsV1':
      return fieldsV1(stringField(lengthDelimited(wire)));
    default:
      return message(type, lengthDelimited(wire));
  }
}

function lengthDelimited(wire: WireValue): Uint8Array {
  if (wire.wireType !== 2) throw new MalformedProtobuf(`field ${wire.number}: wire type ${wire.wireType} where a length-delimited value belongs`);
  return wire.value;
}

function varint(wire: WireValue): bigint {
  if (wire.wireType !== 0) throw new MalformedProtobuf(`field ${wire.number}: wire type ${wire.wireType} where a varint belongs`);
  return wire.value;
}

/** Quantity and FieldsV1: one string (or bytes) field, number 1. */
function stringField(bytes: Uint8Array): string {
  let text = '';
  for (const f of fieldsOf(bytes)) if (f.number === 1) text = utf8(lengthDelimited(f));
  return text;
}

/** FieldsV1 carries its JSON as bytes. */
function fieldsV1(json: string): unknown {
  try {
    return JSON.parse(json || '{}') as unknown;
  } catch {
    throw new MalformedProtobuf('managedFields: fieldsV1 is not JSON');
  }
}

/** metav1.Time {seconds = 1, nanos = 2}: RFC 3339 as Go's JSON writes it, the zero time as no time at all. */
function time(bytes: Uint8Array, micro: boolean): string | undefined {
  let seconds = 0;
  let nanos = 0;
  for (const f of fieldsOf(bytes)) {
    if (f.number === 1) seconds = signed(varint(f));
    if (f.number === 2) nanos = signed(varint(f));
  }
  if (seconds === 0 && nanos === 0) return undefined;
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

/** intstr.IntOrString {type = 1 (0 int, 1 string), intVal = 2, strVal = 3}. */
function intOrString(bytes: Uint8Array): number | string {
  let isString = false;
  let intVal = 0;
  let strVal = '';
  for (const f of fieldsOf(bytes)) {
    if (f.number === 1) isString = signed(varint(f)) === 1;
    if (f.number === 2) intVal = signed(varint(f));
    if (f.number === 3) strVal = utf8(lengthDelimited(f));
  }
  return isString ? strVal : intVal;
}
