import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Streams } from '../../../narrator/render/renderer.js';
import type { Env } from '../../env.js';
import { clientError, type CommandError } from '../../errors.js';
import { streamingUpgrade } from './exec.js';
import { apiHandler } from './http.js';

export interface ServeOptions {
  port: string;
  address: string;
  kubeconfigOut?: string;
}

/**
 * `kubesim serve`: the simulated API server on a real HTTPS port, until Ctrl+C. A fresh serving certificate and
 * bearer token each start (kubectl sends tokens over TLS only); with --kubeconfig-out, a kubeconfig that trusts that
 * certificate and carries the token (`kubectl --kubeconfig FILE get pods`).
 */
export async function runServe(env: Env, streams: Streams, opts: ServeOptions): Promise<CommandError[]> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return [clientError(`invalid --port "${opts.port}"`, 'usage', { detail: `--port ${opts.port}` })];
  const token = randomBytes(24).toString('hex');
  const tls = await servingCertificate(opts.address);
  const server = createServer({ key: tls.private, cert: tls.cert }, apiHandler(env, streams, token));
  server.on('upgrade', streamingUpgrade(env, streams, token));
  const listening = await new Promise<Error | undefined>((done) => {
    server.once('error', done);
    server.listen(port, opts.address, () => done(undefined));
  });
  if (listening) return [clientError(`cannot listen on ${opts.address}:${port}: ${listening.message}`, 'usage', { detail: `--port ${port}` })];
  const url = `https://${opts.address}:${(server.address() as AddressInfo).port}`;
  if (opts.kubeconfigOut) writeFileSync(opts.kubeconfigOut, await kubeconfig(url, env.cluster, token, tls.cert), { mode: 0o600 });
  streams.out.write(`Serving cluster ${env.cluster} on ${url}${opts.kubeconfigOut ? ` (kubeconfig: ${opts.kubeconfigOut})` : ''}\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      server.close(() => done());
      server.closeAllConnections(); // watches and keep-alive connections would hold Ctrl+C back
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return [];
}

/** A self-signed certificate for the listening address (and localhost), like kubeadm's apiserver.crt, for a year. */
async function servingCertificate(address: string) {
  const { generate } = await import('selfsigned');
  const ip = /^[\d.]+$|:/.test(address);
  return generate([{ name: 'commonName', value: 'kube-apiserver' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, ip ? { type: 7, ip: address } : { type: 2, value: address }] },
    ],
  });
}

async function kubeconfig(server: string, cluster: string, token: string, ca: string): Promise<string> {
  const { stringify } = await import('yaml');
  const name = `kubesim-${cluster}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, 'certificate-authority-data': Buffer.from(ca).toString('base64') } }],
    users: [{ name: `${name}-admin`, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: 'default' } }],
    'current-context': name,
  });
}
