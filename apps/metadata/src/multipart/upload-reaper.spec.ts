import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteMetadataStore } from '../store/sqlite-store';
import { MIN_FINISHED_RETENTION_MS, UploadReaper } from './upload-reaper';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe(UploadReaper.name, () => {
  let dir: string;
  let clock: number;
  let store: SqliteMetadataStore;
  let logged: unknown[][];
  const reaper = (expiryMs: number, intervalMs = 0) =>
    new UploadReaper(store.multipart, {
      expiryMs,
      intervalMs,
      now: () => clock,
      log: { info: (...args: unknown[]) => logged.push(args), error: () => undefined } as never,
    });
  const state = (u: { upload_id: string; key: string }) =>
    store.multipart.getUpload({ bucket: 'b', key: u.key, uploadId: u.upload_id }).then(
      (x) => x.state,
      (e: { code: string }) => e.code,
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'silt-reaper-'));
    clock = 1_000 * DAY;
    logged = [];
    store = new SqliteMetadataStore({ dataDir: dir, now: () => clock });
    await store.createBucket({ name: 'b', owner: 'o', region: '' });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('aborts uploads initiated more than the expiry ago and logs the counts', async () => {
    const old = await store.multipart.createUpload({ bucket: 'b', key: 'old' });
    clock += 2 * HOUR;
    const young = await store.multipart.createUpload({ bucket: 'b', key: 'young' });
    clock += 1 * HOUR + 1; // old: 3h + 1ms, young: 1h + 1ms
    expect(await reaper(3 * HOUR).reapOnce()).toEqual({ aborted: 1, purged: 0 });
    expect([await state(old), await state(young)]).toEqual(['NoSuchUpload', 'ACTIVE']);
    expect(logged).toEqual([[{ aborted: 1, purged: 0 }, 'expired multipart uploads reaped']]);
    expect(await reaper(3 * HOUR).reapOnce()).toEqual({ aborted: 0, purged: 0 });
    expect(logged).toHaveLength(1); // nothing logged when nothing happened
  });

  it('keeps finished uploads max(1 day, expiry) after they finished, so retried Completes still get their answer', async () => {
    const u = await store.multipart.createUpload({ bucket: 'b', key: 'k' });
    await store.multipart.completeUpload({ bucket: 'b', key: 'k', uploadId: u.upload_id, object: { bucket: 'b', key: 'k' } as never });
    clock += MIN_FINISHED_RETENTION_MS; // exactly a day: not older than it yet
    expect(await reaper(HOUR).reapOnce()).toEqual({ aborted: 0, purged: 0 });
    expect(await state(u)).toBe('COMPLETED');
    clock += 1;
    expect(await reaper(2 * DAY).reapOnce()).toEqual({ aborted: 0, purged: 0 }); // a longer expiry keeps them longer
    expect(await reaper(HOUR).reapOnce()).toEqual({ aborted: 0, purged: 1 });
    expect(await state(u)).toBe('NoSuchUpload');
  });

  it('never expires ACTIVE uploads when the expiry is -1', async () => {
    const u = await store.multipart.createUpload({ bucket: 'b', key: 'k' });
    clock += 365 * DAY;
    expect(await reaper(-1).reapOnce()).toEqual({ aborted: 0, purged: 0 });
    expect(await state(u)).toBe('ACTIVE');
  });

  it('runs on its interval until stopped', async () => {
    vi.useFakeTimers();
    try {
      const r = reaper(HOUR, 60_000);
      const spy = vi.spyOn(r, 'reapOnce');
      r.start();
      await vi.advanceTimersByTimeAsync(180_000);
      expect(spy).toHaveBeenCalledTimes(3);
      r.stop();
      await vi.advanceTimersByTimeAsync(180_000);
      expect(spy).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
