import { parentPort } from 'node:worker_threads';
import { createHasher, createMd5, type ChecksumAlgorithm, type Hasher } from '../../../../libs/s3-protocol/src/checksums/checksums';

// The other side of hash-pool.ts: one set of hashers (MD5 first) per write stream, fed in order (a port delivers
// messages in the order they were posted), digested once.

export type HashRequest =
  | { op: 'open'; id: number; algorithms: ChecksumAlgorithm[] }
  | { op: 'update'; id: number; buf: ArrayBuffer; offset: number; length: number }
  | { op: 'digest'; id: number }
  | { op: 'drop'; id: number };

export type HashReply = { id: number; digests?: Uint8Array[]; error?: string };

const streams = new Map<number, Hasher[]>();
const port = parentPort;
if (port) {
  port.on('message', (m: HashRequest) => {
    try {
      switch (m.op) {
        case 'open':
          streams.set(m.id, [createMd5(), ...m.algorithms.map((alg) => createHasher(alg))]);
          break;
        case 'update': {
          const view = new Uint8Array(m.buf, m.offset, m.length);
          for (const h of streams.get(m.id) ?? []) h.update(view);
          break;
        }
        case 'digest': {
          const hashers = streams.get(m.id);
          streams.delete(m.id);
          const reply: HashReply = hashers ? { id: m.id, digests: hashers.map((h) => h.digest()) } : { id: m.id, error: 'unknown hash stream' };
          port.postMessage(reply);
          break;
        }
        case 'drop':
          streams.delete(m.id);
          break;
      }
    } catch (err) {
      streams.delete(m.id);
      if (m.op === 'digest') port.postMessage({ id: m.id, error: (err as Error).message } satisfies HashReply);
    }
  });
}
