import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { ApiError } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import { authorize, forbiddenMessage } from '../../../apiserver/authz.js';
import { parseResourcePath } from '../../../apiserver/routes.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { requestUser, Session } from '../../session.js';
import { isBareShell } from '../../../node/runtime/behaviour.js';
import { execIn, execTarget, type ExecResult } from '../exec/exec.js';
import { portForward } from './port-forward.js';
import { asRequested } from './identity.js';

/**
 * `kubectl exec` and `kubectl attach` (`run -it`) over WebSocket (what kubectl 1.30+ speaks first; kube-apiserver
 * relays it to the kubelet): the channel protocol v5.channel.k8s.io (or v4), each binary message one byte of channel
 * then data: 0 stdin, 1 stdout, 2 stderr, 3 the final Status, 4 terminal resizes, 255 (v5) stdin closed. The command runs in the simulated
 * container (the same as `kubesim exec`); with stdin, `sh` is a small shell reading one command per line, each run in
 * its own session so that the cluster is never held locked between two commands. Attach joins a shell that is the
 * container's main process (started with stdin): when it leaves, the container ends with its exit code.
 */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

interface ExecRequest {
  /** exec runs a new process in the container; attach joins its main process (a shell waiting on stdin). */
  subresource: 'exec' | 'attach';
  namespace: string;
  name: string;
  container?: string;
  command: string[];
  stdin: boolean;
  tty: boolean;
}

/**
 * The upgraded (streaming) requests on a pod: exec and attach to the channel protocol, port-forward to SPDY
 * (port-forward.ts); a refusal is answered as an HTTP Status and the connection closed.
 */
export function streamingUpgrade(served: Env, streams: Streams, token: string) {
  return async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const env = asRequested(served, req);
    const refuse = (e: ApiError) => {
      const body = JSON.stringify(e.toStatus());
      socket.end(`HTTP/1.1 ${e.code} ${STATUS_CODES[e.code]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    };
    try {
      if (req.headers.authorization !== `Bearer ${token}`) return refuse(new ApiError('Unauthorized', 'Unauthorized'));
      const url = new URL(req.url ?? '/', 'http://kubesim');
      const target = parseResourcePath(url.pathname);
      const subresource = target?.subresource;
      if (!target || target.resource.kind !== 'Pod' || !['exec', 'attach', 'portforward'].includes(subresource ?? '') || !target.name || !target.namespace) {
        return refuse(new ApiError('NotFound', 'the server could not find the requested resource'));
      }
      if (subresource === 'portforward') {
        const refused = await portForward(env, streams, req, socket, { namespace: target.namespace, name: target.name });
        return refused && refuse(refused);
      }
      const exec: ExecRequest = {
        subresource: subresource as ExecRequest['subresource'],
        namespace: target.namespace,
        name: target.name,
        container: url.searchParams.get('container') ?? undefined,
        command: url.searchParams.getAll('command'),
        stdin: url.searchParams.get('stdin') === 'true',
        tty: url.searchParams.get('tty') === 'true',
      };
      // kube-apiserver checks RBAC, the pod and the container before upgrading: a refusal is a plain HTTP answer,
      // which kubectl prints whether it asked for WebSocket or fell back to SPDY
      const checked = await inContainer(env, streams, exec, (_, pod, container) =>
        subresource === 'attach' && !container.stdin ? new ApiError('BadRequest', `container ${container.name} in pod ${pod.metadata!.name} does not read stdin: kubesim attaches to shells started with stdin (kubectl run -it … -- sh)`) : undefined,
      );
      if (checked) return refuse(checked);
      const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
      if (String(req.headers.upgrade).toLowerCase() !== 'websocket' || !PROTOCOLS.some((p) => offered.includes(p))) {
        return refuse(new ApiError('BadRequest', `kubesim serve speaks ${PROTOCOLS.join(' and ')} over WebSocket for exec (not SPDY)`));
      }
      const interactive = subresource === 'attach' || (exec.stdin && exec.command.length === 1 && isBareShell(exec.command[0]!));
      const { WebSocketServer } = await import('ws');
      const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => PROTOCOLS.find((p) => protocols.has(p)) ?? false });
      wss.handleUpgrade(req, socket, head, (ws) => (interactive ? shell(ws, env, streams, exec) : void once(ws, env, streams, exec).catch(internalError(ws, exec))));
    } catch (e) {
      refuse(new ApiError('InternalError', `kubesim internal error: ${e instanceof Error ? e.message : String(e)}`));
    }
  };
}

/**
 * One command in the container, in its own session (a curl from the pod is traffic the cluster records), once RBAC
 * allows the user to create pods/exec, as kube-apiserver asks.
 */
async function inContainer<T>(env: Env, streams: Streams, exec: ExecRequest, run: (session: Session, pod: Pod, container: Container) => T): Promise<T | ApiError> {
  const session = await Session.open(env, streams);
  try {
    const user = requestUser(env);
    const asked = { verb: 'create', group: '', resource: 'pods', subresource: exec.subresource, namespace: exec.namespace, name: exec.name };
    if (!authorize(session.store, user, asked).allowed) return new ApiError('Forbidden', forbiddenMessage(user, asked, 'pods'), { name: exec.name, kind: 'pods' });
    const found = execTarget(session, exec.namespace, exec.name, exec.container);
    return found instanceof ApiError ? found : run(session, found.pod, found.container);
  } finally {
    await session.close();
  }
}

const send = (ws: WebSocket, channel: number, text: string) => {
  if (text) ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)]));
};

/** `kubectl exec POD -- CMD`: the command, its output, its end. */
async function once(ws: WebSocket, env: Env, streams: Streams, exec: ExecRequest): Promise<void> {
  const r = await inContainer(env, streams, exec, (session, pod, container) => execIn(session, pod, container, exec.command));
  finish(ws, r instanceof ApiError ? { stdout: '', stderr: `${r.message}\n`, exitCode: 1 } : r, exec);
}

/** A failure inside ends the stream as a failed command, never the server. */
const internalError = (ws: WebSocket, exec: ExecRequest) => (e: unknown) =>
  finish(ws, { stdout: '', stderr: `kubesim internal error: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 }, exec);

/** The output, then the Status kubectl turns into its exit code, then the close. */
function finish(ws: WebSocket, r: ExecResult, exec: ExecRequest): void {
  send(ws, STDOUT, exec.tty ? r.stdout.replace(/\n/g, '\r\n') : r.stdout);
  send(ws, exec.tty ? STDOUT : STDERR, exec.tty ? r.stderr.replace(/\n/g, '\r\n') : r.stderr);
  ws.send(Buffer.concat([Buffer.from([ERROR]), Buffer.from(JSON.stringify(exitStatus(r.exitCode, exec.command)))]));
  ws.close(1000);
}

/** kubelet's answer for the command's end: Success, or NonZeroExitCode with the code kubectl exits with. */
function exitStatus(code: number, command: string[]) {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * `kubectl exec -it POD -- sh`: a prompt, one command per line. With a terminal the keys come one by one, as a
 * terminal's line discipline would see them: echoed, Backspace erases, Enter runs, Ctrl+C drops the line, Ctrl+D or
 * `exit` leaves. Without one (`-i` and piped input) lines come whole and nothing is echoed.
 */
function shell(ws: WebSocket, env: Env, streams: Streams, exec: ExecRequest): void {
  const prompt = exec.tty ? '/ # ' : '';
  const out = (text: string) => send(ws, STDOUT, exec.tty ? text.replace(/\r?\n/g, '\r\n') : text);
  let line = '';
  let last = 0;
  let queue: Promise<unknown> = Promise.resolve();
  // commands run one after the other, in the order typed
  const enqueue = (step: () => unknown) => void (queue = queue.then(step).catch(internalError(ws, exec)));
  const leave = async (code: number) => {
    // the attached shell is the container's main process: when it leaves, the container ends with its code, which
    // the pod's status tells (kubectl run reads it there); the attach stream itself just ends
    if (exec.subresource === 'attach') {
      await inContainer(env, streams, exec, (session, pod, container) => {
        session.cluster.processExited(pod as unknown as KObject, container, code);
        session.settle();
      });
    }
    finish(ws, { stdout: '', stderr: '', exitCode: exec.subresource === 'attach' ? 0 : code }, exec);
  };
  const run = async (text: string) => {
    if (ws.readyState !== ws.OPEN) return; // left with exit or Ctrl+D: what was typed after goes nowhere
    const words = text.trim().split(/\s+/).filter(Boolean);
    if (words[0] === 'exit') return leave(Number(words[1] ?? last) || 0);
    if (words.length) {
      const r = await inContainer(env, streams, exec, (session, pod, container) => execIn(session, pod, container, words));
      if (r instanceof ApiError) return finish(ws, { stdout: '', stderr: `${r.message}\n`, exitCode: 1 }, exec);
      out(r.stdout);
      if (exec.tty) out(r.stderr);
      else send(ws, STDERR, r.stderr);
      last = r.exitCode;
    }
    out(prompt);
  };
  out(prompt);
  ws.on('message', (data: Buffer) => {
    const channel = data[0];
    if (channel === CLOSE) {
      // stdin ended: the line typed without its newline still runs, then the shell leaves
      const rest = line;
      line = '';
      if (rest) enqueue(() => run(rest));
      return enqueue(() => leave(last));
    }
    if (channel !== STDIN) return; // 4: terminal resizes
    const submit = () => {
      const text = line;
      line = '';
      enqueue(() => run(text));
    };
    for (const ch of data.subarray(1).toString('utf8')) {
      if (!exec.tty) {
        if (ch === '\n') submit();
        else line += ch;
      } else if (ch === '\r') {
        out('\n');
        submit();
      } else if (ch === '\x7f' || ch === '\b') {
        if (line) out('\b \b');
        line = line.slice(0, -1);
      } else if (ch === '\x03') {
        out('^C\n' + prompt);
        line = '';
      } else if (ch === '\x04') {
        if (!line) enqueue(() => leave(last));
      } else if (ch >= ' ') {
        line += ch;
        out(ch);
      }
    }
  });
}
