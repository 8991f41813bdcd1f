import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { jsonBytes } from '../../../api/errors.js';
import { jsonEqual, type KObject } from '../../../api/object.js';
import { kindPrefix, qualifiedResource, type ResourceType } from '../../../api/resources.js';
import type { ErrorArgs, ErrorCode } from '../../../narrator/types.js';
import { asList, toYaml, withoutManagedFields } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import type { Session } from '../../session.js';
import { fetchTarget, resolveTargets } from '../targets.js';
import { tempEntry } from '../temp-names.js';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/**
 * kubectl's editor: KUBE_EDITOR, else EDITOR, else vi. A command with spaces is split on them, or run by the shell
 * when it quotes (kubectl's NewDefaultEditor).
 */
function editorCommand(vars: NodeJS.ProcessEnv, file: string): [string, string[]] {
  const editor = vars.KUBE_EDITOR || vars.EDITOR || 'vi';
  if (!editor.includes(' ')) return [editor, [file]];
  if (!/["'\\]/.test(editor)) {
    const [program, ...args] = editor.split(' ');
    return [program!, [...args, file]];
  }
  return ['/bin/sh', ['-c', `${editor} ${JSON.stringify(file)}`]];
}

/** The file's objects once its comment lines are gone: one object, or a List's items; undefined if it is no YAML. */
async function editedObjects(text: string): Promise<KObject[] | undefined> {
  const { parse, YAMLParseError } = await import('yaml');
  try {
    const doc = parse(text) as KObject & { items?: KObject[] };
    return doc.kind === 'List' ? (doc.items ?? []) : [doc];
  } catch (e) {
    if (e instanceof YAMLParseError) return undefined;
    throw e;
  }
}

/** `deployments.apps "web"`: how kubectl names an object in edit's messages. */
const qualified = (resource: ResourceType, name: string) => `${qualifiedResource(resource)} "${name}"`;

const withoutComments = (text: string) =>
  text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');

/**
 * `kubectl edit TYPE NAME… | TYPE/NAME…`: the objects as YAML (several as a List) in a temporary file, the editor
 * on it, then each object changed sent back as a PATCH, `edited` for each. A file saved unchanged, empty or broken cancels;
 * a change the API server refuses reopens the editor with its reasons on top, and saving the same text again gives
 * up, keeping the file for `kubectl replace -f` (kubectl's EditOptions).
 */
export async function runEdit(session: Session, args: string[], opts: { namespace: string }): Promise<CommandError[]> {
  const targets = resolveTargets(args);
  if (!Array.isArray(targets)) return [targets];
  if (!targets.length) return [clientError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'", 'usage', { detail: 'kubesim edit deployment/gestion-employes' })];
  const errors: CommandError[] = [];
  const originals = targets.flatMap((t) => fetchTarget(session, t, opts, {}, errors, { continueOnError: false }).map((object) => ({ object, resource: t.resource })));
  if (errors.length) return errors;
  if (!originals.length) return [];
  const shown = originals.map(({ object }) => withoutManagedFields(object));
  const yaml = await toYaml(shown.length === 1 ? shown[0]! : asList(shown));
  const file = tempEntry('kubectl-edit-', '.yaml', (path) => writeFileSync(path, '', { flag: 'wx' }));
  let failure: (Refusal & { text: string }) | undefined;
  let content = HEADER + yaml;
  for (;;) {
    writeFileSync(file, content);
    const [program, editorArgs] = editorCommand(session.env.variables, file);
    const ran = spawnSync(program, editorArgs, { stdio: 'inherit' });
    if (ran.error || ran.status !== 0) {
      rmSync(file, { force: true });
      return [clientError(`error: there was a problem with the editor "${program}"`, 'usage', { detail: 'KUBE_EDITOR=nano kubesim edit …' })];
    }
    const text = withoutComments(readFileSync(file, 'utf8'));
    if (failure && text === failure.text) {
      // the same text as the failed attempt: kubectl gives up, and leaves it for replace -f
      return [clientError(`${failure.error}\nYou can run \`kubectl replace -f ${file}\` to try this update again.`, failure.code, failure.args)];
    }
    const edited = text.trim() ? await editedObjects(text) : undefined;
    if (!edited) {
      // kubectl 1.32 takes a file emptied, or no longer YAML, for an invalid first object, and keeps a copy
      const [{ object, resource }] = originals as [(typeof originals)[number]];
      return [clientError(`error: ${qualified(resource, object.metadata.name)} is invalid\nA copy of your changes has been stored to "${file}"\nerror: Edit cancelled, no valid changes were saved.`, 'edit', {})];
    }
    const refusal = sendChanges(session, originals, edited);
    if (refusal === undefined) {
      rmSync(file, { force: true });
      // the controllers act on the change, as they do after apply
      session.settle();
      return [];
    }
    failure = { text, ...refusal };
    content = `${HEADER}# ${refusal.name} was not valid:\n# * ${refusal.reason}\n#\n${text}`;
  }
}

interface Refusal {
  /** `deployments.apps "web"` */
  name: string;
  reason: string;
  /** kubectl's last words when it gives up, and what explains them. */
  error: string;
  code: ErrorCode;
  args: ErrorArgs;
}

/**
 * Each edited object that differs from its original, patched (the server merges it; kubectl sends the two-way merge
 * patch). Undefined when all went through (or nothing changed: "Edit cancelled"), else the first refusal.
 */
function sendChanges(session: Session, originals: Array<{ object: KObject; resource: ResourceType }>, edited: KObject[]): Refusal | undefined {
  const changed = edited.map((object, i) => ({ object, original: originals[i] })).filter(({ object, original }) => original && !jsonEqual(withoutManagedFields(original.object), object));
  if (!changed.length) {
    session.renderer.stderr('Edit cancelled, no changes made.\n');
    return undefined;
  }
  for (const { object, original } of changed) {
    const { resource } = original!;
    const { name, namespace, managedFields } = original!.object.metadata;
    // the fields the editor never saw stay as they are
    const body = { ...object, metadata: { ...object.metadata, managedFields } } as KObject;
    const r = session.request({ verb: 'patch', resource, namespace, name, body, fieldManager: 'kubectl-edit', bodyBytes: jsonBytes(object) });
    const what = qualified(resource, name);
    if (!r.ok) return { name: what, reason: r.error.message, error: `error: ${what} could not be patched: ${r.error.message}`, code: r.error.reason as ErrorCode, args: { kind: object.kind, name } };
    session.out(`${kindPrefix(resource)}/${name} edited\n`);
  }
  return undefined;
}
