import { get as httpGet } from 'node:http';
import { describe, expect, it } from 'vitest';
import { background, freshHome, kubesim, until } from './cli.js';

/** An HTTP GET on a local port: status, content type and body. */
const fetched = (url: string) =>
  new Promise<string>((done, failed) =>
    httpGet(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => done(`${res.statusCode} ${res.headers['content-type']} ${body}`));
    }).on('error', failed),
  );

describe('kubesim port-forward: a local port to one pod, as kubectl port-forward', () => {
  it("forwards a Service's port to its target port in the most active pod, until Ctrl+C; a browser on localhost sees the app", async () => {
    const home = freshHome();
    expect(kubesim(home, ['-q', 'apply', '-f', 'manifests/']).code).toBe(0);
    const forwarding = background(home, ['port-forward', 'svc/gestion-employes', ':80']);
    // the narration comes once every listener is up (127.0.0.1, and ::1 where the machine has IPv6)
    await until(() => forwarding.errors().includes('🔗 port-forward'));
    const port = Number(/^Forwarding from 127\.0\.0\.1:(\d+) -> 8080\n(Forwarding from \[::1\]:\1 -> 8080\n)?$/.exec(forwarding.output())![1]);
    // every pod of the app alike: kubectl takes the first (ActivePods, reversed, keeps the list's name order)
    const pod = kubesim(home, ['get', 'pods', '-l', 'app=gestion-employes', '-o', 'name']).stdout.split('\n')[0]!;
    const ip = kubesim(home, ['get', pod, '-o', 'jsonpath={.status.podIP}']).stdout;
    const curled = kubesim(home, ['-q', 'curl', `http://${ip}:8080/config`]).stdout;
    expect(await fetched(`http://127.0.0.1:${port}/config`)).toBe(`200 application/json ${curled}`);
    const ipv6 = forwarding.output().includes('[::1]');
    if (ipv6) expect(await fetched(`http://[::1]:${port}/config`)).toBe(`200 application/json ${curled}`);
    expect(forwarding.errors()).toContain('🔗 port-forward');
    expect(forwarding.errors()).toContain(`depuis kubectl port-forward (GET) → le pod ${pod.slice('pod/'.length)}`);
    forwarding.stop();
    const { code, stdout } = await forwarding.ended;
    expect(code).toBe(0);
    expect(stdout.split('\n').filter((l) => l === `Handling connection for ${port}`)).toHaveLength(ipv6 ? 2 : 1);
  }, 60_000);

  it("refuses what kubectl refuses, in kubectl's words, without listening", async () => {
    const home = freshHome();
    kubesim(home, ['-q', 'apply', '-f', 'manifests/gestion-employes.yaml']);
    const refusals: Array<[string[], string]> = [
      [[], "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n"],
      [['svc/gestion-employes', '81'], 'error: Service gestion-employes does not have a service port 81\n'],
      [['svc/gestion-employes', 'abc'], "error: Service 'gestion-employes' does not have a named port 'abc'\n"],
      [['pod/absent', '80'], 'Error from server (NotFound): pods "absent" not found\n'],
      [['svc/kubernetes', '443'], "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n"],
    ];
    for (const [args, text] of refusals) {
      const r = await background(home, ['-q', 'port-forward', ...args]).ended;
      expect({ args, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ args, code: 1, stdout: '', stderr: text });
    }
  }, 30_000);
});
