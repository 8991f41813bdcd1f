import type { Document, LineCounter, ParsedNode } from 'yaml';
import type { KObject } from '../api/object.js';

/** One object found in a manifest, or why a document could not become one. */
export interface ManifestItem {
  /** The path as the user gave it (kubectl prints it in errors). */
  source: string;
  object?: KObject;
  error?: ManifestError;
}

export interface ManifestError {
  /** kubectl's own wording. */
  kubectl: string;
  /** For the French explanation: what kind of mistake it is, and where. */
  code: 'yaml' | 'bomb' | 'not-object' | 'missing-kind' | 'no-file' | 'no-manifests' | 'url';
  line?: number;
  column?: number;
  detail?: string;
}

/** go-yaml's words for the mistakes people make most, so errors read like kubectl's. */
function goYamlMessage(code: string, message: string): string {
  if (code === 'TAB_AS_INDENT') return 'found character that cannot start any token';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'did not find expected key';
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') return 'mapping values are not allowed in this context';
  if (code === 'BAD_DQ_ESCAPE') return 'found unknown escape character while parsing a quoted scalar';
  if (code === 'UNEXPECTED_TOKEN') return 'did not find expected node content';
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * What kubectl sends is not the YAML but the object it decoded (unstructured, a Go map): a repeated key keeps its
 * last value and keys go out sorted, so the API server's strict decoding reports unknown fields in that order.
 */
function asKubectlSends(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asKubectlSends);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, asKubectlSends((value as Record<string, unknown>)[k])]),
  );
}

const EXCESSIVE_ALIASING = Symbol('excessive aliasing');

/**
 * The document's value, its aliases resolved, unless they multiply beyond reason (a "billion laughs" bomb): go-yaml
 * refuses those, and so does the yaml package past 100 aliases.
 */
function aliasesResolved(doc: Document.Parsed<ParsedNode>): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof ReferenceError && /Excessive alias count/.test(e.message)) return EXCESSIVE_ALIASING;
    throw e;
  }
}

function toItems(doc: Document.Parsed<ParsedNode>, source: string, lines: LineCounter): ManifestItem[] {
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
    const message = goYamlMessage(error.code, error.message);
    return [
      {
        source,
        error: {
          code: 'yaml',
          kubectl: `error parsing ${source}: error converting YAML to JSON: yaml: line ${pos.line}: ${message}`,
          line: pos.line,
          column: pos.col,
          detail: message,
        },
      },
    ];
  }
  const resolved = aliasesResolved(doc);
  if (resolved === EXCESSIVE_ALIASING) {
    return [{ source, error: { code: 'bomb', kubectl: `error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing` } }];
  }
  const value = asKubectlSends(resolved);
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    const json = JSON.stringify(value);
    return [{ source, error: { code: 'not-object', kubectl: `error parsing ${source}: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`, detail: json } }];
  }
  const obj = value as KObject & { items?: unknown[] };
  if (obj.kind === 'List' && Array.isArray(obj.items)) {
    return obj.items.map((item) => ({ source, object: item as KObject }));
  }
  return [{ source, object: obj }];
}

/** Go's encoding/json refuses nesting deeper than this (kubectl decodes a text that opens with `{` as JSON). */
const JSON_MAX_DEPTH = 10_000;

/** Where a JSON text nests deeper than Go's decoder allows, if anywhere: the opening character, at its offset as Go counts it (bytes read). */
function tooDeep(text: string): { offset: number; opener: string } | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > JSON_MAX_DEPTH) return { offset: Buffer.byteLength(text.slice(0, i + 1)), opener: c };
    } else if (c === '}' || c === ']') depth--;
  }
  return undefined;
}

/** Every document of a YAML (or JSON) text, each decoded on its own so one bad document spares the others. */
export async function decodeManifest(text: string, source: string): Promise<ManifestItem[]> {
  // a JSON bomb stops Go's decoder at its depth limit: it would exhaust the YAML parser's stack first
  const deep = text.trimStart().startsWith('{') ? tooDeep(text) : undefined;
  if (deep) return [{ source, error: { code: 'bomb', kubectl: `error parsing ${source}: json: offset ${deep.offset}: invalid character '${deep.opener}' exceeded max depth` } }];
  const yaml = await import('yaml');
  const lines = new yaml.LineCounter();
  const docs = yaml.parseAllDocuments(text, { uniqueKeys: false, lineCounter: lines, prettyErrors: true, merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.flatMap((d) => toItems(d as Document.Parsed<ParsedNode>, source, lines));
}

/** kubectl's client-side checks before anything is sent: apiVersion and kind must be set. */
export function missingTypeError(obj: KObject, source: string): ManifestError | undefined {
  const missing = [!obj.apiVersion && 'apiVersion not set', !obj.kind && 'kind not set'].filter(Boolean) as string[];
  if (!missing.length) return undefined;
  const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
  return {
    code: 'missing-kind',
    kubectl: `error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`,
    detail: missing.map((m) => m.split(' ')[0]).join(', '),
  };
}
