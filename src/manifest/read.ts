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

/**
 * Reads what `-f` names: a file, a folder, or `-` for standard input. A path that does not exist is an item
 * with kubectl's error, so the other paths still apply.
 */
export async function readManifests(paths: string[], opts: { recursive: boolean; stdin: () => string }): Promise<ManifestItem[]> {
  const items: ManifestItem[] = [];
  for (const path of paths) {
    if (path === '-') {
      items.push(...(await decodeManifest(opts.stdin(), 'STDIN')));
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
