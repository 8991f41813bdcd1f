import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeManifest, type ManifestItem } from './decode.js';

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

/**
 * Reads what `-f` names: a file, a folder, an http(s) URL, or `-` for standard input. A path that does not exist is an
 * item with kubectl's error, so the other paths still apply.
 */
export async function readManifests(paths: string[], opts: { recursive: boolean; stdin: () => string }): Promise<ManifestItem[]> {
  const items: ManifestItem[] = [];
  for (const path of paths) {
    if (path === '-') {
      items.push(...(await decodeManifest(opts.stdin(), 'STDIN')));
      continue;
    }
    if (path.startsWith('http://') || path.startsWith('https://')) {
      items.push(...(await fromUrl(path)));
      continue;
    }
    let st;
    try {
      st = statSync(path);
    } catch {
      items.push({ source: path, error: { code: 'no-file', kubectl: `the path "${path}" does not exist` } });
      continue;
    }
    const files = st.isDirectory() ? filesIn(path, opts.recursive) : [path];
    for (const file of files) items.push(...(await decodeManifest(readFileSync(file, 'utf8'), file)));
  }
  return items;
}
