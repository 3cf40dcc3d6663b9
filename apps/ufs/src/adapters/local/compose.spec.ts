import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';
import { UfsVersionChanged } from '../../errors';
import { PartCursor, pump, type PartFile } from './compose';
import { versionOf } from './fs-util';

describe(pump.name, () => {
  let dir: string;
  const bodies = [randomBytes(10), Buffer.alloc(0), randomBytes(1), randomBytes(23)];
  const partFile = (i: number, over: Partial<PartFile['source']> = {}): PartFile => {
    const file = join(dir, String(i + 1));
    return { file, partNumber: i + 1, source: { stagedPath: `p/${i + 1}`, version: versionOf(statSync(file, { bigint: true })), size: bodies[i].length, ...over } };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'silt-ufs-compose-'));
    bodies.forEach((b, i) => writeFileSync(join(dir, String(i + 1)), b));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([1, 3, 4, 64])('moves parts byte-exact across part boundaries and empty parts (%i-byte buffers)', async (bufferBytes) => {
    const observed: Buffer[] = [];
    const written: Buffer[] = [];
    const cursor = new PartCursor(bodies.map((_, i) => partFile(i)));
    const n = await pump(cursor, (c) => observed.push(Buffer.from(c)), async (c) => void written.push(Buffer.from(c)), undefined, bufferBytes);
    await cursor.close();
    const whole = Buffer.concat(bodies);
    expect(n).toBe(whole.length);
    expect(Buffer.concat(observed).equals(whole)).toBe(true);
    expect(Buffer.concat(written).equals(whole)).toBe(true);
    expect(Math.max(...written.map((c) => c.length))).toBeLessThanOrEqual(bufferBytes);
  });

  it('copies without an observer (a compose that needs no digest)', async () => {
    const written: Buffer[] = [];
    const cursor = new PartCursor(bodies.map((_, i) => partFile(i)));
    const n = await pump(cursor, undefined, async (c) => void written.push(Buffer.from(c)), undefined, 5);
    await cursor.close();
    expect(n).toBe(Buffer.concat(bodies).length);
    expect(Buffer.concat(written).equals(Buffer.concat(bodies))).toBe(true);
  });

  it('hands observe each chunk before the buffer is reused (hash matches with 2-byte buffers)', async () => {
    const md5 = createHash('md5');
    const cursor = new PartCursor(bodies.map((_, i) => partFile(i)));
    await pump(cursor, (c) => md5.update(c), undefined, undefined, 2);
    expect(md5.digest('hex')).toBe(createHash('md5').update(Buffer.concat(bodies)).digest('hex'));
  });

  it('fails with UfsVersionChanged on another version or size, InvalidPart on a missing file', async () => {
    const run = (parts: PartFile[]) => pump(new PartCursor(parts), () => undefined, undefined, undefined, 8).catch((e: unknown) => e);
    expect(await run([partFile(0, { version: '1-2-3' })])).toBeInstanceOf(UfsVersionChanged);
    expect(await run([partFile(0, { size: 11 })])).toBeInstanceOf(UfsVersionChanged);
    expect(await run([partFile(0, { version: '' })])).toBe(10); // empty version = any
    const missing = await run([partFile(0), { ...partFile(0), file: join(dir, 'nope'), partNumber: 9 }]);
    expect(missing).toBeInstanceOf(S3Error);
    expect((missing as S3Error).code).toBe('InvalidPart');
  });

  it('settles the pending read and write before rethrowing an observer or writer failure', async () => {
    const boom = new Error('boom');
    const cursor = new PartCursor(bodies.map((_, i) => partFile(i)));
    await expect(pump(cursor, () => { throw boom; }, undefined, undefined, 4)).rejects.toBe(boom);
    await cursor.close();
    const cursor2 = new PartCursor(bodies.map((_, i) => partFile(i)));
    await expect(pump(cursor2, () => undefined, () => Promise.reject(boom), undefined, 4)).rejects.toBe(boom);
    await cursor2.close();
  });
});
