// Bundles the compiled CLI (dist/, tsc's output) into dist/bundle/: what bin/kubesim.js runs.
//
// Why: every kubesim command is a new Node process, and Node 20's ES module loader reads, resolves and links each of
// dist/'s 257 files on its own, a file at a time (about 20 ms of a cold `get pods`). CommonJS chunks are read
// synchronously by require. Each lazy `import()` of the sources stays a chunk loaded only when it runs (a command, the
// narrator, yaml), and packages stay in node_modules, loaded by Node as they are (ora, yaml, @inquirer/prompts only when
// needed, as before).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/bundle');
rmSync(out, { recursive: true, force: true });

const bundle = await rolldown({
  input: { main: join(root, 'dist/cli/main.js'), heap: join(root, 'dist/cli/heap.js') },
  platform: 'node',
  // node: builtins and packages: everything not a path of dist/
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  onLog(level, log, handler) {
    // the tutorial imports the lessons both ways: harmless, they are in one chunk
    if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
    handler(level, log);
  },
});
await bundle.write({ dir: out, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' });
await bundle.close();
