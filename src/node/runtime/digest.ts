/** A stable fake sha256 digest for a text, so image IDs look real and never change between runs. */
export function fakeDigest(text: string): string {
  let digest = digests.get(text);
  if (digest === undefined) digests.set(text, (digest = computeDigest(text)));
  return digest;
}

/** Digests computed so far: each container start asks for its image's. */
const digests = new Map<string, string>();

function computeDigest(text: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (const c of `${round}:${text}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}
