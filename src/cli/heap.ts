import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { clusterLocation } from './env.js';
import { clusterDir, fileSize } from './state.js';

/**
 * Node's default heap (4 GiB on this machine) holds a cluster of tens of thousands of pods; 150,000 pods on 5,000
 * nodes need more at their peak. Raising it for every command would cost each one about 17 ms: any V8 flag makes Node
 * set aside its own modules' code cache. So only a command on a big cluster runs in a second Node with these flags.
 *
 * The young generation too: with V8's 16 MB semi-spaces, a 150,000-pod apply ran 1,781 scavenges, 14 s of its
 * 116 (each one copies the pods and events just stored, which all live on). With 128 MB, 269 scavenges took 7 s, and
 * in five alternated pairs the apply took 97–113 s against 108–165 s, at about the same peak memory (3.1–3.7 GiB
 * against 2.9–3.3). V8 grows the space only as a command's survivors need it; 5,000 pods take about as long, with
 * 540 MB at most instead of 300 (and 64 MB was no better than 128 at 20,000 pods).
 */
export const BIG_HEAP_FLAGS = ['--max-old-space-size=16384', '--max-semi-space-size=128'];

/**
 * What can grow past the default heap is a cluster with room for 100,000 pods and more: 1,000 nodes, whose state.json
 * (events apart: a 1,000-pod cluster writes 5 MB of them) weighs about 10 MB.
 */
const BIG_STATE_BYTES = 8 << 20;
const BIG_CLUSTER_NODES = 1000;

/** The value of a long option in the command line, `--name value` or `--name=value`. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/**
 * Whether this command (its arguments, after `kubesim`) should run with a bigger heap than this process has: a
 * big cluster created, or a saved cluster already big. A cluster in etcd (--store) is not measured.
 */
export function needsBigHeap(args: string[], vars: NodeJS.ProcessEnv): boolean {
  if (getHeapStatistics().heap_size_limit >= 8 * 2 ** 30) return false;
  let location: ReturnType<typeof clusterLocation>;
  try {
    location = clusterLocation({ cluster: option(args, '--cluster'), context: option(args, '--context'), store: option(args, '--store') }, vars);
  } catch {
    // a kubeconfig the command itself will refuse, in kubectl's words
    return false;
  }
  const { home, cluster, store } = location;
  if (store) return false;
  if (args.includes('cluster') && Number(option(args, '--nodes')) >= BIG_CLUSTER_NODES) return true;
  return fileSize(join(clusterDir(home, cluster), 'state.json')) >= BIG_STATE_BYTES;
}
