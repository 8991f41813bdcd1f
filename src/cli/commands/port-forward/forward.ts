import { STATUS_CODES } from 'node:http';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import { resolveResource } from '../../../api/resources.js';
import { authorize, forbiddenMessage } from '../../../apiserver/authz.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { requestUser, Session } from '../../session.js';

/** The pod, read in a session of its own once RBAC allows the user to create pods/portforward. */
export async function withPod<T>(env: Env, streams: Streams, pod: { namespace: string; name: string }, use: (session: Session, p: Pod) => T): Promise<T | ApiError> {
  const session = await Session.open(env, streams);
  try {
    const user = requestUser(env);
    const asked = { verb: 'create', group: '', resource: 'pods', subresource: 'portforward', namespace: pod.namespace, name: pod.name };
    if (!authorize(session.store, user, asked).allowed) return new ApiError('Forbidden', forbiddenMessage(user, asked, 'pods'), { name: pod.name, kind: 'pods' });
    const got = session.request({ verb: 'get', resource: resolveResource('pods')!, namespace: pod.namespace, name: pod.name });
    return got.ok ? use(session, got.object as unknown as Pod) : got.error;
  } finally {
    await session.close();
  }
}

/**
 * An HTTP request forwarded to a pod's port (kubectl port-forward, through serve or kubesim's own), answered by the
 * simulated container as `kubesim curl` to the pod's IP would be: an HTTP response, or the kubelet's error.
 */
export async function answerForwarded(env: Env, streams: Streams, pod: { namespace: string; name: string }, port: number, request: Buffer): Promise<{ response: Buffer } | { error: string }> {
  const [method = 'GET', path = '/'] = request.toString('latin1').split('\r\n')[0]!.split(' ');
  const result = await withPod(env, streams, pod, (session, p) => {
    const ip = p.status?.podIP ?? '';
    return session.cluster.httpGet(`http://${ip}:${port}${path}`, { namespace: pod.namespace, sourceIP: ip, from: `kubectl port-forward (${method})` });
  });
  if (result instanceof ApiError) return { error: result.message };
  if (result.status === undefined) return { error: `error forwarding port ${port} to pod ${pod.name}: failed to connect to localhost:${port} inside the pod: connection refused` };
  const body = Buffer.from(result.body ?? '');
  const start = (result.body ?? '').trimStart()[0];
  const type = start === '<' ? 'text/html' : start === '{' || start === '[' ? 'application/json' : 'text/plain; charset=utf-8';
  const head = `HTTP/1.1 ${result.status} ${STATUS_CODES[result.status] ?? ''}\r\nContent-Type: ${type}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return { response: Buffer.concat([Buffer.from(head), method === 'HEAD' ? Buffer.alloc(0) : body]) };
}
