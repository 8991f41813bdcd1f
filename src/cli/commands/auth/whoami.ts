import { table } from '../../../printers/tabwriter.js';
import { toTypedJson, toYaml, writtenOutputRefusal } from '../../../printers/output.js';
import { clientError, type CommandError } from '../../errors.js';
import { requestUser, type Session } from '../../session.js';

/**
 * `kubectl auth whoami`: the user the API server takes the request for (kubeconfig's, or --as and --as-group), from
 * a SelfSubjectReview. RBAC lessons start here: who am I, then what may I do (auth can-i).
 */
export async function runWhoAmI(session: Session, o: { output?: string }): Promise<CommandError[]> {
  const refused = writtenOutputRefusal(o.output, 'auth whoami', ['yaml', 'json', 'name']);
  if (refused) return [clientError(refused, 'usage', { detail: 'kubesim auth whoami -o yaml' })];
  const user = requestUser(session.env);
  // the typed object's field order, as kubectl prints it in JSON
  const review = { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: { username: user.name, groups: user.groups } } };
  if (o.output === 'json') session.out(toTypedJson(review));
  else if (o.output === 'yaml') session.out(await toYaml(review));
  // an object the server never named
  else if (o.output === 'name') session.out('selfsubjectreview.authentication.k8s.io/<unknown>\n');
  else session.out(table([['ATTRIBUTE', 'VALUE'], ['Username', user.name], ['Groups', `[${user.groups.join(' ')}]`]]));
  return [];
}
