#!/usr/bin/env node
// Runs the compiled CLI (npm install builds dist/ through the prepare script). A command on a big cluster runs in a
// second Node whose heap may grow past the default 4 GiB (heap.ts says why not every command).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BIG_HEAP_FLAG, needsBigHeap } from '../dist/cli/heap.js';

const args = process.argv.slice(2);
if (needsBigHeap(args, process.env)) {
  const child = spawnSync(process.execPath, [BIG_HEAP_FLAG, ...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 1;
} else {
  // `kubesim get pods | head -1`: a reader that goes away early is not an error
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    });
  }
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(process.argv);
}
