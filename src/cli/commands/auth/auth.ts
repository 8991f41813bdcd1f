import { resolveResource } from '../../../api/resources.js';
import { authorize } from '../../../apiserver/authz.js';
import { clientError, type CommandError } from '../../errors.js';
import { requestUser, type Session } from '../../session.js';

export interface CanIOptions {
  namespace: string;
  allNamespaces: boolean;
  subresource?: string;
}

/**
 * `kubectl auth can-i VERB TYPE[/NAME]`: the RBAC authorizer's answer for the current user (or --as), "yes" or
 * "no" on stdout and exit code 0 or 1, as a SelfSubjectAccessReview would give it. The narration names the binding.
 */
export async function runCanI(session: Session, args: string[], opts: CanIOptions): Promise<CommandError[]> {
  const [verb, target] = args;
  if (!verb || !target) return [clientError('you must specify two arguments: verb resource or verb resource/resourceName.', 'usage', { detail: 'kubesim auth can-i list pods' })];
  const [type, name] = target.split('/');
  const r = type === '*' ? undefined : resolveResource(type);
  // as kubectl: an unknown type is warned about, then asked for as written (and RBAC answers for it)
  const [plural, ...groupParts] = type.toLowerCase().split('.');
  if (type !== '*' && !r) {
    const group = groupParts.join('.');
    session.renderer.stderr(`Warning: the server doesn't have a resource type '${plural}'${group ? ` in group '${group}'` : ''}\n`);
  }
  const attributes = {
    verb,
    group: r?.group ?? '',
    resource: r?.plural ?? type,
    subresource: opts.subresource,
    namespace: r && !r.namespaced ? undefined : opts.allNamespaces ? '' : opts.namespace,
    name,
  };
  const user = requestUser(session.env);
  const decision = authorize(session.store, user, attributes);
  session.out(decision.allowed ? 'yes\n' : 'no\n');
  const { canI } = await session.messages();
  const scope = attributes.namespace ? ` (namespace ${attributes.namespace})` : '';
  session.note(decision.allowed ? canI.allowed(user.name, decision.via) : canI.denied(user.name, `${verb} ${target}${scope}`));
  return decision.allowed ? [] : [{ kubectl: '', code: 'Forbidden', args: {}, silent: true }];
}
