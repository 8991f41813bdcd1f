/**
 * Protocol Buffers' wire format, read (https://protobuf.dev/programming-guides/encoding/): a message is a sequence of
 * fields, each a key (field number << 3 | wire type) then a varint, 8 bytes, a length-prefixed run, or 4 bytes.
 * Only what Kubernetes' messages use; groups (wire types 3 and 4) are refused as malformed.
 */
export type WireValue = { number: number; wireType: 0; value: bigint } | { number: number; wireType: 1 | 5; value: Uint8Array } | { number: number; wireType: 2; value: Uint8Array };

export class MalformedProtobuf extends Error {}

export function* fieldsOf(bytes: Uint8Array): Generator<WireValue> {
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (at >= bytes.length) throw new MalformedProtobuf('truncated varint');
      const byte = bytes[at++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
    }
    throw new MalformedProtobuf('varint longer than 10 bytes');
  };
  const take = (n: number): Uint8Array => {
    if (n < 0 || at + n > bytes.length) throw new MalformedProtobuf('field runs past the end of the message');
    const run = bytes.subarray(at, at + n);
    at += n;
    return run;
  };
  while (at < bytes.length) {
    const key = varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (number < 1) throw new MalformedProtobuf('field number 0');
    if (wireType === 0) yield { number, wireType, value: varint() };
    else if (wireType === 1) yield { number, wireType, value: take(8) };
    else if (wireType === 2) yield { number, wireType, value: take(Number(varint())) };
    else if (wireType === 5) yield { number, wireType, value: take(4) };
    else throw new MalformedProtobuf(`wire type ${wireType}`);
  }
}

/** A varint read as a signed 64-bit integer (int32 and int64 negatives take ten bytes, two's complement). */
export function signed(value: bigint): number {
  return Number(BigInt.asIntN(64, value));
}

export function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
