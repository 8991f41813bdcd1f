import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toYaml } from './output.js';

/**
 * test/fixtures/go-yaml: manifests applied with the real kubectl 1.32 to `kubesim serve`, then read back with
 * `kubectl get -o json` and `-o yaml`: what go-yaml printed is the yardstick.
 */
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/go-yaml/${name}`, import.meta.url), 'utf8');

describe('toYaml, as kubectl -o yaml prints through go-yaml', () => {
  it.each(['strings', 'long-pod'])('prints %s exactly as the real kubectl did', async (name) => {
    expect(await toYaml(JSON.parse(fixture(`${name}.kubectl.json`)))).toBe(fixture(`${name}.kubectl.yaml`));
  });

  it.each([
    // quotes: double for what would read as another type, single for what plain YAML cannot hold (apostrophes doubled)
    [{ a: '12', b: 'true', c: '' }, 'a: "12"\nb: "true"\nc: ""\n'],
    [{ m: "d'un: deux" }, "m: 'd''un: deux'\n"],
    // what cannot be printed is escaped in double quotes; a leading line break needs an indentation hint
    [{ m: 'tab\there 🎉' }, 'm: "tab\\there \\U0001F389"\n'],
    [{ m: '\nfoo' }, 'm: |2-\n\n  foo\n'],
    // a long line breaks at the first space past column 80, its continuation two columns in from the key
    [{ list: [{ key: `${'mot '.repeat(25)}fin` }] }, `list:\n- key: ${'mot '.repeat(18)}mot\n    ${'mot '.repeat(6)}fin\n`],
  ])('%j', async (value, yaml) => {
    expect(await toYaml(value)).toBe(yaml);
  });
});
