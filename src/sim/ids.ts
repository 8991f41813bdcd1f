import type { Rand } from './rand.js';

/** apimachinery/pkg/util/rand: no vowels and no 0, 1, 3, so generated names never spell words. */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_GENERATED_BASE = 58; // 63 - 5, apiserver/pkg/storage/names

/** names.SimpleNameGenerator: base (truncated) + 5 random characters. */
export function generateName(rand: Rand, base: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += NAME_ALPHABET[rand.int(NAME_ALPHABET.length)];
  return base.slice(0, MAX_GENERATED_BASE) + suffix;
}

const HEX = '0123456789abcdef';
const DASH = '-'.charCodeAt(0);

/** One random hex digit, as a character code: ids are written from codes in one go (see uuid). */
const hexCode = (rand: Rand) => HEX.charCodeAt(rand.int(16));

const UUID_CODES: number[] = [];
const HEX_CODES: number[] = [];

/** `length` random hex digits (a container ID's 64), drawn in order, written in one string. */
export function randomHex(rand: Rand, length: number): string {
  HEX_CODES.length = length;
  for (let i = 0; i < length; i++) HEX_CODES[i] = hexCode(rand);
  return String.fromCharCode(...HEX_CODES);
}

/**
 * Random UUIDv4 from the seeded source: 32 draws (the version digit's is discarded), then the variant's. Written as
 * character codes in one go: 32 concatenations and 5 slices made each of 900,000 uuids a chain of 40 strings.
 */
export function uuid(rand: Rand): string {
  let at = 0;
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) UUID_CODES[at++] = DASH;
    UUID_CODES[at++] = hexCode(rand);
  }
  UUID_CODES[14] = HEX.charCodeAt(4);
  UUID_CODES[19] = HEX.charCodeAt(8 + rand.int(4));
  return String.fromCharCode(...UUID_CODES);
}

/** controller.ComputeHash's encoding: FNV-1a 32 of the template, in decimal, through SafeEncodeString. */
export function fnv1a32(text: string, extra?: number): number {
  let h = 0x811c9dc5;
  const bytes = new TextEncoder().encode(text);
  const feed = (b: number) => {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const b of bytes) feed(b);
  if (extra !== undefined) {
    // collisionCount is written as 4 little-endian bytes into an 8-byte buffer
    for (let i = 0; i < 8; i++) feed(i < 4 ? (extra >>> (8 * i)) & 0xff : 0);
  }
  return h >>> 0;
}

export function safeEncodeString(s: string): string {
  return [...s].map((c) => NAME_ALPHABET[c.charCodeAt(0) % NAME_ALPHABET.length]).join('');
}

/**
 * Canonical JSON (sorted keys) so the same template always gives the same pod-template-hash. A field set to null is
 * left out, as if absent: the API server reads both into the same Go value (kubectl rollout undo sends a template
 * with `creationTimestamp: null`; it must hash as the ReplicaSet it came from).
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined && (value as Record<string, unknown>)[k] !== null)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Hashes by template object: the Deployment controller asks for every sync (each time a pod becomes ready), and a
 * stored template is never changed in place (a new Deployment version is a new object).
 */
const hashes = new WeakMap<object, Map<number | undefined, string>>();

export function podTemplateHash(template: unknown, collisionCount?: number): string {
  const compute = () => safeEncodeString(String(fnv1a32(canonicalJson(template), collisionCount)));
  if (!template || typeof template !== 'object') return compute();
  let byCount = hashes.get(template);
  if (!byCount) hashes.set(template, (byCount = new Map()));
  let hash = byCount.get(collisionCount);
  if (hash === undefined) byCount.set(collisionCount, (hash = compute()));
  return hash;
}
