import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openapiDocument } from '../../src/api/openapi/document.js';
import { apiGroupList, apiResourceList, apiVersions, openapiIndex } from '../../src/apiserver/discovery.js';

/**
 * A loopback HTTP server with kubesim's discovery and OpenAPI v3 documents and nothing else: enough for the real
 * `kubectl explain` to render the same documents `kubesim explain` renders, so the two outputs can be compared.
 */
export async function serveOpenAPI(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const body =
      path === '/api' ? apiVersions('127.0.0.1')
      : path === '/apis' ? apiGroupList()
      : path === '/openapi/v3' ? openapiIndex()
      : path.startsWith('/openapi/v3/') ? openapiDocument(path.replace(/^\/openapi\/v3\/apis?\//, ''))
      : path === '/version' ? { major: '1', minor: '34', gitVersion: 'v1.34.0' }
      : apiResourceList(path.replace(/^\/apis?\//, ''));
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}
