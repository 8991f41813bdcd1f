import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadPattern, glob } from './glob.js';

const root = mkdtempSync(join(tmpdir(), 'kubesim-glob-'));
for (const dir of ['k8s', 'k8s/dev', 'k8s/prod']) mkdirSync(join(root, dir), { recursive: true });
for (const file of ['k8s/web.yaml', 'k8s/db.yml', 'k8s/.hidden.yaml', 'k8s/notes.txt', 'k8s/dev/web.yaml', 'k8s/prod/web.yaml', 'k8s/prod/db.yaml', 'k8s/a[1].yaml']) {
  writeFileSync(join(root, file), '');
}

/** Go's filepath.Glob, what kubectl expands `-f` with when no file has that name. */
describe('glob', () => {
  it.each([
    ['a star stays inside one element, hidden files included (Go is no shell)', 'k8s/*.yaml', ['k8s/.hidden.yaml', 'k8s/a[1].yaml', 'k8s/web.yaml']],
    ['a question mark is one character', 'k8s/d?.yml', ['k8s/db.yml']],
    ['a class, a range, a negated class', 'k8s/[vw]eb.y[a-z]ml', ['k8s/web.yaml']],
    ['a negated class', 'k8s/[^w]*.yml', ['k8s/db.yml']],
    ['a star in a folder element', 'k8s/*/web.yaml', ['k8s/dev/web.yaml', 'k8s/prod/web.yaml']],
    ['an escaped bracket is itself', 'k8s/a\\[1\\].yaml', ['k8s/a[1].yaml']],
    ['no wildcard: the path itself if it exists', 'k8s/notes.txt', ['k8s/notes.txt']],
    ['no wildcard and no such path', 'k8s/absent.yaml', []],
    ['nothing matches', 'k8s/*.json', []],
    ['a folder that does not exist', 'nowhere/*.yaml', []],
  ])('%s: %s', (_why, pattern, want) => {
    expect(glob(join(root, pattern))).toEqual(want.map((p) => join(root, p)));
  });

  it.each(['k8s/[a', 'k8s/x\\', 'nowhere/[/*.yaml'])('refuses %s as Go does (ErrBadPattern), even where no folder is read', (pattern) => {
    expect(() => glob(join(root, pattern))).toThrow(BadPattern);
  });
});
