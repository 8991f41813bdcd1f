import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETERMINISTIC, freshHome, kubesim, ROOT } from './cli.js';

function kubesimAsync(home: string, args: string[], input: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/kubesim.js'), ...args], { env: { PATH: process.env.PATH, KUBESIM_HOME: home, ...DETERMINISTIC }, stdio: ['pipe', 'ignore', 'ignore'] });
    child.stdin.end(input);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

describe('two kubesim at once lose nothing', () => {
  it('keeps every object when 8 processes apply at the same time', async () => {
    const home = freshHome();
    kubesim(home, ['get', 'ns', '-q']);
    const n = 8;
    const codes = await Promise.all(
      Array.from({ length: n }, (_, i) => kubesimAsync(home, ['apply', '-f', '-', '-q'], `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  i: "${i}"\n`)),
    );
    expect(codes).toEqual(Array(n).fill(0));
    const names = kubesim(home, ['get', 'configmaps', '-o', 'name']).stdout.split('\n').filter((l) => l.startsWith('configmap/cm-'));
    expect(names.sort()).toEqual(Array.from({ length: n }, (_, i) => `configmap/cm-${i}`).sort());
    const revisions = JSON.parse(kubesim(home, ['get', 'configmaps', '-o', 'json']).stdout).items.map((o: { metadata: { resourceVersion: string } }) => Number(o.metadata.resourceVersion));
    expect(new Set(revisions).size).toBe(revisions.length);
  });
});
