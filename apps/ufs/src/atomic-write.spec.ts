import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ObjectStat, StagedWrite } from './adapters/ufs-adapter';
import { writeAtomically } from './atomic-write';

/** A staged write whose writes finish when the test says so, recording what overlapped what. */
class ManualWrite implements StagedWrite {
  readonly events: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  readonly pending: Array<{ name: string; resolve: () => void; reject: (err: Error) => void }> = [];

  constructor(readonly writeDepth: number | undefined) {}

  write(chunk: Buffer): Promise<void> {
    this.events.push(`write ${chunk.toString()}`);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise<void>((resolve, reject) => this.pending.push({ name: chunk.toString(), resolve, reject })).finally(() => {
      this.inFlight--;
      this.events.push(`done ${chunk.toString()}`);
    });
  }

  async commit(): Promise<ObjectStat> {
    this.events.push(`commit (in flight ${this.inFlight})`);
    return { size: 0, version: 'v', lastModifiedMs: 0 };
  }

  async abort(): Promise<void> {
    this.events.push(`abort (in flight ${this.inFlight})`);
  }
}

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

/** Finishes the oldest pending write each tick (failing the one named `fail`) until `done` settles. */
async function drive(w: ManualWrite, done: Promise<unknown>, fail?: string): Promise<void> {
  let settled = false;
  void done.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled) {
    await new Promise((r) => setImmediate(r));
    const next = w.pending.shift();
    if (next && next.name === fail) next.reject(new Error('disk full'));
    else next?.resolve();
  }
}

const expectations = { expectedSize: -1, algorithms: [], expected: {} };

describe('writeAtomically', () => {
  it('keeps up to writeDepth writes in flight, in order, and commits only once every one has finished', async () => {
    const w = new ManualWrite(2);
    const done = writeAtomically(w, chunks('a', 'b', 'c', 'd'), expectations);
    await drive(w, done);
    const result = await done;
    expect(w.maxInFlight).toBe(2);
    expect(w.events.filter((e) => e.startsWith('write'))).toEqual(['write a', 'write b', 'write c', 'write d']);
    expect(w.events.at(-1)).toBe('commit (in flight 0)');
    expect(result.md5Hex).toBe(createHash('md5').update('abcd').digest('hex'));
  });

  it('writes one at a time when the staged write does not say otherwise', async () => {
    const w = new ManualWrite(undefined);
    const done = writeAtomically(w, chunks('a', 'b', 'c'), expectations);
    await drive(w, done);
    await done;
    expect(w.maxInFlight).toBe(1);
  });

  it('on a failed write, waits for the writes still in flight before it aborts', async () => {
    const w = new ManualWrite(3);
    const done = writeAtomically(w, chunks('a', 'b', 'c'), expectations);
    await drive(w, done, 'a'); // fails while b and c are in flight
    await expect(done).rejects.toThrow('disk full');
    expect(w.events.at(-1)).toBe('abort (in flight 0)');
    expect(w.events.some((e) => e.startsWith('commit'))).toBe(false);
  });

  describe('x-amz-content-sha256', () => {
    const sha = (text: string) => createHash('sha256').update(text).digest();

    it.each([[[] as const], [['SHA256'] as const]])('commits when the body hashes to it (checksums %j)', async (algorithms) => {
      const w = new ManualWrite(1);
      const done = writeAtomically(w, chunks('a', 'b'), { ...expectations, algorithms, contentSha256: sha('ab') });
      await drive(w, done);
      await done;
      expect(w.events.at(-1)).toBe('commit (in flight 0)');
    });

    it.each([[[] as const], [['SHA256'] as const]])('aborts with XAmzContentSHA256Mismatch naming both digests (checksums %j)', async (algorithms) => {
      const w = new ManualWrite(1);
      const done = writeAtomically(w, chunks('a', 'b'), { ...expectations, algorithms, contentSha256: sha('other') });
      await drive(w, done);
      await expect(done).rejects.toMatchObject({
        code: 'XAmzContentSHA256Mismatch',
        details: { ClientComputedContentSHA256: sha('other').toString('hex'), S3ComputedContentSHA256: sha('ab').toString('hex') },
      });
      expect(w.events.at(-1)).toBe('abort (in flight 0)');
      expect(w.events.some((e) => e.startsWith('commit'))).toBe(false);
    });

    it('is checked before the checksums: both wrong answers the payload hash', async () => {
      const w = new ManualWrite(1);
      const wrongCrc = { CRC32: 'AAAAAA==' };
      const done = writeAtomically(w, chunks('ab'), { ...expectations, algorithms: ['CRC32'], expected: wrongCrc, contentSha256: sha('x') });
      await drive(w, done);
      await expect(done).rejects.toMatchObject({ code: 'XAmzContentSHA256Mismatch' });
    });
  });
});
