import type * as protoLoader from '@grpc/proto-loader';

/**
 * A message whose protobuf encoding the caller already built. Every Silt method's serializers pass its bytes through
 * untouched (see `acceptPreEncoded`), so a byte stream's payload is copied once, straight into the buffer it is sent
 * from, instead of once into a gathered chunk and again by protobufjs (the gateway spent a third of its PUT time in
 * those two copies, and the buffers they allocated drove one full GC every ~16 MiB under parallel part uploads).
 */
export class PreEncoded {
  constructor(readonly bytes: Buffer) {}
}

/** Room in front of the data for a `bytes` field's key (field number < 16: one byte) and its length (<= 5 bytes). */
export const BYTES_FIELD_PREFIX = 6;

/**
 * `buf[BYTES_FIELD_PREFIX, BYTES_FIELD_PREFIX + length)` holds the data; writes the key and length just before it and
 * returns the encoded message (a view of `buf`: a message of that single field).
 */
export function encodeBytesFieldInPlace(buf: Buffer, fieldNumber: number, length: number): Buffer {
  if (!(fieldNumber > 0 && fieldNumber < 16)) throw new RangeError(`field number ${fieldNumber} needs a one-byte key`);
  if (BYTES_FIELD_PREFIX + length > buf.length) throw new RangeError(`${length} bytes do not fit a ${buf.length}-byte buffer`);
  let varintBytes = 1;
  for (let v = length; v >= 0x80; v = Math.floor(v / 0x80)) varintBytes++;
  const start = BYTES_FIELD_PREFIX - 1 - varintBytes;
  buf[start] = (fieldNumber << 3) | 2; // wire type 2: length-delimited
  let at = start + 1;
  let v = length;
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 0x80);
  }
  buf[at] = v;
  return buf.subarray(start, BYTES_FIELD_PREFIX + length);
}

type Serialize = (value: unknown) => Buffer;

/** Lets every method of `definition` send a `PreEncoded` message as it is (requests and responses). */
export function acceptPreEncoded(definition: protoLoader.PackageDefinition): void {
  const wrap = (serialize: Serialize): Serialize => (value) => (value instanceof PreEncoded ? value.bytes : serialize(value));
  for (const entry of Object.values(definition)) {
    if (!isServiceDefinition(entry)) continue;
    for (const method of Object.values(entry)) {
      method.requestSerialize = wrap(method.requestSerialize as Serialize);
      method.responseSerialize = wrap(method.responseSerialize as Serialize);
    }
  }
}

function isServiceDefinition(entry: unknown): entry is Record<string, protoLoader.MethodDefinition<unknown, unknown>> {
  if (!entry || typeof entry !== 'object' || 'format' in entry) return false; // message/enum definitions have `format`
  return Object.values(entry).every((m) => typeof (m as { requestSerialize?: unknown }).requestSerialize === 'function');
}
