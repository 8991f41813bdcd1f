import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DETERMINISTIC, ROOT, scratchDir } from './cli.js';

export const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

export interface Served {
  kubeconfig: string;
  /** What the server has told on its terminal so far (the narration of each request). */
  narration(): string;
  /** The real kubectl, pointed at this server (with `input` on its stdin). */
  kubectl(args: string[], config?: string, env?: Record<string, string>, input?: string): Promise<{ code: number; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

/** `kubesim serve` as a user starts it (built CLI, a port of its own, a kubeconfig), for the real kubectl to use. */
export async function startServe(home: string): Promise<Served> {
  const kubeconfig = join(scratchDir('serve'), 'kubeconfig');
  const server: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/kubesim.js'), 'serve', '--port', '0', '--kubeconfig-out', kubeconfig], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: home, KUBESIM_HOME: home, KUBESIM_NARRATION: 'plain', ...DETERMINISTIC },
  });
  let narration = '';
  server.stderr!.on('data', (d: Buffer) => (narration += d));
  await new Promise<void>((ready, failed) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('Serving cluster') && ready());
    server.once('exit', (code) => failed(new Error(`kubesim serve exited (${code})`)));
  });
  const cache = scratchDir('kubectl-cache');
  return {
    kubeconfig,
    narration: () => narration,
    kubectl: (args, config = kubeconfig, env = {}, input) =>
      new Promise((done) => {
        const child = spawn('kubectl', ['--kubeconfig', config, '--cache-dir', cache, ...args], { env: { PATH: process.env.PATH ?? '', HOME: home, ...env } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d));
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
        if (input !== undefined) child.stdin.end(input);
      }),
    // resolved once the server has exited: a save it was finishing would race the removal of its home
    stop: () =>
      new Promise<void>((stopped) => {
        if (server.exitCode !== null || server.signalCode !== null) return stopped();
        server.once('exit', () => stopped());
        server.kill('SIGINT');
      }),
  };
}
