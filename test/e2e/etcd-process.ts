import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Etcd3 } from 'etcd3';
import { scratchDir } from './cli.js';

/** Debian's etcd-server (.ci/run installs it): the tests start their own on loopback. */
export const hasEtcd = spawnSync('etcd', ['--version'], { encoding: 'utf8' }).status === 0;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface RunningEtcd {
  /** What `--store` takes: etcd://127.0.0.1:PORT */
  url: string;
  /** A client of its own, to look at what kubesim wrote. */
  client: Etcd3;
  stop(): Promise<void>;
}

/** A one-member etcd in a fresh data directory, on free loopback ports, ready when it answers. */
export async function startEtcd(): Promise<RunningEtcd> {
  const [client, peer] = [await freePort(), await freePort()];
  const dir = scratchDir('etcd');
  const etcd: ChildProcess = spawn(
    'etcd',
    [
      '--name', 'kubesim-test', '--data-dir', dir,
      '--listen-client-urls', `http://127.0.0.1:${client}`, '--advertise-client-urls', `http://127.0.0.1:${client}`,
      '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
      '--initial-cluster', `kubesim-test=http://127.0.0.1:${peer}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  etcd.stderr!.on('data', (d: Buffer) => (log += d));
  const exited = new Promise<void>((r) => etcd.once('exit', () => r()));
  const etcdClient = new Etcd3({ hosts: `http://127.0.0.1:${client}` });
  for (let i = 0; ; i++) {
    try {
      await etcdClient.maintenance.status();
      break;
    } catch (e) {
      if (i > 100 || etcd.exitCode !== null) throw new Error(`etcd did not start: ${(e as Error).message}\n${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `etcd://127.0.0.1:${client}`,
    client: etcdClient,
    stop: async () => {
      etcdClient.close();
      etcd.kill('SIGTERM');
      await exited;
    },
  };
}
