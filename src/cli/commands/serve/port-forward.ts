import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError } from '../../../api/errors.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { answerForwarded, withPod } from '../port-forward/forward.js';
import { SpdyConnection } from './spdy.js';

/** One forwarded connection: kubectl opens an error stream and a data stream with the same request id. */
interface Forwarded {
  key: string;
  port: number;
  error?: number;
  data?: number;
  request: Buffer;
  answered: boolean;
}

/**
 * `kubectl port-forward POD LOCAL:REMOTE`, as kube-apiserver and the kubelet serve it: the connection upgraded to
 * SPDY/3.1 (portforward.k8s.io), each local connection a pair of streams. What the local client sends is an HTTP
 * request to the pod's port (a browser, curl): the simulated container answers it, as `kubesim curl` to the pod's IP
 * would, and the stream closes after the response. A port nothing listens on ends with the kubelet's error.
 * kubectl first tries the same over WebSocket (tunneled SPDY): refused, it falls back to this upgrade.
 */
export async function portForward(env: Env, streams: Streams, req: IncomingMessage, socket: Duplex, pod: { namespace: string; name: string }): Promise<ApiError | undefined> {
  if (String(req.headers.upgrade).toLowerCase() !== 'spdy/3.1') return new ApiError('BadRequest', 'kubesim serve speaks SPDY/3.1 for port-forward, not WebSocket');
  const refused = await withPod(env, streams, pod, (_, p) => (p.status?.phase === 'Running' ? undefined : new ApiError('BadRequest', `pod ${pod.name} is not running`)));
  if (refused) return refused;
  socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n');
  const requests = new Map<string, Forwarded>();
  const byStream = new Map<number, Forwarded>();
  const spdy: SpdyConnection = new SpdyConnection(socket, {
    opened(id, headers) {
      spdy.reply(id);
      const key = headers.requestid ?? String(id);
      const forwarded = requests.get(key) ?? { key, port: Number(headers.port), request: Buffer.alloc(0), answered: false };
      requests.set(key, forwarded);
      byStream.set(id, forwarded);
      if (headers.streamtype === 'error') forwarded.error = id;
      else forwarded.data = id;
    },
    data(id, data, fin) {
      const forwarded = byStream.get(id);
      if (!forwarded || id !== forwarded.data || forwarded.answered) return;
      forwarded.request = Buffer.concat([forwarded.request, data]);
      if (forwarded.request.includes('\r\n\r\n') || fin) {
        forwarded.answered = true;
        void answerForwarded(env, streams, pod, forwarded.port, forwarded.request)
          .catch((e: unknown) => ({ error: `kubesim internal error: ${e instanceof Error ? e.message : String(e)}` }))
          .then((reply) => {
            if ('error' in reply) spdy.send(forwarded.error!, Buffer.from(reply.error), true);
            else {
              spdy.send(forwarded.data!, reply.response, true);
              spdy.send(forwarded.error!, Buffer.alloc(0), true);
            }
            // this local connection is over: its streams are forgotten (the SPDY connection serves the next ones)
            requests.delete(forwarded.key);
            byStream.delete(forwarded.error!);
            byStream.delete(forwarded.data!);
          });
      }
    },
  });
  socket.on('error', () => socket.destroy());
  return undefined;
}

