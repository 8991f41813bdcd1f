import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeKubernetesProtobuf, MalformedProtobuf } from './decode.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/protobuf');
const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.bin')).map((f) => f.slice(0, -'.bin'.length));

/** kubectl's JSON with its nulls (creationTimestamp: null) dropped: the protobuf form has no field there at all. */
const withoutNulls = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_, v: unknown) => (v === null ? undefined : v)));

describe('decodeKubernetesProtobuf', () => {
  it.each(names)('reads what kubectl 1.32 sends for %s as the JSON kubectl would send', (name) => {
    const body = readFileSync(join(FIXTURES, `${name}.bin`));
    const json = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as unknown;
    expect(decodeKubernetesProtobuf(body)).toEqual(withoutNulls(json));
  });

  it('keeps a zero that was set (replicas: 0) and drops the zeros Go writes for unset fields', () => {
    const idle = decodeKubernetesProtobuf(readFileSync(join(FIXTURES, 'deployment-zero.bin'))) as { spec: Record<string, unknown> };
    expect(idle.spec.replicas).toBe(0);
    expect(idle.spec).not.toHaveProperty('minReadySeconds');
    expect(idle.spec).not.toHaveProperty('paused');
  });

  it('reads secret bytes back as base64, as the JSON form carries them', () => {
    const secret = decodeKubernetesProtobuf(readFileSync(join(FIXTURES, 'secret.bin'))) as { data: Record<string, string> };
    expect(Buffer.from(secret.data.password!, 'base64').toString()).toBe('s3cr3t');
  });

  it.each([
    ['JSON', Buffer.from('{"kind":"Pod"}')],
    ['a truncated body', readFileSync(join(FIXTURES, 'deployment.bin')).subarray(0, 100)],
    ['an unregistered kind', Buffer.concat([Buffer.from('k8s\0'), Buffer.from([0x0a, 0x0a, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x04, 0x4b, 0x69, 0x6e, 0x64])])],
    ['a group (wire type 3)', Buffer.concat([Buffer.from('k8s\0'), Buffer.from([0x0b])])],
  ])('refuses %s with MalformedProtobuf, never another error', (_, body) => {
    expect(() => decodeKubernetesProtobuf(body)).toThrow(MalformedProtobuf);
  });
});

describe('any body', () => {
  it('is read, or refused with MalformedProtobuf: never another error (fast-check, real bodies with bytes changed)', async () => {
    const fc = await import('fast-check');
    const bodies = names.map((n) => readFileSync(join(FIXTURES, `${n}.bin`)));
    fc.assert(
      fc.property(fc.constantFrom(...bodies), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (body, changes) => {
        const changed = Buffer.from(body);
        for (const [at, byte] of changes) changed[4 + (at % (changed.length - 4))] = byte;
        try {
          decodeKubernetesProtobuf(changed);
        } catch (e) {
          if (!(e instanceof MalformedProtobuf)) throw e;
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
