import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalUfsAdapter } from './adapters/local/local-adapter';
import { StagingReaper } from './staging-reaper';
import { UfsOperations } from './ufs-operations';

const HOUR = 3_600_000;

describe(StagingReaper.name, () => {
  let root: string;
  let adapter: LocalUfsAdapter;
  let ops: UfsOperations;
  const staging = (...p: string[]) => join(root, '.silt/staging', ...p);

  async function stagePart(uploadId: string, partNumber: number, body = 'bytes'): Promise<void> {
    const staged = await adapter.beginPartWrite('bkt', 'key', { uploadId, partNumber });
    await staged.write(Buffer.from(body));
    await staged.commit();
  }
  /** Backdates an upload's directory and parts, as if last written `ageMs` ago. */
  function age(uploadId: string, ageMs: number, only?: string): void {
    const when = new Date(Date.now() - ageMs);
    for (const name of readdirSync(staging(uploadId))) if (!only || name === only) utimesSync(staging(uploadId, name), when, when);
    if (!only) utimesSync(staging(uploadId), when, when);
  }

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-reaper-'));
    adapter = new LocalUfsAdapter({ root, fsync: false });
    await adapter.start();
    await adapter.createDirectory('bkt');
    ops = new UfsOperations(new Map([['root', adapter]]));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('drops uploads whose newest staged file is older than the expiry, and keeps the others', async () => {
    await stagePart('stale', 1);
    await stagePart('stale', 2);
    await stagePart('fresh', 1);
    await stagePart('mixed', 1);
    await stagePart('mixed', 2);
    age('stale', 3 * HOUR);
    age('fresh', 0);
    age('mixed', 3 * HOUR);
    const recent = new Date(Date.now() - HOUR);
    utimesSync(staging('mixed', '2'), recent, recent); // one part written within the expiry keeps the whole upload
    const reaper = new StagingReaper(ops, { expiryMs: 2 * HOUR, intervalMs: 0 });
    expect(await reaper.reapOnce()).toBe(1);
    expect(readdirSync(staging()).sort()).toEqual(['fresh', 'mixed']);
    expect(await reaper.reapOnce()).toBe(0);
  });

  it('never touches the temp file of a part write in flight, which still commits afterwards', async () => {
    const inFlight = await adapter.beginPartWrite('bkt', 'key', { uploadId: 'busy', partNumber: 1 });
    await inFlight.write(Buffer.from('still coming'));
    const [tmpName] = readdirSync(join(root, '.silt/tmp'));
    const old = new Date(Date.now() - 10 * HOUR);
    utimesSync(join(root, '.silt/tmp', tmpName), old, old);
    mkdirSync(staging('stray.name'), { recursive: true }); // not an upload id: not the reaper's to judge
    writeFileSync(staging('loose-file'), '');
    utimesSync(staging('stray.name'), old, old);
    await new StagingReaper(ops, { expiryMs: HOUR, intervalMs: 0, now: () => Date.now() + 100 * HOUR }).reapOnce();
    expect(readdirSync(join(root, '.silt/tmp'))).toEqual([tmpName]);
    expect(existsSync(staging('stray.name'))).toBe(true);
    const st = await inFlight.commit();
    expect(st.stagedPath).toBe('.silt/staging/busy/1');
    expect(existsSync(staging('busy', '1'))).toBe(true);
  });

  it('runs on its own every interval once started, with a small expiry, and does nothing with expiry -1', async () => {
    await stagePart('soon-stale', 1);
    const never = new StagingReaper(ops, { expiryMs: -1, intervalMs: 10 });
    never.start();
    expect(await never.reapOnce()).toBe(0);
    const reaper = new StagingReaper(ops, { expiryMs: 50, intervalMs: 20 });
    reaper.start();
    try {
      for (let i = 0; i < 200 && existsSync(staging('soon-stale')); i++) await sleep(10);
      expect(existsSync(staging('soon-stale'))).toBe(false);
    } finally {
      await reaper.stop();
      await never.stop();
    }
  });

  it('does nothing when the staging area does not exist yet', async () => {
    expect(await new StagingReaper(ops, { expiryMs: 0, intervalMs: 0 }).reapOnce()).toBe(0);
  });
});
