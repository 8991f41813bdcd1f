import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './e2e/cli.js';
import { hasKubectl } from './e2e/serve-process.js';

/** The generated schemas are committed: they must be what the pinned devDependencies give today. */
describe.each(['gen-schema.mjs', 'gen-openapi.mjs'])('scripts/%s', (script) => {
  it('output is up to date', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', script), '--check'], { encoding: 'utf8' })).not.toThrow();
  });
});

/** The protobuf descriptors come from the kubectl binary (pretest builds the dist/ the script reads the wire with). */
describe.skipIf(!hasKubectl)('scripts/gen-protobuf.mjs', () => {
  it('output is up to date with the installed kubectl', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts/gen-protobuf.mjs'), '--check'], { encoding: 'utf8' })).not.toThrow();
  });
});
