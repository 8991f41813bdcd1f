#!/usr/bin/env -S node --max-old-space-size=16384
// Runs the compiled CLI (npm install builds dist/ through the prepare script). The heap may grow past Node's default
// 4 GiB: a Deployment of 150,000 replicas on 5,000 nodes holds about 4 GB of objects at its peak. A limit, not a use.
import { main } from '../dist/cli/main.js';

// `kubesim get pods | head -1`: a reader that goes away early is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
