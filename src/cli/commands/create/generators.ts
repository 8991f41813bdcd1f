import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { configMapKey, envVarName } from '../../../apiserver/validation/names.js';
import { compactJson } from '../../../printers/output.js';

/** Where `create configmap|secret generic` takes its keys from, as typed. */
export interface SourceOptions {
  fromLiteral: string[];
  /** --from-file and --from-env-file are string slices: each value may name several, comma-separated. */
  fromFile: string[];
  fromEnvFile: string[];
}

/** A key added to the object being built, or why it cannot be (each kind words its refusals). */
type Add = (key: string, value: string | Buffer) => string | undefined;

/** ParseLiteralSource: `key=value`, split at the first `=`. */
function literalSource(source: string): [key: string, value: string] | string {
  const eq = source.indexOf('=');
  if (eq <= 0) return `invalid literal source ${source}, expected key=value`;
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** ParseFileSource: `path` (the key is its base name) or `key=path`. */
function fileSource(source: string): [key: string, path: string] | string {
  const parts = source.split('=');
  if (parts.length === 1) return [basename(source), source];
  if (parts.length > 2) return "key names or file paths cannot contain '='";
  if (!parts[0]) return `key name for file path ${parts[1]} missing`;
  if (!parts[1]) return `file path for key name ${parts[0]} missing`;
  return [parts[0], parts[1]];
}

/** What syscall errors say in Go (syscall.Errno's text), for the few a path given to kubectl meets. */
const ERRNO_TEXT: Record<string, string> = { ENOENT: 'no such file or directory', EACCES: 'permission denied', ENOTDIR: 'not a directory', EISDIR: 'is a directory' };
const errnoText = (e: unknown) => ERRNO_TEXT[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as Error).message;

/** os.Stat's error as kubectl words it (`error reading PATH: no such file or directory`), or whether it is a folder. */
function statOf(path: string): { folder: boolean } | string {
  try {
    return { folder: statSync(path).isDirectory() };
  } catch (e) {
    return `error reading ${path}: ${errnoText(e)}`;
  }
}

/** os.ReadFile: the bytes, or its error (`open PATH: permission denied`). */
function bytesOf(path: string): Buffer | string {
  try {
    return readFileSync(path);
  } catch (e) {
    return `open ${path}: ${errnoText(e)}`;
  }
}

/** Go's unicode.IsSpace, which JavaScript's \s differs from (U+0085 in, U+FEFF out). */
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

const sliced = (values: string[]) => values.flatMap((v) => v.split(','));

function addLiterals(sources: string[], add: Add): string | undefined {
  for (const source of sources) {
    const parsed = literalSource(source);
    if (typeof parsed === 'string') return parsed;
    const refused = add(...parsed);
    if (refused) return refused;
  }
  return undefined;
}

/** A file's bytes under its key; a folder's regular files each under its own name, in name order (os.ReadDir). */
function addFiles(sources: string[], add: Add): string | undefined {
  for (const source of sliced(sources)) {
    const parsed = fileSource(source);
    if (typeof parsed === 'string') return parsed;
    const [key, path] = parsed;
    const stat = statOf(path);
    if (typeof stat === 'string') return stat;
    if (!stat.folder) {
      const bytes = bytesOf(path);
      const refused = typeof bytes === 'string' ? bytes : add(key, bytes);
      if (refused) return refused;
      continue;
    }
    if (source.includes('=')) return 'cannot give a key name for a directory path';
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const bytes = bytesOf(join(path, entry.name));
      const refused = typeof bytes === 'string' ? bytes : add(entry.name, bytes);
      if (refused) return refused;
    }
  }
  return undefined;
}

/**
 * AddFromEnvFile: a `KEY=value` per line, taken as it is (no quotes removed, no `export`); blank lines and `#` comments
 * skipped; a line without `=` takes the variable from kubectl's own environment.
 */
function addEnvFiles(sources: string[], add: Add, kind: 'config' | 'secret', environment: NodeJS.ProcessEnv): string | undefined {
  for (const file of sliced(sources)) {
    const stat = statOf(file);
    if (typeof stat === 'string') return stat;
    if (stat.folder) return `env ${kind} file cannot be a directory`;
    const bytes = bytesOf(file);
    if (typeof bytes === 'string') return bytes;
    const lines = linesOf(bytes);
    for (const [i, raw] of lines.entries()) {
      if (!isUtf8(raw)) return `env file ${file} contains invalid utf8 bytes at line ${i + 1}: [${[...raw].join(' ')}]`;
      const text = raw.toString('utf8');
      // the byte order mark of the first line only, then leading spaces
      const line = (i === 0 ? text.replace(/^\uFEFF/, '') : text).replace(LEADING_SPACE, '');
      if (!line || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      const errs = envVarName(key);
      if (errs.length) return `${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`;
      const refused = add(key, eq < 0 ? (environment[key] ?? '') : line.slice(eq + 1));
      if (refused) return refused;
    }
  }
  return undefined;
}

/** bufio.ScanLines: lines without their `\n`, nor the `\r` before it; no last empty line. */
function linesOf(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    const cut = end > start && bytes[end - 1] === 13 ? end - 1 : end;
    lines.push(bytes.subarray(start, cut));
    start = end + 1;
  }
  return lines;
}

/** --from-env-file alone: kubectl refuses it beside the other sources. */
function mixedSources(o: SourceOptions): string | undefined {
  return o.fromEnvFile.length && (o.fromFile.length || o.fromLiteral.length) ? 'from-env-file cannot be combined with from-file or from-literal' : undefined;
}

/** hash.encodeHash: the sha256's first 10 hex digits, with the vowels and digits that could spell words replaced. */
function nameHash(encoded: string): string {
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  const hex = createHash('sha256').update(encoded).digest('hex').slice(0, 10);
  return [...hex].map((c) => swap[c] ?? c).join('');
}

export interface ConfigMapContent {
  data: Record<string, string>;
  binaryData: Record<string, string>;
}

/**
 * createConfigMap: files, then literals, then env files. A file that is not UTF-8 goes to binaryData (base64, as JSON
 * carries Go's []byte).
 */
export function configMapContent(name: string, o: SourceOptions, environment: NodeJS.ProcessEnv): ConfigMapContent | string {
  const mixed = mixedSources(o);
  if (mixed) return mixed;
  const content: ConfigMapContent = { data: {}, binaryData: {} };
  const add: Add = (key, value) => {
    const errs = configMapKey(key);
    if (errs.length) return `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`;
    for (const field of ['data', 'binaryData'] as const) {
      if (key in content[field]) return `cannot add key ${JSON.stringify(key)}, another key by that name already exists in ${field === 'data' ? 'Data' : 'BinaryData'} for ConfigMap ${JSON.stringify(name)}`;
    }
    if (typeof value === 'string' || isUtf8(value)) content.data[key] = value.toString();
    else content.binaryData[key] = value.toString('base64');
    return undefined;
  };
  return addFiles(o.fromFile, add) ?? addLiterals(o.fromLiteral, add) ?? addEnvFiles(o.fromEnvFile, add, 'config', environment) ?? content;
}

/** createSecret: literals, then files, then env files; every value base64-encoded into data. */
export function secretData(o: SourceOptions, environment: NodeJS.ProcessEnv): Record<string, string> | string {
  const mixed = mixedSources(o);
  if (mixed) return mixed;
  const data: Record<string, string> = {};
  const add: Add = (key, value) => {
    const errs = configMapKey(key);
    if (errs.length) return `${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`;
    if (key in data) return `cannot add key ${key}, another key by that name already exists`;
    data[key] = Buffer.from(value).toString('base64');
    return undefined;
  };
  return addLiterals(o.fromLiteral, add) ?? addFiles(o.fromFile, add) ?? addEnvFiles(o.fromEnvFile, add, 'secret', environment) ?? data;
}

/** --append-hash: hash.ConfigMapHash, of the kind, name and data as json.Marshal writes them (keys sorted). */
export function configMapHash(name: string, content: ConfigMapContent): string {
  return nameHash(compactJson({ kind: 'ConfigMap', name, data: content.data, ...(Object.keys(content.binaryData).length ? { binaryData: content.binaryData } : {}) }));
}

/** --append-hash: hash.SecretHash, of the kind, type, name and data. */
export function secretHash(name: string, type: string, data: Record<string, string>): string {
  return nameHash(compactJson({ kind: 'Secret', type, name, data }));
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
