import type { KObject } from '../api/object.js';
import { kindPrefix, byKindOnly } from '../api/resources.js';

/** Objects reach kubectl as unstructured maps, so every printer sees keys in alphabetical order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** json.MarshalIndent with 4 spaces; Go escapes <, > and & inside strings. */
export function toJson(obj: unknown): string {
  return `${goJson(sortKeys(obj), 4)}\n`;
}

/** The same, of a typed Go object: its keys already in its struct's field order (see events.ts). */
export function toTypedJson(obj: unknown): string {
  return `${goJson(obj, 4)}\n`;
}

/** json.Marshal: one line (what -o jsonpath prints for a map or a list). */
export function compactJson(obj: unknown): string {
  return goJson(sortKeys(obj));
}

/** Go's encoding/json of a value whose keys are already in its struct's order: <, > and & escaped. */
export function goJson(obj: unknown, indent?: number): string {
  return JSON.stringify(obj, null, indent).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * sigs.k8s.io/yaml output: sorted keys, unindented sequences, YAML 1.1 quoting ("1", "true", timestamps), and go-yaml's
 * choice of quotes and line breaks (see go-yaml.ts).
 */
export async function toYaml(obj: unknown): Promise<string> {
  const yaml = await import('yaml');
  const { goFold, goStyles } = await import('./go-yaml.js');
  const doc = new yaml.Document(sortKeys(obj), { version: '1.1', aliasDuplicateObjects: false });
  const own = goStyles(doc, yaml.visit);
  const text = doc.toString({ indentSeq: false, lineWidth: 0 });
  // managedFields' "." key (a list element itself): the yaml package quotes it, Go's yaml writes it bare
  return goFold(text.replace(/^( *)"\.":/gm, '$1.:'), own);
}

export function nameOf(obj: KObject): string {
  const r = byKindOnly(obj.kind);
  return `${r ? kindPrefix(r) : obj.kind.toLowerCase()}/${obj.metadata.name}`;
}

/**
 * What kubectl prints of an object it wrote (create deployment, expose): `-o yaml` the object, `-o name` its name,
 * else `kind/name created` (the word given). `-o json` is left out: kubectl prints those typed objects' JSON in their Go
 * fields' order, which unstructured maps do not keep.
 */
const WRITTEN_OUTPUTS = ['yaml', 'name'];
/** The formats that take a template after `=`. */
const TEMPLATED = ['jsonpath', 'go-template', 'template'];
/** The formats kubectl's printer flags take for an object it wrote (PrintFlags.AllowedFormats). */
const KUBECTL_WRITTEN_OUTPUTS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

/**
 * Why -o cannot print what `command` wrote: kubectl's own refusal for a format it does not know (wide), kubesim's for
 * one kubectl knows and kubesim does not print here (json, jsonpath=…). Undefined when it can.
 */
export function writtenOutputRefusal(output: string | undefined, command: string, printed = WRITTEN_OUTPUTS): string | undefined {
  // a template format comes with its template: -o jsonpath={.kind}
  const format = output?.split('=')[0];
  if (output === undefined || printed.includes(output) || (output.includes('=') && TEMPLATED.includes(format!) && printed.includes(format!))) return undefined;
  if (!KUBECTL_WRITTEN_OUTPUTS.includes(output.split('=')[0]!)) {
    return `unable to match a printer suitable for the output format "${output}", allowed formats are: ${KUBECTL_WRITTEN_OUTPUTS.join(',')}`;
  }
  return `-o ${output}: kubesim ${command} prints ${printed.map((f) => `-o ${f}`).join(' or ')}`;
}

export async function writtenText(obj: KObject, output: string | undefined, word: string): Promise<string> {
  if (output === 'yaml') return toYaml(withoutManagedFields(obj));
  return output === 'name' ? `${nameOf(obj)}\n` : `${nameOf(obj)} ${word}\n`;
}

/** writtenText for the objects of one command in turn (create -f, replace -f): in YAML, one document each. */
export function writtenTexts(output: string | undefined, word: string): (obj: KObject) => Promise<string> {
  let printed = 0;
  return async (obj) => `${printed++ && output === 'yaml' ? '---\n' : ''}${await writtenText(obj, output, word)}`;
}

/** kubectl leaves metadata.managedFields out of what it prints, unless --show-managed-fields. */
export function withoutManagedFields(obj: KObject): KObject {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** `kubectl get` of a list or several objects prints a v1 List, even for zero or one item. */
export function asList(items: KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
