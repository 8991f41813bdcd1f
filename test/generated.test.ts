import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './e2e/cli.js';

/** The generated schemas are committed: they must be what the pinned devDependencies give today. */
describe.each(['gen-schema.mjs', 'gen-openapi.mjs'])('scripts/%s', (script) => {
  it('output is up to date', () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, 'scripts', script), '--check'], { encoding: 'utf8' })).not.toThrow();
  });
});
