import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, expectNoStackTrace, freshHome, kubesim } from './cli.js';

/**
 * A web server in its own process (the CLI runs synchronously from the test): the kubernetes.io examples of the corpus
 * under the paths k8s.io/examples serves them at, and /broken, which answers 500 and counts how often it was asked.
 */
const SERVER = `
const http = require('node:http'), fs = require('node:fs'), path = require('node:path');
let broken = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/broken') { broken++; res.writeHead(500, 'Internal Server Error'); return res.end(); }
  if (req.url === '/broken/count') return res.end(String(broken));
  fs.readFile(path.join(process.argv[1], req.url), (err, data) => {
    if (err) { res.writeHead(404, 'Not Found'); return res.end(); }
    res.end(data);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise((r) => probe.close(r));
  return port;
}

describe('apply -f URL, as the kubernetes.io tutorials do (kubectl apply -f https://k8s.io/examples/…)', () => {
  let server: ChildProcess;
  let base = '';

  beforeAll(async () => {
    server = spawn(process.execPath, ['-e', SERVER, `${CORPUS}/website`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<string>((r) => server.stdout!.once('data', (d) => r(String(d).trim())));
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => {
    server.kill();
  });

  it('applies the manifest the URL serves, named by its URL', () => {
    const home = freshHome();
    const r = kubesim(home, ['apply', '-f', `${base}/application/deployment.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('deployment.apps/nginx-deployment created\n');
    expect(kubesim(home, ['get', 'deployment', 'nginx-deployment', '--no-headers']).stdout).toMatch(/^nginx-deployment\s+2\/2\s/);
  });

  it('says what the server answered, as kubectl: a 404 at once, a 500 after three tries', async () => {
    const home = freshHome();
    const missing = kubesim(home, ['apply', '-f', `${base}/application/nope.yaml`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error: unable to read URL "${base}/application/nope.yaml", server reported 404 Not Found, status code=404\n`);
    expect(missing.stderr).toContain(`Le manifeste n'a pas pu être téléchargé depuis ${base}/application/nope.yaml`);
    const broken = kubesim(home, ['apply', '-f', `${base}/broken`, '-q']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe(`error: unable to read URL "${base}/broken", server reported 500 Internal Server Error, status code=500\n`);
    expect(await (await fetch(`${base}/broken/count`)).text()).toBe('3');
  });

  it('says when nothing answers, in kubectl\'s words, without a stack trace', async () => {
    const port = await closedPort();
    const r = kubesim(freshHome(), ['apply', '-f', `http://127.0.0.1:${port}/deployment.yaml`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The connection to the server 127.0.0.1:${port} was refused - did you specify the right host or port?\n`);
    expectNoStackTrace(r.stderr);
  });
});
