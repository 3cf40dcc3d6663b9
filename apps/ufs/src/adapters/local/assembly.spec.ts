import { createHash, randomBytes } from 'node:crypto';
import { constants, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ComposeSource, StagedPartStat } from '../ufs-adapter';
import { LocalUfsAdapter } from './local-adapter';

// In-place assembly (./assembly.ts): parts written into slots of one file; Complete truncates and links it.
// Slots are P bytes, fixed by the first part of at least `minSlotBytes` (16 here, so tiny parts exercise it).

const MIN = 16;

describe('local adapter: in-place multipart assembly', () => {
  let root: string;
  let adapter: LocalUfsAdapter;
  const uploadDir = (id: string) => join(root, '.silt/staging', id);
  const assemblyIno = (id: string) => {
    const name = readdirSync(uploadDir(id)).find((n) => n.startsWith('assembly.'));
    return name ? statSync(join(uploadDir(id), name)).ino : undefined;
  };
  const objectFile = (key: string) => join(root, 'bkt', key);

  async function putPart(uploadId: string, partNumber: number, body: Buffer, expectedSize: number | undefined = body.length): Promise<StagedPartStat> {
    const staged = await adapter.beginPartWrite('bkt', 'obj', { uploadId, partNumber, expectedSize });
    await staged.write(body);
    return staged.commit();
  }
  const source = (st: StagedPartStat): ComposeSource => ({ stagedPath: st.stagedPath, version: st.version, size: st.size });
  const compose = (key: string, parts: StagedPartStat[], observe?: (c: Buffer) => void) => adapter.compose('bkt', key, parts.map(source), observe);

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-assembly-'));
    adapter = new LocalUfsAdapter({ root, fsync: true, minSlotBytes: MIN });
    await adapter.start();
    await adapter.createDirectory('bkt');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes parts into their slots in any order and completes without copying: the object is the assembly file', async () => {
    const [a, b, c] = [randomBytes(64), randomBytes(64), randomBytes(20)];
    const p1 = await putPart('u1', 1, a);
    const p3 = await putPart('u1', 3, c); // the short last part, before part 2
    const p2 = await putPart('u1', 2, b);
    expect([p1, p2, p3].map((p) => p.stagedPath)).toEqual(['.silt/staging/u1/slot.1', '.silt/staging/u1/slot.2', '.silt/staging/u1/slot.3']);
    const ino = assemblyIno('u1');
    const md5 = createHash('md5');
    const st = await compose('k1', [p1, p2, p3], (chunk) => md5.update(chunk));
    const whole = Buffer.concat([a, b, c]);
    expect(readFileSync(objectFile('k1')).equals(whole)).toBe(true);
    expect(st.size).toBe(whole.length);
    expect(md5.digest('hex')).toBe(createHash('md5').update(whole).digest('hex'));
    expect(statSync(objectFile('k1')).ino).toBe(ino); // linked, not copied
    expect(readdirSync(join(root, '.silt/tmp'))).toEqual([]);
  });

  it('copies trailing part files after the slots: a last part that arrived before the slot size was known', async () => {
    const [a, b, c] = [randomBytes(64), randomBytes(64), randomBytes(10)];
    const p3 = await putPart('u2', 3, c); // under minSlotBytes, first: a part file
    const p1 = await putPart('u2', 1, a);
    const p2 = await putPart('u2', 2, b);
    expect(p3.stagedPath).toBe('.silt/staging/u2/3');
    const ino = assemblyIno('u2');
    await compose('k2', [p1, p2, p3]);
    expect(readFileSync(objectFile('k2')).equals(Buffer.concat([a, b, c]))).toBe(true);
    expect(statSync(objectFile('k2')).ino).toBe(ino);
  });

  it('falls back to copying when the parts do not lie end to end: a re-uploaded part between slots, a gap in the numbers', async () => {
    const [a, b, b2, c] = [randomBytes(64), randomBytes(64), randomBytes(64), randomBytes(30)];
    const p1 = await putPart('u3', 1, a);
    await putPart('u3', 2, b);
    const p2again = await putPart('u3', 2, b2); // slot 2 is taken: its own file
    const p3 = await putPart('u3', 3, c);
    expect(p2again.stagedPath).toBe('.silt/staging/u3/2');
    expect(p3.stagedPath).toBe('.silt/staging/u3/slot.3');
    await compose('k3', [p1, p2again, p3]);
    expect(readFileSync(objectFile('k3')).equals(Buffer.concat([a, b2, c]))).toBe(true);
    expect(statSync(objectFile('k3')).ino).not.toBe(assemblyIno('u3'));

    const q1 = await putPart('u4', 1, a);
    const q3 = await putPart('u4', 3, c);
    await compose('k4', [q1, q3]); // part 3's slot starts at 128, not at 64
    expect(readFileSync(objectFile('k4')).equals(Buffer.concat([a, c]))).toBe(true);
    expect(statSync(objectFile('k4')).ino).not.toBe(assemblyIno('u4'));
  });

  it('copies every part file after the leading slots into the assembly (a re-upload, a size not known up front)', async () => {
    const [a, b, b2, c] = [randomBytes(64), randomBytes(64), randomBytes(64), randomBytes(30)];
    const p1 = await putPart('u8', 1, a);
    await putPart('u8', 2, b);
    const p2again = await putPart('u8', 2, b2);
    const p3 = await putPart('u8', 3, c, -1); // size not known up front: its own file
    expect(p3.stagedPath).toBe('.silt/staging/u8/3');
    await compose('k8', [p1, p2again, p3]);
    expect(readFileSync(objectFile('k8')).equals(Buffer.concat([a, b2, c]))).toBe(true);
    expect(statSync(objectFile('k8')).ino).toBe(assemblyIno('u8'));
  });

  // The flags this process holds each open assembly file with (Linux: /proc/self/fdinfo), to see how slots are written.
  const assemblyOpenFlags = (id: string): number[] =>
    readdirSync('/proc/self/fd').flatMap((fd) => {
      let target = '';
      try {
        target = readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return [];
      }
      if (!target.startsWith(join(uploadDir(id), 'assembly.'))) return [];
      return [parseInt(/^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'))![1], 8)];
    });

  it.runIf(existsSync('/proc/self/fdinfo'))('writes a slot O_DSYNC when fsync is on (durable as it goes, no fsync at the end), plain when it is off', async () => {
    const durable = await adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u9', partNumber: 1, expectedSize: 32 });
    await durable.write(randomBytes(32));
    const flags = assemblyOpenFlags('u9');
    expect(flags).toHaveLength(1);
    expect(flags[0] & constants.O_DSYNC).toBe(constants.O_DSYNC);
    await durable.commit();
    await vi.waitFor(() => expect(assemblyOpenFlags('u9')).toEqual([])); // closed once its last write ended

    const lax = new LocalUfsAdapter({ root, fsync: false, minSlotBytes: MIN });
    await lax.start();
    const plain = await lax.beginPartWrite('bkt', 'obj', { uploadId: 'u10', partNumber: 1, expectedSize: 32 });
    await plain.write(randomBytes(32));
    const laxFlags = assemblyOpenFlags('u10');
    expect(laxFlags).toHaveLength(1);
    expect(laxFlags[0] & constants.O_DSYNC).toBe(0);
    await plain.abort();
  });

  it('frees the slot of a write that failed, and gives a slot to one writer at a time', async () => {
    const staged = await adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u5', partNumber: 1, expectedSize: 32 });
    await staged.write(randomBytes(10));
    await staged.abort();
    const first = await adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u5', partNumber: 1, expectedSize: 32 });
    const second = await adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u5', partNumber: 1, expectedSize: 32 });
    await first.write(randomBytes(32));
    await second.write(randomBytes(32));
    const [s1, s2] = [await first.commit(), await second.commit()];
    expect((s1 as StagedPartStat).stagedPath).toBe('.silt/staging/u5/slot.1');
    expect((s2 as StagedPartStat).stagedPath).toBe('.silt/staging/u5/1');
    // A slot never takes more bytes than declared: nothing spills into the next slot.
    const over = await adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u5', partNumber: 2, expectedSize: 32 });
    await expect(over.write(randomBytes(33))).rejects.toMatchObject({ code: 'IncompleteBody' });
    await over.abort();
  });

  it('checks each slot against what was recorded, and refuses unchosen slots once a Complete cut them off', async () => {
    const [a, b, c] = [randomBytes(64), randomBytes(64), randomBytes(64)];
    const p1 = await putPart('u6', 1, a);
    const p2 = await putPart('u6', 2, b);
    const p3 = await putPart('u6', 3, c);
    await expect(adapter.compose('bkt', 'k6', [source(p1), { ...source(p2), version: 'slot-stale' }], undefined)).rejects.toMatchObject({
      name: expect.stringMatching(/VersionChanged/),
    });
    await compose('k6', [p1, p2]);
    expect(readFileSync(objectFile('k6')).equals(Buffer.concat([a, b]))).toBe(true);
    // A retry of the same Complete (metadata failed after compose) gives the same object.
    await compose('k6', [p1, p2]);
    expect(readFileSync(objectFile('k6')).equals(Buffer.concat([a, b]))).toBe(true);
    // Part 3 was cut off by the truncation: a Complete naming it fails instead of reading other bytes.
    await expect(compose('k6b', [p1, p2, p3])).rejects.toMatchObject({ code: 'InvalidPart' });
    // A part arriving after the seal goes to its own file: the object's bytes never change under it.
    const late = await putPart('u6', 4, randomBytes(64));
    expect(late.stagedPath).toBe('.silt/staging/u6/4');
    expect(readFileSync(objectFile('k6')).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('keeps slots across a restart of the ufs (a new adapter on the same root)', async () => {
    const [a, b] = [randomBytes(64), randomBytes(7)];
    const p1 = await putPart('u7', 1, a);
    adapter = new LocalUfsAdapter({ root, fsync: true, minSlotBytes: MIN });
    await adapter.start();
    const p2 = await putPart('u7', 2, b);
    expect(p2.stagedPath).toBe('.silt/staging/u7/slot.2');
    await compose('k7', [p1, p2]);
    expect(readFileSync(objectFile('k7')).equals(Buffer.concat([a, b]))).toBe(true);
    expect(statSync(objectFile('k7')).ino).toBe(assemblyIno('u7'));
    await adapter.deleteStaging('u7');
    expect(readFileSync(objectFile('k7')).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('keeps several writes of a part in flight, each at its own offset', async () => {
    const pieces = [randomBytes(16), randomBytes(16), randomBytes(9)];
    const p1 = await putPart('u11', 1, randomBytes(41));
    const staged = await adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u11', partNumber: 2, expectedSize: 41 });
    expect(staged.writeDepth).toBeGreaterThan(1);
    await Promise.all(pieces.map((piece) => staged.write(piece)));
    const p2 = (await staged.commit()) as StagedPartStat;
    expect(p2.stagedPath).toBe('.silt/staging/u11/slot.2');
    await compose('k11', [p1, p2]);
    expect(readFileSync(objectFile('k11')).subarray(41).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('keeps the committed slots in one table of checksummed records: a torn or foreign record is a free slot', async () => {
    const [a, b] = [randomBytes(64), randomBytes(64)];
    const p1 = await putPart('u12', 1, a);
    const p2 = await putPart('u12', 2, b);
    expect(readdirSync(uploadDir('u12')).filter((n) => n.startsWith('slot'))).toEqual(['slots']); // no file per part
    const table = join(uploadDir('u12'), 'slots');
    const bytes = readFileSync(table);
    expect(bytes.toString('latin1', 0, 64)).toMatch(new RegExp(`^${p1.version.slice('slot-'.length)} 64 [0-9a-f]{8} +\n$`));
    bytes[64 + 3] ^= 1; // part 2's record, as a write torn by a crash could leave it
    writeFileSync(table, bytes);
    adapter = new LocalUfsAdapter({ root, fsync: true, minSlotBytes: MIN }); // a restart reads the table again
    await adapter.start();
    await expect(compose('k12', [p1, p2])).rejects.toMatchObject({ code: 'InvalidPart' });
    const again = await putPart('u12', 2, b); // the slot is free again
    expect(again.stagedPath).toBe('.silt/staging/u12/slot.2');
    await compose('k12', [p1, again]);
    expect(readFileSync(objectFile('k12')).equals(Buffer.concat([a, b]))).toBe(true);
  });

  it('reads the marker files an upload staged by an earlier version has, and gives it a table for new parts', async () => {
    const [a, b] = [randomBytes(64), randomBytes(30)];
    const p1 = await putPart('u13', 1, a);
    // As the version before the table left it: the assembly file and a marker file per committed slot.
    rmSync(join(uploadDir('u13'), 'slots'));
    writeFileSync(join(uploadDir('u13'), 'slot.1'), `${p1.version.slice('slot-'.length)} 64\n`);
    adapter = new LocalUfsAdapter({ root, fsync: true, minSlotBytes: MIN });
    await adapter.start();
    const retry = await putPart('u13', 1, randomBytes(64)); // slot 1 is taken: its own file
    expect(retry.stagedPath).toBe('.silt/staging/u13/1');
    const p2 = await putPart('u13', 2, b);
    expect(p2.stagedPath).toBe('.silt/staging/u13/slot.2');
    expect(existsSync(join(uploadDir('u13'), 'slots'))).toBe(true);
    await compose('k13', [p1, p2]);
    expect(readFileSync(objectFile('k13')).equals(Buffer.concat([a, b]))).toBe(true);
    expect(existsSync(join(uploadDir('u13'), 'slot.1'))).toBe(true); // chosen: kept until the staging goes
  });

  it('checks the bucket once for parts written side by side; Complete checks it again', async () => {
    const first = await adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u14', partNumber: 1, expectedSize: 32 });
    rmSync(join(root, 'bkt'), { recursive: true }); // the bucket goes while part 1 is in flight
    const second = await adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u14', partNumber: 2, expectedSize: 32 });
    await first.write(randomBytes(32));
    await second.write(randomBytes(32));
    const parts = [(await first.commit()) as StagedPartStat, (await second.commit()) as StagedPartStat];
    await expect(compose('k14', parts)).rejects.toMatchObject({ code: 'NoSuchBucket' });
    // Nothing of that upload in flight, or another upload: checked again.
    await expect(adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u14', partNumber: 3, expectedSize: 32 })).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(adapter.beginPartWrite('bkt', 'obj', { uploadId: 'u15', partNumber: 1, expectedSize: 32 })).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });
});
