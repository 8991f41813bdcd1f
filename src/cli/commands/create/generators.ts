import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { KObject } from '../../../api/object.js';

export interface SourceOptions {
  fromLiteral: string[];
  fromFile: string[];
}

/** kubectl's --from-literal (key=value) and --from-file ([key=]path) sources, in the order given; first error wins. */
function readSources(o: SourceOptions): { data: Record<string, string> } | { error: string } {
  const data: Record<string, string> = {};
  for (const literal of o.fromLiteral) {
    const eq = literal.indexOf('=');
    if (eq <= 0) return { error: `invalid literal source ${literal}, expected key=value` };
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  for (const source of o.fromFile) {
    const eq = source.indexOf('=');
    const [key, path] = eq > 0 ? [source.slice(0, eq), source.slice(eq + 1)] : [basename(source), source];
    try {
      data[key] = readFileSync(path, 'utf8');
    } catch {
      return { error: `error reading ${path}: no such file or directory` };
    }
  }
  return { data };
}

/** `kubectl create configmap NAME --from-literal=…`: the values stay as text. */
export function configMapFrom(name: string, o: SourceOptions): { object: KObject } | { error: string } {
  const r = readSources(o);
  if ('error' in r) return r;
  return { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: r.data } as KObject };
}

/** `kubectl create secret generic NAME --from-literal=…`: the values are base64-encoded into data. */
export function secretFrom(name: string, o: SourceOptions): { object: KObject } | { error: string } {
  const r = readSources(o);
  if ('error' in r) return r;
  const data = Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  return { object: { apiVersion: 'v1', kind: 'Secret', metadata: { name }, type: 'Opaque', data } as KObject };
}

/** The `k=v,k2=v2` of kubectl's --labels and --selector flags (expose.go and run.go parseLabels), or its error. */
export function parseLabelSpec(spec: string): Record<string, string> | string {
  const labels: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) return `unexpected label spec: ${pair}`;
    if (!kv[0]) return 'unexpected empty label key';
    labels[kv[0]] = kv[1]!;
  }
  return labels;
}
