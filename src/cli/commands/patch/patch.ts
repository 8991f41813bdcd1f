import { readFileSync } from 'node:fs';
import { ApiError, jsonBytes } from '../../../api/errors.js';
import { jsonEqual, type KObject } from '../../../api/object.js';
import { PATCH_TYPES } from '../../../apiserver/patch/types.js';
import { writtenOutputRefusal, writtenText } from '../../../printers/output.js';
import { apiError, clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { NO_NAME, NO_RESOURCES, resolveTargets } from '../targets.js';

export interface PatchOptions {
  namespace: string;
  patch?: string;
  patchFile?: string;
  type?: string;
  dryRun?: 'client' | 'server';
  output?: string;
}

type PatchType = keyof typeof PATCH_TYPES;

/** What the API server answers a body that is neither JSON nor YAML (kubesim serve answers kubectl the same). */
const UNKNOWN_FORMAT = new ApiError('BadRequest', 'the body of the request was in an unknown format');

/** kubectl sends the patch as JSON (yaml.ToJSON): JSON or YAML text; a map, or for a JSON patch a list. */
async function parsePatch(text: string, type: PatchType): Promise<unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    try {
      body = (await import('yaml')).parse(text);
    } catch {
      return UNKNOWN_FORMAT;
    }
  }
  const fits = body !== null && typeof body === 'object' && (!Array.isArray(body) || type === 'json');
  return fits ? body : UNKNOWN_FORMAT;
}

/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: the patch applied to the live object (a
 * strategic merge by default: containers merged by name), then the write through the API server. An object the
 * patch leaves as it was is not written: `patched (no change)`.
 */
export async function runPatch(session: Session, args: string[], o: PatchOptions): Promise<CommandError[]> {
  const usage = (message: string) => [clientError(message, 'usage', { detail: `kubesim patch deployment/NOM -p '{"spec":{"replicas":2}}'` })];
  const type = (o.type ?? 'strategic') as PatchType;
  if (!(type in PATCH_TYPES)) return usage(`--type must be one of [json merge strategic], not "${o.type}"`);
  let text = o.patch;
  if (o.patchFile !== undefined) {
    try {
      text = readFileSync(o.patchFile, 'utf8');
    } catch {
      return usage(`open ${o.patchFile}: no such file or directory`);
    }
  }
  if (text === undefined) return usage('must specify --patch or --patch-file containing the contents of the patch');
  const refused = writtenOutputRefusal(o.output, 'patch');
  if (refused) return usage(refused);
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  if (!targets.length) return usage(NO_RESOURCES);
  // the server reads the body before the object: a patch it cannot read is refused whatever it names
  const body = await parsePatch(text, type);
  const errors: CommandError[] = [];
  for (const t of targets) {
    if (!t.names.length) return usage(NO_NAME);
    for (const name of t.names) {
      if (body instanceof ApiError) {
        errors.push(apiError(body, { alone: true }));
        continue;
      }
      const namespace = t.resource.namespaced ? o.namespace : undefined;
      const got = session.request({ verb: 'get', resource: t.resource, namespace, name });
      if (!got.ok) {
        errors.push(apiError(got.error, { alone: true }));
        continue;
      }
      const patched = PATCH_TYPES[type].patch(got.object, body as never);
      if (patched instanceof ApiError) {
        errors.push(apiError(patched, { alone: true }));
        continue;
      }
      let written = patched as KObject;
      let changed = !jsonEqual(got.object, patched);
      if (changed && o.dryRun !== 'client') {
        const r = session.request({ verb: 'patch', resource: t.resource, namespace, name, body: written, dryRun: o.dryRun === 'server', fieldManager: 'kubectl-patch', bodyBytes: jsonBytes(body) });
        if (!r.ok) {
          errors.push(apiError(r.error, { alone: true, kind: t.resource.kind, name }));
          continue;
        }
        written = r.object;
        // what the server kept, as kubectl compares it: a patch of what it does not let change (the name) changes nothing
        changed = !jsonEqual(got.object, written);
      }
      session.out(await writtenText(written, o.output, changed ? 'patched' : 'patched (no change)'));
    }
  }
  if (!o.dryRun) session.settle();
  return errors;
}
