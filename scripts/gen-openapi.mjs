#!/usr/bin/env node
// Generates src/api/openapi/generated.ts: the OpenAPI v3 component schemas of the kinds kubesim serves, as
// kube-apiserver publishes them under /openapi/v3 (what `kubectl explain` reads). Sources, all in devDependencies:
// - @kubernetes/client-node 1.4.0 (models generated from the v1.34.0 spec): which fields exist, their types, integer
//   or number (format), which are required;
// - kubernetes-models 4.5.1 (generated from the spec with its full descriptions): field descriptions with their
//   "Possible enum values" paragraphs, enum lists, and which fields are $refs to apimachinery types (Quantity, Time…);
// - kubernetes-types: the description of Quantity, which kubernetes-models leaves out.
// A field newer than kubernetes-models keeps client-node's description (one paragraph, no enum).
// Run: npm run gen:openapi. The output is committed; `node scripts/gen-openapi.mjs --check` says if it is stale.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGenerated } from './generated-file.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const clientModels = join(dirname(require.resolve('@kubernetes/client-node/package.json')), 'dist/gen/models');
const models = join(root, 'node_modules/kubernetes-models');
const machinery = join(root, 'node_modules/@kubernetes-models/apimachinery');

// The kinds kubesim serves (src/api/resources.ts), with their client-node class.
const KINDS = [
  ['', 'v1', 'Pod'], ['', 'v1', 'Service'], ['', 'v1', 'Endpoints'], ['', 'v1', 'Namespace'], ['', 'v1', 'Node'],
  ['', 'v1', 'ConfigMap'], ['', 'v1', 'Secret'], ['', 'v1', 'ServiceAccount'], ['', 'v1', 'Event', 'CoreV1Event'],
  ['', 'v1', 'PersistentVolumeClaim'], ['', 'v1', 'PersistentVolume'],
  ['apps', 'v1', 'Deployment'], ['apps', 'v1', 'ReplicaSet'], ['batch', 'v1', 'CronJob'], ['batch', 'v1', 'Job'], ['discovery.k8s.io', 'v1', 'EndpointSlice'],
  ['storage.k8s.io', 'v1', 'StorageClass'],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole'], ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding'],
  ['rbac.authorization.k8s.io', 'v1', 'Role'], ['rbac.authorization.k8s.io', 'v1', 'RoleBinding'],
];

/** Types that are not objects in the v3 document: kubectl prints `<string>` for Time, `<Quantity>` for Quantity. */
const MACHINERY = {
  Quantity: { pkg: 'io.k8s.apimachinery.pkg.api.resource', file: 'api/resource/Quantity', schema: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
  IntOrString: { pkg: 'io.k8s.apimachinery.pkg.util.intstr', file: 'util/intstr/IntOrString', schema: { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] } },
  Time: { pkg: 'io.k8s.apimachinery.pkg.apis.meta.v1', file: 'apis/meta/v1/Time', schema: { type: 'string', format: 'date-time' } },
  MicroTime: { pkg: 'io.k8s.apimachinery.pkg.apis.meta.v1', file: 'apis/meta/v1/MicroTime', schema: { type: 'string', format: 'date-time' } },
  FieldsV1: { pkg: 'io.k8s.apimachinery.pkg.apis.meta.v1', file: 'apis/meta/v1/FieldsV1', schema: { type: 'object' } },
  RawExtension: { pkg: 'io.k8s.apimachinery.pkg.runtime', file: 'runtime/RawExtension', schema: { type: 'object' } },
};

/** JSDoc text before `index` in `text`, with its line breaks ("Possible enum values:" lists keep their own lines). */
function docBefore(text, index) {
  const head = text.slice(0, index).trimEnd();
  if (!head.endsWith('*/')) return undefined;
  const start = head.lastIndexOf('/**');
  return head
    .slice(start + 3, -2)
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim()
    .replace(/\*\\\//g, '*/');
}

/** A kubernetes-models declaration file: the interface's description and its fields' declared types and docs. */
function readModel(file) {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const start = /^export (?:interface \w+(?: extends [\w, ]+)? \{|(?:declare )?type \w+ = )/m.exec(text);
  if (!start) return undefined;
  const fields = {};
  const body = text.slice(start.index);
  for (const m of body.matchAll(/^ {4}"(\w+)"(\??): ((?:[^;{]|\{[^}]*\})*?);$/gm)) {
    if (fields[m[1]]) continue;
    fields[m[1]] = { type: m[3].replace(/\s+/g, ' '), doc: docBefore(body, m.index) };
  }
  const imports = {};
  for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) imports[m[1]] = m[2];
  return { doc: docBefore(text, start.index), fields, imports, file };
}

/** `IIoK8sApiCoreV1PodSpec` → `io.k8s.api.core.v1.PodSpec`; apimachinery types by their package. */
function dotted(ref) {
  const name = ref.replace(/^I/, '');
  let m;
  const machine = Object.keys(MACHINERY).find((k) => name.startsWith('IoK8sApimachinery') && name.endsWith(k));
  if (machine) return `${MACHINERY[machine].pkg}.${machine}`;
  if ((m = /^IoK8sApimachineryPkgApisMetaV1(\w+)$/.exec(name))) return `io.k8s.apimachinery.pkg.apis.meta.v1.${m[1]}`;
  if ((m = /^IoK8sApi([A-Z][a-z]+)(V\d+(?:alpha\d+|beta\d+)?)(\w+)$/.exec(name))) return `io.k8s.api.${m[1].toLowerCase()}.${m[2].toLowerCase()}.${m[3]}`;
  throw new Error(`unknown type name ${ref}`);
}

/** The kubernetes-models file that declares a referenced interface, from the importing file. */
function modelFileOf(importer, ref) {
  const from = importer.imports[ref];
  if (!from) return undefined;
  if (from.startsWith('@kubernetes-models/apimachinery/')) return join(machinery, `${from.slice('@kubernetes-models/apimachinery/'.length)}.d.ts`);
  return join(dirname(importer.file), `${from.replace(/\.js$/, '')}.d.ts`);
}

/** client-node's model: its fields (type, format, required) and their one-paragraph docs. */
async function readClient(cls) {
  const file = join(clientModels, `${cls}.js`);
  if (!existsSync(file)) return undefined;
  const attrs = (await import(file))[cls]?.attributeTypeMap ?? [];
  const decl = readFileSync(join(clientModels, `${cls}.d.ts`), 'utf8');
  const classAt = decl.search(/^export declare class /m);
  const fields = attrs.map((a) => {
    const at = decl.search(new RegExp(`^ {4}'${a.baseName}'\\??:`, 'm'));
    const required = at >= 0 && decl[at + 4 + a.baseName.length + 2] !== '?';
    return { name: a.baseName, type: a.type, format: a.format, required, doc: at >= 0 ? docBefore(decl, at) : undefined };
  });
  return { doc: classAt >= 0 ? docBefore(decl, classAt) : undefined, fields };
}

const enumOf = (kmType) => {
  const literals = kmType?.replace(/^Array<(.*)>$/, '$1').split(' | ');
  return literals && literals.every((l) => /^"[^"]*"$/.test(l)) ? literals.map((l) => l.slice(1, -1)) : undefined;
};

const schemas = {};
const ref = (name) => ({ $ref: `#/components/schemas/${name}` });

function machineryType(name) {
  const target = `${MACHINERY[name].pkg}.${name}`;
  if (!schemas[target]) {
    const model = readModel(join(machinery, `${MACHINERY[name].file}.d.ts`));
    const types = readFileSync(join(root, 'node_modules/kubernetes-types/api/resource.d.ts'), 'utf8');
    schemas[target] = { description: model?.doc ?? docBefore(types, types.indexOf(`export type ${name} `)), ...MACHINERY[name].schema };
  }
  return target;
}

/** The v3 schema of one value: client-node says what it is, kubernetes-models which $ref and which enum. */
async function shape(cnType, format, kmType, owner, ownerPkg) {
  let m;
  if ((m = /^Array<(.+)>$/.exec(cnType))) {
    return { type: 'array', items: await shape(m[1], format, kmType && /^Array<(.+)>$/.exec(kmType)?.[1], owner, ownerPkg) };
  }
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(cnType))) {
    const inner = kmType && /^\{ \[key: string\]: (.+); \}$/.exec(kmType)?.[1];
    return { type: 'object', additionalProperties: await shape(m[1], format, inner, owner, ownerPkg) };
  }
  if (kmType && /^IIoK8s\w+$/.test(kmType)) {
    const name = dotted(kmType);
    const short = name.split('.').pop();
    if (MACHINERY[short] && name.startsWith(MACHINERY[short].pkg)) return ref(machineryType(short));
    if (/^V\d|^[A-Z][a-z]+V\d/.test(cnType)) await visit(cnType, name, readModel(modelFileOf(owner, kmType)));
    return ref(name);
  }
  if (cnType === 'Date') return ref(machineryType('Time'));
  if (cnType === 'V1MicroTime') return ref(machineryType('MicroTime'));
  if (cnType === 'IntOrString') return ref(machineryType('IntOrString'));
  if (cnType === 'string') return { type: 'string', ...(enumOf(kmType) && { enum: enumOf(kmType) }) };
  if (cnType === 'number') return { type: format === 'double' ? 'number' : 'integer', ...(format && { format }) };
  if (cnType === 'boolean') return { type: 'boolean' };
  if (cnType === 'any' || cnType === 'object') return { type: 'object' };
  // A type newer than kubernetes-models: it lives in its owner's package.
  const name = `${ownerPkg}.${cnType.replace(/^(?:[A-Z][a-z]+)?V\d+(?:alpha\d+|beta\d+)?/, '')}`;
  await visit(cnType, name, undefined);
  return ref(name);
}

/** Adds the component `name` (client-node class `cls`, kubernetes-models declaration `model`) and what it uses. */
async function visit(cls, name, model, gvk) {
  if (schemas[name]) return;
  const client = await readClient(cls);
  if (!client) throw new Error(`no client-node model ${cls} for ${name}`);
  const schema = { description: model?.doc ?? client.doc, type: 'object', properties: {} };
  schemas[name] = schema;
  const pkg = name.slice(0, name.lastIndexOf('.'));
  for (const f of [...client.fields].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const km = model?.fields[f.name];
    const kmType = km && !/^"[^"]*"$/.test(km.type) ? km.type : undefined; // apiVersion: "v1" is a string field
    const value = await shape(f.type, f.format, kmType, model, pkg);
    const description = km?.doc ?? f.doc;
    schema.properties[f.name] = value.$ref
      ? description ? { description, allOf: [value] } : value
      : { ...(description && { description }), ...value };
  }
  const required = client.fields.filter((f) => f.required && !['apiVersion', 'kind'].includes(f.name)).map((f) => f.name);
  if (required.length) schema.required = required.sort();
  if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
}

for (const [group, version, kind, cls] of KINDS) {
  const dir = group === '' ? 'v1' : `${group}/${version}`;
  const prefix = group === '' ? 'core' : group.split('.')[0];
  await visit(cls ?? `V1${kind}`, `io.k8s.api.${prefix}.${version}.${kind}`, readModel(join(models, dir, `${kind}.d.ts`)), { group, kind, version });
}
const sorted = Object.fromEntries(Object.keys(schemas).sort().map((k) => [k, schemas[k]]));

const body = `// Generated by scripts/gen-openapi.mjs from the Kubernetes v1.34.0 models and descriptions. Do not edit.
import type { SchemaObject } from './schema.js';
export const SCHEMAS: Readonly<Record<string, SchemaObject>> = ${JSON.stringify(sorted)};
`;
const target = join(root, 'src/api/openapi/generated.ts');
writeGenerated(target, body, 'openapi', 'gen:openapi', `${Object.keys(sorted).length} schemas`);
