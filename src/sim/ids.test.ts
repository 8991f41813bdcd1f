import { describe, expect, it } from 'vitest';
import { generateName, NAME_ALPHABET, podTemplateHash, randomHex, safeEncodeString, uuid } from './ids.js';
import { Rand } from './rand.js';

describe('names and hashes', () => {
  it('encodes decimal digits the way SafeEncodeString does (0→4 ... 9→f)', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('gives the same pod-template-hash for the same template, whatever the key order', () => {
    const a = podTemplateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'n', image: 'nginx' }] } });
    const b = podTemplateHash({ spec: { containers: [{ image: 'nginx', name: 'n' }] }, metadata: { labels: { app: 'web' } } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[456789bcdf]{1,10}$/);
    // a field set to null is the field left out (kubectl rollout undo sends creationTimestamp: null)
    expect(podTemplateHash({ metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'n', image: 'nginx' }] } })).toBe(a);
  });

  it('changes the hash when the template or the collision count changes', () => {
    const t = { spec: { containers: [{ name: 'n', image: 'nginx:1.27' }] } };
    expect(podTemplateHash(t)).not.toBe(podTemplateHash({ spec: { containers: [{ name: 'n', image: 'nginx:1.28' }] } }));
    expect(podTemplateHash(t)).not.toBe(podTemplateHash(t, 1));
  });

  it('adds 5 characters from the no-vowel alphabet to generated names', () => {
    const name = generateName(Rand.fromSeed('x'), 'web-7854ff8877-');
    expect(name).toMatch(new RegExp(`^web-7854ff8877-[${NAME_ALPHABET}]{5}$`));
  });

  it('draws the UUIDs it always drew (saved demos replay byte for byte across kubesim versions)', () => {
    expect(uuid(Rand.fromSeed('demo'))).toBe('43b83a4e-ddbf-44b0-835b-924454f4608f');
    expect(uuid(Rand.fromSeed('42'))).toBe('2c9137c8-b7d8-411d-a6e7-51b28575cc20');
  });

  it('draws hex digits as the container IDs were always drawn, one draw per digit', () => {
    const digits = (rand: Rand) => Array.from({ length: 64 }, () => rand.int(16).toString(16)).join('');
    expect(randomHex(Rand.fromSeed('demo'), 64)).toBe(digits(Rand.fromSeed('demo')));
    const rand = Rand.fromSeed('x');
    expect([randomHex(rand, 64), randomHex(rand, 8)]).toEqual([digits(Rand.fromSeed('x')), expect.stringMatching(/^[0-9a-f]{8}$/)]);
  });

  it('draws the same names and UUIDs from the same seed', () => {
    const a = Rand.fromSeed('demo');
    const b = Rand.fromSeed('demo');
    expect([generateName(a, 'p-'), uuid(a)]).toEqual([generateName(b, 'p-'), uuid(b)]);
    expect(uuid(Rand.fromSeed('u'))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('continues a saved random sequence exactly', () => {
    const a = Rand.fromSeed('s');
    a.next();
    const resumed = new Rand(a.state());
    expect(resumed.next()).toBe(a.next());
  });
});
