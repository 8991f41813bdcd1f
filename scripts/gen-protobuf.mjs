#!/usr/bin/env node
// Generates src/apiserver/protobuf/generated.ts: the protobuf messages of the kinds kubesim serves (field numbers,
// names, types), so `kubesim serve` can read the protobuf bodies kubectl's typed commands send (create deployment,
// run, expose...). Source: the real kubectl binary. Kubernetes' Go code registers each generated.proto as a gzipped
// FileDescriptorProto (google/protobuf/descriptor.proto) inside every client, kubectl included: the descriptors
// read here are the exact ones kubectl encodes with. Needs a build (it reads the wire format with dist's reader).
// Run: npm run gen:protobuf [-- --kubectl PATH]. The output is committed; `--check` says if it is stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, constants } from 'node:zlib';
import { writeGenerated } from './generated-file.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { fieldsOf, utf8 } = await import(join(root, 'dist/apiserver/protobuf/wire.js'));
const { RESOURCES } = await import(join(root, 'dist/api/resources.js'));
const { SCALAR_MESSAGES, INLINE_FIELDS, KEEP_ZERO, REQUEST_KINDS, messageOf } = await import(join(root, 'dist/apiserver/protobuf/kubernetes.js'));

const flag = process.argv.indexOf('--kubectl');
const kubectl = realpathSync(flag > 0 ? process.argv[flag + 1] : execFileSync('which', ['kubectl'], { encoding: 'utf8' }).trim());
const version = execFileSync(kubectl, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
const gitVersion = JSON.parse(version).clientVersion.gitVersion;

// descriptor.proto's numbers: FileDescriptorProto, DescriptorProto, FieldDescriptorProto, MessageOptions.
const FILE = { name: 1, package: 2, messageType: 4 };
const MESSAGE = { name: 1, field: 2, nestedType: 3, options: 7 };
const FIELD = { name: 1, number: 3, label: 4, type: 5, typeName: 6 };
const MAP_ENTRY = 7;
const LABEL_REPEATED = 3;
const TYPES = { 1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 8: 'bool', 9: 'string', 11: 'message', 12: 'bytes', 13: 'uint32', 14: 'enum' };

/** Every gzipped generated.proto descriptor in the binary, by file name. */
function descriptorsIn(binary) {
  const files = new Map();
  const gzip = Buffer.from([0x1f, 0x8b, 0x08]);
  for (let at = binary.indexOf(gzip); at >= 0; at = binary.indexOf(gzip, at + 1)) {
    let bytes;
    try {
      bytes = gunzipSync(binary.subarray(at, at + (1 << 20)), { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      continue;
    }
    try {
      const file = readFile(bytes);
      if (file.name?.endsWith('/generated.proto')) files.set(file.name, file);
    } catch {
      // gzip data that is not a descriptor
    }
  }
  return files;
}

function readFile(bytes) {
  const file = { messages: [] };
  for (const f of fieldsOf(bytes)) {
    if (f.number === FILE.name) file.name = utf8(f.value);
    if (f.number === FILE.package) file.package = utf8(f.value);
    if (f.number === FILE.messageType) file.messages.push(readMessage(f.value));
  }
  return file;
}

function readMessage(bytes) {
  const message = { fields: [], nested: [], mapEntry: false };
  for (const f of fieldsOf(bytes)) {
    if (f.number === MESSAGE.name) message.name = utf8(f.value);
    if (f.number === MESSAGE.field) message.fields.push(readField(f.value));
    if (f.number === MESSAGE.nestedType) message.nested.push(readMessage(f.value));
    if (f.number === MESSAGE.options) for (const o of fieldsOf(f.value)) if (o.number === MAP_ENTRY) message.mapEntry = o.value === 1n;
  }
  return message;
}

function readField(bytes) {
  const field = {};
  for (const f of fieldsOf(bytes)) {
    if (f.number === FIELD.name) field.name = utf8(f.value);
    if (f.number === FIELD.number) field.number = Number(f.value);
    if (f.number === FIELD.label) field.repeated = f.value === BigInt(LABEL_REPEATED);
    if (f.number === FIELD.type) field.type = TYPES[Number(f.value)] ?? `type ${f.value}`;
    if (f.number === FIELD.typeName) field.typeName = utf8(f.value).replace(/^\./, '');
  }
  return field;
}

/** The scalar types decode.ts reads (all that Kubernetes' served kinds use). */
const DECODED_SCALARS = ['string', 'bytes', 'bool', 'int32', 'int64'];

/** `k8s.io.api.core.v1.Pod` → `core.v1.Pod`, `k8s.io.apimachinery.pkg.apis.meta.v1.Time` → `meta.v1.Time`. */
const short = (name) => name.replace(/^k8s\.io\.api\./, '').replace(/^k8s\.io\.apimachinery\.pkg\.(apis\.)?/, '');

const files = descriptorsIn(readFileSync(kubectl));
const messages = new Map();
for (const file of files.values()) {
  const add = (m, scope) => {
    const name = `${scope}.${m.name}`;
    messages.set(name, m);
    for (const n of m.nested) add(n, name);
  };
  for (const m of file.messages) add(m, file.package);
}

/** A field's type as generated.ts writes it: a scalar, a message's short name, or `map:` and the value's type. */
function typeOf(field) {
  if (field.type !== 'message') {
    if (!DECODED_SCALARS.includes(field.type)) throw new Error(`${field.name}: ${field.type} fields are not read by src/apiserver/protobuf/decode.ts`);
    return field.type;
  }
  const target = messages.get(field.typeName);
  if (!target) throw new Error(`${field.typeName} is not in ${kubectl}`);
  if (!target.mapEntry) return short(field.typeName);
  const [key, value] = target.fields;
  if (key.type !== 'string') throw new Error(`${field.typeName}: map keys of type ${key.type}`);
  return `map:${typeOf(value)}`;
}

// The kinds kubesim serves, and what clients send that is not stored (DeleteOptions, the reviews).
const fullName = new Map([...messages.keys()].map((name) => [short(name), name]));
const out = {};
const pending = [...RESOURCES.map(messageOf), ...Object.values(REQUEST_KINDS)];
while (pending.length) {
  const key = pending.pop();
  if (key in out) continue;
  const message = messages.get(fullName.get(key));
  if (!message) throw new Error(`${key} is not in ${kubectl}`);
  out[key] = {};
  if (SCALAR_MESSAGES.includes(key)) continue;
  for (const field of message.fields) {
    const type = typeOf(field);
    out[key][field.number] = field.repeated && !type.startsWith('map:') ? [field.name, type, 1] : [field.name, type];
    const target = messages.get(field.typeName);
    const visit = target?.mapEntry ? target.fields[1].typeName : field.typeName;
    if (visit) pending.push(short(visit));
  }
}
for (const key of [...INLINE_FIELDS, ...KEEP_ZERO]) {
  const dot = key.lastIndexOf('.');
  const fields = Object.values(out[key.slice(0, dot)] ?? {});
  if (!fields.some(([name]) => name === key.slice(dot + 1))) throw new Error(`${key} (src/apiserver/protobuf/kubernetes.ts) is not a field of the served kinds`);
}

const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
const body = `// Generated by scripts/gen-protobuf.mjs from the descriptors in kubectl ${gitVersion}. Do not edit.
// Each message: field number → [name, type, 1 if repeated]; a type is a scalar (string, bytes, bool, int32, int64...),
// another message, or map:<value type> (keys are strings).
export type ProtoField = [name: string, type: string, repeated?: 1];
export const MESSAGES: Record<string, Record<number, ProtoField>> = ${JSON.stringify(sorted)};
`;
writeGenerated(join(root, 'src/apiserver/protobuf/generated.ts'), body, 'src/apiserver/protobuf/generated.ts', 'gen:protobuf', `${Object.keys(sorted).length} messages from ${files.size} descriptors`);
