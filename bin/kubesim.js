#!/usr/bin/env node
// Runs the bundled CLI (npm install builds dist/ through the prepare script; scripts/bundle.mjs says why a bundle). A
// command on a big cluster runs in a second Node whose heap may grow past the default 4 GiB (heap.ts says why not every
// command).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { BIG_HEAP_FLAGS, needsBigHeap } = require('../dist/bundle/heap.cjs');
const args = process.argv.slice(2);
if (needsBigHeap(args, process.env)) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...BIG_HEAP_FLAGS, ...process.execArgv, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  // Ctrl+C reaches both processes from the terminal: this one waits for the child to finish with it; a signal sent to
  // this process alone (kill, a closed session) is passed on, so that no child is left behind (`serve`, `get -w`)
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (!signal) process.exitCode = code ?? 1;
    else {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
  });
} else {
  // `kubesim get pods | head -1`: a reader that goes away early is not an error
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    });
  }
  process.exitCode = await require('../dist/bundle/main.cjs').main(process.argv);
}
