import * as protoLoader from '@grpc/proto-loader';
import { describe, expect, it } from 'vitest';
import { PROTO_LOADER_OPTIONS, protoDir } from './loader';
import { BufferPool } from '../../runtime/src/buffer-pool';
import { acceptPreEncoded, BYTES_FIELD_PREFIX, encodeBytesFieldInPlace, PreEncoded } from './pre-encoded';

const load = () => protoLoader.loadSync(['silt/ufs/v1/ufs.proto'], { ...PROTO_LOADER_OPTIONS, includeDirs: [protoDir()] });

describe('pre-encoded messages', () => {
  const definition = load();
  const writeObject = (definition['silt.ufs.v1.UfsService'] as protoLoader.ServiceDefinition).WriteObject;
  const readObject = (definition['silt.ufs.v1.UfsService'] as protoLoader.ServiceDefinition).ReadObject;
  acceptPreEncoded(definition);

  it.each([0, 1, 127, 128, 300, 16_383, 16_384, 65_536, 1024 * 1024 - 1, 1024 * 1024])(
    'a %i-byte chunk built in place decodes as protobufjs would have encoded it',
    (length) => {
      const buf = Buffer.alloc(BYTES_FIELD_PREFIX + length + 10, 0xee);
      for (let i = 0; i < length; i++) buf[BYTES_FIELD_PREFIX + i] = (i * 31) & 0xff;
      const data = Buffer.from(buf.subarray(BYTES_FIELD_PREFIX, BYTES_FIELD_PREFIX + length));
      const encoded = encodeBytesFieldInPlace(buf, 2, length);
      // The same bytes protobufjs produces for { chunk }, and they decode back to the chunk.
      expect(encoded.equals(writeObject.requestSerialize({ chunk: data }))).toBe(true);
      const decoded = writeObject.requestDeserialize(encoded) as { payload: string; chunk: Buffer };
      expect(decoded.payload).toBe('chunk');
      expect(Buffer.compare(decoded.chunk, data)).toBe(0);
    },
  );

  it('serializers pass PreEncoded bytes through untouched and encode anything else as before', () => {
    const bytes = encodeBytesFieldInPlace(Buffer.alloc(BYTES_FIELD_PREFIX + 3), 1, 3);
    expect(readObject.responseSerialize(new PreEncoded(bytes))).toBe(bytes);
    expect(writeObject.requestSerialize(new PreEncoded(bytes))).toBe(bytes);
    const plain = readObject.responseSerialize({ chunk: Buffer.from('abc') });
    expect((readObject.responseDeserialize(plain) as { chunk: Buffer }).chunk.toString()).toBe('abc');
  });

  it('refuses what does not fit: a field number needing two key bytes, data longer than the buffer', () => {
    expect(() => encodeBytesFieldInPlace(Buffer.alloc(16), 16, 1)).toThrow(RangeError);
    expect(() => encodeBytesFieldInPlace(Buffer.alloc(16), 1, 11)).toThrow(RangeError);
  });

  it('a pool hands back the buffers it was given, up to its idle limit, and only of its size', () => {
    const pool = new BufferPool(64, 2);
    const [a, b, c] = [pool.take(), pool.take(), pool.take()];
    expect(new Set([a, b, c]).size).toBe(3);
    pool.give(a);
    pool.give(b);
    pool.give(c); // over the idle limit: dropped
    pool.give(Buffer.alloc(32)); // wrong size: dropped
    const again = [pool.take(), pool.take()];
    expect(again.includes(a) && again.includes(b)).toBe(true); // the very same buffers
    const fresh = pool.take();
    expect(fresh === a || fresh === b || fresh === c).toBe(false);
    expect(fresh.length).toBe(64);
  });
});
