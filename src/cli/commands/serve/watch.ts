import type { IncomingMessage, ServerResponse } from 'node:http';
import { listChanges } from '../../../api/changes.js';
import { ApiError } from '../../../api/errors.js';
import type { KObject } from '../../../api/object.js';
import type { ResourcePath } from '../../../apiserver/routes.js';
import type { Streams } from '../../../narrator/render/renderer.js';
import { includeObjectOf, toTable } from '../../../printers/api-table.js';
import type { Env } from '../../env.js';
import { find, type Found } from './find.js';

/** How often a watch looks at the saved cluster again (and so lets simulated time catch up with the wall clock). */
const POLL_MS = 500;

export const isWatch = (url: URL): boolean => ['true', '1'].includes(url.searchParams.get('watch') ?? '');

/**
 * A watch (`kubectl get -w`, `rollout status`): one JSON event per line — ADDED, MODIFIED, DELETED — as the saved
 * cluster changes under CLI commands and other requests, until timeoutSeconds or the client leaves. Without a
 * resourceVersion (or with "0") the current objects come first as ADDED, as kube-apiserver sends them.
 */
export async function streamWatch(env: Env, streams: Streams, target: ResourcePath, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const asTable = String(req.headers.accept ?? '').includes('as=Table');
  const timeout = Number(url.searchParams.get('timeoutSeconds') ?? 1800) * 1000;
  const fromNow = !['', '0'].includes(url.searchParams.get('resourceVersion') ?? '');
  let closed = false;
  req.on('close', () => (closed = true));
  const first = await find(env, streams, target, url, { watch: true });
  if (first instanceof ApiError) {
    res.writeHead(first.code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(first.toStatus()));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  // at once, as kube-apiserver does: client-go's reflector cannot cancel a watch whose headers have not come, so
  // `kubectl rollout status` would wait for the first change before it exits
  res.flushHeaders();
  const known = new Map<string, KObject>();
  const keyOf = (o: KObject) => o.metadata.uid ?? o.metadata.name;
  const send = (found: Found) => {
    for (const { type, object } of listChanges(known, found.objects, keyOf)) {
      res.write(`${JSON.stringify({ type, object: asTable ? toTable(target.resource.kind, [object], found.resourceVersion, found.now, includeObjectOf(url)) : object })}\n`);
    }
  };
  if (fromNow) listChanges(known, first.objects, keyOf); // a client that listed already has these
  else send(first);
  const end = Date.now() + timeout;
  while (!closed && Date.now() < end) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    const found = await find(env, streams, target, url, { watch: true });
    if (found instanceof ApiError) break;
    send(found);
  }
  res.end();
}
