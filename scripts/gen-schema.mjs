#!/usr/bin/env node
// Generates src/api/schema/generated.ts: the field tree of the API types (from kubernetes-types' declarations,
// themselves generated from the Kubernetes OpenAPI spec). The API server uses it for strict decoding:
// unknown fields, wrong types and missing required fields, as kube-apiserver reports them.
// Run: npm run gen:schema (the output is committed; a test checks it is up to date).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const typesDir = join(root, 'node_modules/kubernetes-types');

// apiVersion/kind → module/type of every kind kubesim knows (simulated or not), so strict decoding covers them.
const KINDS = {
  'v1/Pod': 'core/v1.Pod', 'v1/Service': 'core/v1.Service', 'v1/Endpoints': 'core/v1.Endpoints',
  'v1/Namespace': 'core/v1.Namespace', 'v1/Node': 'core/v1.Node', 'v1/ConfigMap': 'core/v1.ConfigMap',
  'v1/Secret': 'core/v1.Secret', 'v1/ServiceAccount': 'core/v1.ServiceAccount', 'v1/Event': 'core/v1.Event',
  'v1/PersistentVolumeClaim': 'core/v1.PersistentVolumeClaim', 'v1/PersistentVolume': 'core/v1.PersistentVolume',
  'v1/ResourceQuota': 'core/v1.ResourceQuota', 'v1/LimitRange': 'core/v1.LimitRange',
  'apps/v1/Deployment': 'apps/v1.Deployment', 'apps/v1/ReplicaSet': 'apps/v1.ReplicaSet',
  'apps/v1/StatefulSet': 'apps/v1.StatefulSet', 'apps/v1/DaemonSet': 'apps/v1.DaemonSet',
  'batch/v1/Job': 'batch/v1.Job', 'batch/v1/CronJob': 'batch/v1.CronJob',
  'discovery.k8s.io/v1/EndpointSlice': 'discovery/v1.EndpointSlice',
  'rbac.authorization.k8s.io/v1/Role': 'rbac/v1.Role', 'rbac.authorization.k8s.io/v1/ClusterRole': 'rbac/v1.ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'rbac/v1.RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'rbac/v1.ClusterRoleBinding',
  'networking.k8s.io/v1/Ingress': 'networking/v1.Ingress', 'networking.k8s.io/v1/NetworkPolicy': 'networking/v1.NetworkPolicy',
  'policy/v1/PodDisruptionBudget': 'policy/v1.PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler': 'autoscaling/v2.HorizontalPodAutoscaler',
  'autoscaling/v1/HorizontalPodAutoscaler': 'autoscaling/v1.HorizontalPodAutoscaler',
};

const SCALARS = { string: 's', number: 'i', boolean: 'b', Quantity: 'q', Time: 't', MicroTime: 't', 'number | string': 'is' };

const modules = new Map(); // module path → { imports: Map<name, module>, types: Map<name, fields> }

function loadModule(mod) {
  if (modules.has(mod)) return modules.get(mod);
  const file = join(typesDir, `${mod}.d.ts`);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const imports = new Map();
  for (const m of text.matchAll(/^import \{([^}]+)\} from "([^"]+)";/gm)) {
    const target = join(dirname(mod), m[2]).replace(/\\/g, '/');
    for (const name of m[1].split(',').map((s) => s.trim())) imports.set(name, target);
  }
  const types = new Map();
  const clean = text.replace(/\/\*\*[\s\S]*?\*\//g, '');
  for (const m of clean.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) types.set(m[1], parseFields(m[2]));
  const entry = { imports, types };
  modules.set(mod, entry);
  return entry;
}

// Fields are `name?: Type;`; map types span lines (`{\n [name: string]: X;\n }`) and are folded first.
function parseFields(body) {
  const folded = body
    .split('\n')
    .filter((l) => l.trim())
    .join('\n')
    .replace(/\{\n\s+(\[\w+: string\]: [^;]+);\n\s+\}/g, '{ $1 }');
  const fields = [];
  for (const m of folded.matchAll(/^ {4}(readonly )?("?[\w$-]+"?)(\?)?: (.+);$/gm)) {
    fields.push({ name: m[2].replace(/"/g, ''), optional: !!m[3], type: m[4].trim() });
  }
  return fields;
}

const out = {}; // qualified type name → { f: {field: ref}, r: [required] }

function refOf(type, mod) {
  if (SCALARS[type]) return SCALARS[type];
  if (/^"[^"]*"$/.test(type)) return 's';
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) return `[]${refOf(m[1], mod)}`;
  if ((m = /^\{ \[\w+: string\]: (.+) \}$/.exec(type))) return `{}${refOf(m[1], mod)}`;
  if (type === 'RawExtension' || type === 'any' || type === 'object') return 'a';
  const { imports, types } = loadModule(mod);
  const home = types.has(type) ? mod : imports.get(type);
  if (!home) return 'a';
  const q = `${home}.${type}`;
  visit(home, type);
  return q;
}

function visit(mod, name) {
  const q = `${mod}.${name}`;
  if (out[q]) return;
  const t = loadModule(mod).types.get(name);
  if (!t) throw new Error(`type ${q} not found`);
  out[q] = { f: {}, r: [] };
  for (const f of t) {
    out[q].f[f.name] = refOf(f.type, mod);
    if (!f.optional && f.name !== 'apiVersion' && f.name !== 'kind') out[q].r.push(f.name);
  }
  if (!out[q].r.length) delete out[q].r;
}

const kinds = {};
for (const [gvk, ref] of Object.entries(KINDS)) {
  const [mod, name] = ref.split('.');
  visit(mod, name);
  kinds[gvk] = ref;
}

const body = `// Generated by scripts/gen-schema.mjs from kubernetes-types (Kubernetes OpenAPI). Do not edit.
// Field refs: s string, i integer, b boolean, q quantity, t time, is int-or-string, a any,
// []X list of X, {}X map of X, otherwise a type name.
export interface TypeSchema { f: Record<string, string>; r?: string[] }
export const KINDS: Record<string, string> = ${JSON.stringify(kinds)};
export const TYPES: Record<string, TypeSchema> = ${JSON.stringify(out)};
`;
const target = join(root, 'src/api/schema/generated.ts');
if (process.argv.includes('--check')) {
  const same = existsSync(target) && readFileSync(target, 'utf8') === body;
  console.log(same ? 'schema up to date' : 'schema out of date: run npm run gen:schema');
  process.exit(same ? 0 : 1);
}
writeFileSync(target, body);
console.log(`wrote ${target}: ${Object.keys(out).length} types, ${Object.keys(kinds).length} kinds, ${body.length} bytes`);
