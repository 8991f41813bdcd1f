import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonBytes, type ApiError } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { toYaml, withoutManagedFields } from '../../../printers/output.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { CLIENT_SIDE_APPLY, LAST_APPLIED, patchAsApply } from '../apply/apply.js';
import { serverSideApply, type ServerSideApply } from '../apply/server-side.js';
import { manifestObjects, type ManifestObject } from '../manifest-objects.js';
import { tempEntry } from '../temp-names.js';

export interface DiffOptions {
  filenames: string[];
  recursive: boolean;
  namespace: string;
  /** --server-side: the merged object is what a server-side apply would make. */
  serverSide?: Omit<ServerSideApply, 'dryRun'>;
}

/**
 * kubectl's exit codes for diff: 0 nothing differs, 1 something does (diff's own code), above 1 a failure (kubectl's
 * CheckDiffErr adds one to its usual 1).
 */
const FAILED = 2;
const failed = (e: CommandError): CommandError => ({ ...e, exitCode: FAILED });

/**
 * The file kubectl names an object by in both directories: `[group.]version.Kind.namespace.name`
 * (`apps.v1.Deployment.default.web`, `v1.Namespace..dev`).
 */
function fileName({ object, resource, namespace }: ManifestObject): string {
  return `${resource.group ? `${resource.group}.` : ''}${resource.version}.${object.kind}.${namespace ?? ''}.${object.metadata.name}`;
}

/**
 * What the object would become, from a server dry run, as kubectl's diff asks for it: a create if it is not there; else
 * the three-way patch of apply, but without recording the manifest as last applied (GetModifiedConfiguration with
 * annotate false); no request at all when the patch is empty.
 */
function merged(session: Session, o: ManifestObject, live: KObject | undefined, opts: DiffOptions): KObject | ApiError {
  const { object, resource, namespace } = o;
  const name = object.metadata.name;
  const body = structuredClone(object);
  if (namespace) body.metadata.namespace = namespace;
  if (opts.serverSide) {
    const r = serverSideApply(session, { resource, namespace, name }, body, { ...opts.serverSide, dryRun: true, bodyBytes: jsonBytes(body) });
    return r.ok ? r.object : r.error;
  }
  if (!live) {
    const r = session.request({ verb: 'create', resource, namespace, body, dryRun: true, fieldManager: CLIENT_SIDE_APPLY, bodyBytes: jsonBytes(body) });
    return r.ok ? r.object : r.error;
  }
  // the manifest's annotations, its own last-applied left out, and an empty map when it has none: the patch then
  // leaves the live annotations (last-applied, the Deployment's revision) as they are
  const { [LAST_APPLIED]: _, ...annotations } = (body.metadata.annotations as Record<string, string> | undefined) ?? {};
  body.metadata.annotations = annotations;
  const r = patchAsApply(session, { resource, namespace, name }, body, live, { dryRun: true });
  if (!r || r === 'not sent') return live;
  return r.ok ? r.object : r.error;
}

/**
 * kubectl's Masker: a Secret's values never reach the screen. A key on both sides is `***`, or `*** (before)` and
 * `*** (after)` when its value changes; a key on one side only is `***`.
 */
function masked(live: KObject | undefined, merged: KObject): [KObject | undefined, KObject] {
  if (merged.kind !== 'Secret') return [live, merged];
  const before = { ...((live as { data?: Record<string, string> } | undefined)?.data ?? {}) };
  const after = { ...((merged as { data?: Record<string, string> }).data ?? {}) };
  for (const key of Object.keys(before)) {
    const changed = key in after && after[key] !== before[key];
    before[key] = changed ? '*** (before)' : '***';
    if (key in after) after[key] = changed ? '*** (after)' : '***';
  }
  for (const key of Object.keys(after)) if (!(key in before)) after[key] = '***';
  const withData = (obj: KObject, data: Record<string, string>) => ('data' in obj ? { ...obj, data } : obj) as KObject;
  return [live && withData(live, before), withData(merged, after)];
}

/**
 * kubectl's temporary directories, LIVE-… and MERGED-…: named from the seed and the clock when they are pinned (a
 * transcript's diff headers stay the same), else at random as os.MkdirTemp names them.
 */
function tempDir(prefix: string, session: Session): string {
  const seeded = session.env.seed === undefined ? undefined : [...`${session.env.seed}/${session.env.now}/${prefix}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 4_294_967_291, 7);
  return tempEntry(prefix, '', (dir) => mkdirSync(dir), seeded);
}

/** The program kubectl runs: KUBECTL_EXTERNAL_DIFF (its words that are plain flags), else `diff -u -N`. */
function differ(vars: NodeJS.ProcessEnv): [string, string[]] {
  const external = vars.KUBECTL_EXTERNAL_DIFF?.trim();
  if (!external) return ['diff', ['-u', '-N']];
  const [program, ...args] = external.split(/\s+/);
  return [program!, args.filter((a) => /^[a-zA-Z0-9-=]+$/.test(a))];
}

/**
 * `kubectl diff -f`: each object as it is (LIVE) and as applying the manifest would make it (MERGED, from server dry
 * runs), printed as YAML without managedFields into two directories, then `diff -u -N` on them, whose output and exit
 * code are the command's: 0 when nothing would change, 1 when something would.
 */
export async function runDiff(session: Session, opts: DiffOptions): Promise<CommandError[]> {
  if (!opts.filenames.length) return [failed(clientError('must specify one of -f and -k', 'usage', { detail: 'kubesim diff -f FICHIER' }))];
  const errors: CommandError[] = [];
  const objects = await manifestObjects(session, opts, errors);
  if (errors.length) return errors.map(failed);
  const files: Array<{ name: string; live?: string; merged: string }> = [];
  for (const o of objects) {
    const name = o.object.metadata?.name;
    // client-go's request builder, before anything is sent (generateName is for create, not for diff or apply)
    if (!name) return [failed(clientError('error: resource name may not be empty', 'usage', { detail: 'metadata.name' }))];
    // the server's words, without the "error when creating FILE" of apply
    const refused = (error: ApiError) => failed(apiError(error, { alone: objects.length === 1, kind: o.object.kind, name }));
    const read = session.request({ verb: 'get', resource: o.resource, namespace: o.namespace, name });
    if (!read.ok && read.error.code !== 404) return [refused(read.error)];
    const live = read.ok ? read.object : undefined;
    const next = merged(session, o, live, opts);
    if (!('metadata' in next)) return [refused(next)];
    const [shownLive, shownMerged] = masked(live, next);
    files.push({ name: fileName(o), ...(shownLive ? { live: await toYaml(withoutManagedFields(shownLive)) } : {}), merged: await toYaml(withoutManagedFields(shownMerged)) });
  }
  const [liveDir, mergedDir] = [tempDir('LIVE-', session), tempDir('MERGED-', session)];
  try {
    const seconds = session.env.now / 1000;
    for (const { name, live, merged } of files) {
      // an object not there yet is an empty file: `diff -N` shows all of it added
      for (const [dir, text] of [[liveDir, live ?? ''], [mergedDir, merged]] as const) {
        writeFileSync(join(dir, name), text);
        utimesSync(join(dir, name), seconds, seconds);
      }
    }
    const [program, args] = differ(session.env.variables);
    const run = spawnSync(program, [...args, liveDir, mergedDir], { encoding: 'utf8' });
    if (run.error) return [failed(clientError(`error: failed to run "${program}": executable file not found in $PATH`, 'usage', { detail: 'diff (diffutils)' }))];
    session.out(run.stdout);
    if (run.stderr) session.renderer.stderr(run.stderr);
    if (run.status === 1) session.note((await session.messages()).diff);
    // 1: differences, told by diff's output alone; above: diff's own failure, told on its stderr
    return run.status ? [{ kubectl: '', code: 'usage', args: {}, silent: true, exitCode: run.status }] : [];
  } finally {
    rmSync(liveDir, { recursive: true, force: true });
    rmSync(mergedDir, { recursive: true, force: true });
  }
}
