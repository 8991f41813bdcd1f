import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeManifest, type ManifestError, type ManifestItem } from './decode.js';
import { BadPattern, glob } from './glob.js';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/**
 * Files of a folder in name order (kubectl's FileVisitor), recursing with -R. As Go's filepath.Walk, a link to a folder
 * is not followed (a link back to a parent would recurse forever): it is a file, kept only for its extension.
 */
function filesIn(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    if (st.isDirectory()) {
      if (recursive) out.push(...filesIn(path, recursive));
    } else if (EXTENSIONS.some((e) => entry.endsWith(e))) out.push(path);
  }
  return out;
}

/** kubectl's URLVisitor: three tries a second apart, for network errors and 5xx answers (cli-runtime's builder). */
const URL_ATTEMPTS = 3;
const URL_RETRY_MS = 1000;
const URL_TIMEOUT_MS = 30_000;

/** kubectl's words for a server it cannot reach (its connection errors go out without "error: "). */
function unreachable(url: URL, e: unknown): string {
  const cause = (e as { cause?: NodeJS.ErrnoException }).cause;
  if (cause?.code === 'ECONNREFUSED') return `The connection to the server ${url.host} was refused - did you specify the right host or port?`;
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN') return `Unable to connect to the server: dial tcp: lookup ${url.hostname}: no such host`;
  return `Unable to connect to the server: ${cause?.message ?? (e as Error).message}`;
}

/** A manifest from `-f https://…` (the kubernetes.io examples are read that way), as kubectl downloads it. */
async function fromUrl(source: string): Promise<ManifestItem[]> {
  const url = new URL(source);
  let failure = '';
  for (let attempt = 0; attempt < URL_ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, URL_RETRY_MS));
    let res: Response;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(URL_TIMEOUT_MS) });
    } catch (e) {
      failure = unreachable(url, e);
      continue;
    }
    if (res.status === 200) return decodeManifest(await res.text(), source);
    await res.body?.cancel();
    failure = `unable to read URL "${source}", server reported ${res.status} ${res.statusText}, status code=${res.status}`;
    if (res.status < 500 || res.status >= 600) break;
  }
  return [{ source, error: { code: 'url', kubectl: failure, detail: source } }];
}

/** What one `-f` names, once its paths are checked: standard input, a URL, or the manifest files of a path. */
type Source = { stdin: true } | { url: string } | { files: string[] };

/**
 * kubectl's expandIfFilePattern: a path that does not exist is taken as a pattern (`-f 'k8s/*.yaml'`, which PowerShell
 * passes on unexpanded), matching nothing is its absence.
 */
function expandIfPattern(path: string): string[] | ManifestError {
  if (existsSync(path)) return [path];
  try {
    const matches = glob(path);
    return matches.length ? matches : { code: 'no-file', kubectl: `the path "${path}" does not exist` };
  } catch (e) {
    if (!(e instanceof BadPattern)) throw e;
    return { code: 'no-file', kubectl: `pattern "${path}" is not valid: ${e.message}` };
  }
}

/** Path's os.Stat: a folder or a file, or kubectl's words for why it cannot be looked at. */
function lookAt(path: string): { folder: boolean } | { error: ManifestError } {
  try {
    return { folder: statSync(path).isDirectory() };
  } catch (e) {
    const { code, message } = e as NodeJS.ErrnoException;
    if (code === 'ENOENT') return { error: { code: 'no-file', kubectl: `the path "${path}" does not exist` } };
    return { error: { code: 'no-file', kubectl: `the path "${path}" cannot be accessed: ${message}` } };
  }
}

/**
 * kubectl's builder (FilenameParam, then Path): every path is checked before anything is read, and a wrong one fails
 * the whole command. A folder gives its manifest files; "recognized file extensions" is said only when no path given
 * so far, this one included, gave anything to read.
 */
function sourcesOf(paths: string[], recursive: boolean): { sources: Source[]; refused: ManifestItem[] } {
  const sources: Source[] = [];
  const refused: ManifestItem[] = [];
  for (const path of paths) {
    if (path === '-') sources.push({ stdin: true });
    else if (path.startsWith('http://') || path.startsWith('https://')) sources.push({ url: path });
    else {
      const matches = expandIfPattern(path);
      if (!Array.isArray(matches)) {
        refused.push({ source: path, error: matches });
        continue;
      }
      for (const match of matches) {
        const looked = lookAt(match);
        if ('error' in looked) refused.push({ source: match, error: looked.error });
        else {
          const files = looked.folder ? filesIn(match, recursive) : [match];
          if (files.length) sources.push({ files });
        }
      }
      if (!sources.length && !refused.length) {
        refused.push({ source: path, error: { code: 'no-manifests', kubectl: `error reading [${matches.join(' ')}]: recognized file extensions are [.json .yaml .yml]` } });
      }
    }
  }
  return { sources, refused };
}

/**
 * Reads what `-f` names: files, folders, patterns, http(s) URLs, or `-` for standard input. A path that does not exist
 * fails them all, as in kubectl; a document or a URL that cannot be read is an item with kubectl's error, so the
 * others still apply.
 */
export async function readManifests(paths: string[], opts: { recursive: boolean; stdin: () => string }): Promise<ManifestItem[]> {
  const { sources, refused } = sourcesOf(paths, opts.recursive);
  if (refused.length) return refused;
  const items: ManifestItem[] = [];
  for (const source of sources) {
    if ('stdin' in source) items.push(...(await decodeManifest(opts.stdin(), 'STDIN')));
    else if ('url' in source) items.push(...(await fromUrl(source.url)));
    else for (const file of source.files) items.push(...(await decodeManifest(readFileSync(file, 'utf8'), file)));
  }
  return items;
}
