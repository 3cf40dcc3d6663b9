import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ufsClient } from '../../libs/grpc/src/clients';
import { startGrpcServer, type RunningGrpcServer } from '../../libs/grpc/src/server';
import { LocalUfsAdapter } from '../../apps/ufs/src/adapters/local/local-adapter';
import { ufsServiceBinding } from '../../apps/ufs/src/grpc/ufs.grpc-service';
import { UfsOperations } from '../../apps/ufs/src/ufs-operations';
import { SqliteMetadataStore } from '../../apps/metadata/src/store/sqlite-store';
import { s3CodeOf, storeRecord } from '../../apps/metadata/src/testing/store-fixtures';
import { InvalidationHub } from '../../apps/metadata/src/watch/invalidation-hub';
import { UfsSync, type UfsSyncOptions } from '../../apps/metadata/src/sync/ufs-sync';

/**
 * UfsSync against real parts: a SQLite metadata store in a temp dir, and a real UfsService (LocalUfsAdapter over a
 * temp root, gRPC on a free port) reached through `ufsClient`. Files are created, changed and deleted with node:fs
 * under <root>/<bucket>/<key>, i.e. behind Silt's back. Time is a hand-driven clock shared by the sync and the store
 * (nothing sleeps for an interval); the invalidation hub is a real one, spied on.
 */

const BUCKET = 'b';

/** A record as Silt's own CommitObject would write it. */
const siltRecord = (key: string) => storeRecord(key, { bucket: BUCKET, etag: 'silt-etag', ufs_version: 'silt-version' });

const codeOf = s3CodeOf;

describe(UfsSync.name, () => {
  let dbDir: string;
  let root: string;
  let store: SqliteMetadataStore;
  let server: RunningGrpcServer | undefined;
  let ufs: ReturnType<typeof ufsClient>;
  let hub: InvalidationHub;
  let clock: number;
  const warnings: string[] = [];
  const log = { info: () => undefined, warn: (_obj: unknown, msg?: string) => void warnings.push(msg ?? '') };

  const sync = (intervalMs: number, options: Partial<UfsSyncOptions> = {}) =>
    new UfsSync(store, ufs, hub, { intervalMs, log, now: () => clock, ...options });
  /** Writes <root>/<bucket>/<key> directly: the UFS changes behind Silt's back. */
  const put = (key: string, body: string) => {
    const file = join(root, BUCKET, key);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  };
  const remove = (key: string) => rmSync(join(root, BUCKET, key));
  /** A key "known" checked once, then the ufs gone and the interval past. */
  const knownKeyThenUfsDown = async () => {
    put('known', 'k');
    const s = sync(5_000);
    await s.beforeGet(BUCKET, 'known');
    await stopUfs();
    clock += 10_000;
    return s;
  };
  /** The ufs service goes away (its port refuses connections). */
  const stopUfs = async () => {
    await server!.stop(200);
    server = undefined;
  };
  const record = (key: string) => store.getObject(BUCKET, key);
  const sizeOf = async (key: string) => (await record(key)).size;
  const keys = async (prefix = '') =>
    (await store.listObjects(BUCKET, { prefix, delimiter: '', startAfter: '', maxKeys: 1000 })).objects.map((o) => o.key);

  beforeEach(async () => {
    clock = 1_700_000_000_000;
    warnings.length = 0;
    dbDir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'silt-ufs-sync-db-'));
    root = mkdtempSync(join(tmpdir(), 'silt-ufs-sync-root-'));
    store = new SqliteMetadataStore({ dataDir: dbDir, now: () => clock });
    await store.createBucket({ name: BUCKET, owner: 'alice', region: 'us-east-1' });
    // The bucket's location is <root mount>/<bucket name>: the local layout's <root>/<bucket> directory.
    mkdirSync(join(root, BUCKET));
    const adapter = new LocalUfsAdapter({ root, fsync: false });
    await adapter.start();
    server = await startGrpcServer('127.0.0.1', 0, [ufsServiceBinding(new UfsOperations(new Map([['root', adapter]])))]);
    ufs = ufsClient(`127.0.0.1:${server.port}`);
    hub = new InvalidationHub({ priorLeasesMs: 0 });
    vi.spyOn(hub, 'invalidate'); // calls through: only records what was invalidated
  });
  afterEach(async () => {
    ufs.close();
    await server?.stop(200);
    server = undefined;
    hub.close();
    store.close();
    rmSync(dbDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  });

  describe('beforeGet', () => {
    it("imports a key created behind Silt's back, answers with the check's age, and invalidates the key", async () => {
      put('photos/cat.jpg', 'meow!');
      const s = sync(5_000);
      expect(await s.beforeGet(BUCKET, 'photos/cat.jpg')).toBe(0);
      const r = await record('photos/cat.jpg');
      expect(r).toMatchObject({ bucket: BUCKET, key: 'photos/cat.jpg', size: 5, owner: 'alice', location: { mount_id: 'root', path: 'b/photos/cat.jpg' } });
      expect(r.ufs_version).not.toBe('');
      expect(r.etag).toMatch(/^[0-9a-f]{32}$/); // a file has no ETag: the record gets a stand-in
      expect(hub.invalidate).toHaveBeenCalledWith(BUCKET, 'photos/cat.jpg');
    });

    it('finds a key absent from both the UFS and the index absent, without writing or invalidating', async () => {
      const s = sync(5_000);
      expect(await s.beforeGet(BUCKET, 'nothing-here')).toBe(0);
      expect(await codeOf(record('nothing-here'))).toBe('NoSuchKey');
      expect(hub.invalidate).not.toHaveBeenCalled();
    });

    it('does not re-stat within the interval, and answers with the age since the last check', async () => {
      put('k', 'one');
      const s = sync(5_000);
      await s.beforeGet(BUCKET, 'k');
      const first = await record('k');
      put('k', 'changed behind the back');
      clock += 2_000;
      expect(await s.beforeGet(BUCKET, 'k')).toBe(2_000);
      expect(await record('k')).toEqual(first);
      clock += 2_999;
      expect(await s.beforeGet(BUCKET, 'k')).toBe(4_999);
      expect(await sizeOf('k')).toBe(3);
    });

    it('re-stats once the interval has passed: a changed file updates the record, a deleted one drops it', async () => {
      put('k', 'one');
      const s = sync(5_000);
      await s.beforeGet(BUCKET, 'k');
      const first = await record('k');
      put('k', 'version two');
      clock += 5_000; // an age equal to the interval is no longer fresh
      expect(await s.beforeGet(BUCKET, 'k')).toBe(0);
      const second = await record('k');
      expect(second.size).toBe(11);
      expect(second.ufs_version).not.toBe(first.ufs_version);
      expect(second.etag).not.toBe(first.etag);
      vi.mocked(hub.invalidate).mockClear();

      remove('k');
      clock += 6_000;
      expect(await s.beforeGet(BUCKET, 'k')).toBe(0);
      expect(await codeOf(record('k'))).toBe('NoSuchKey');
      expect(hub.invalidate).toHaveBeenCalledWith(BUCKET, 'k');
    });

    it('leaves an unchanged key alone after the interval (nothing written, nothing invalidated)', async () => {
      put('k', 'same');
      const s = sync(5_000);
      await s.beforeGet(BUCKET, 'k');
      const first = await record('k');
      vi.mocked(hub.invalidate).mockClear();
      clock += 10_000;
      expect(await s.beforeGet(BUCKET, 'k')).toBe(0);
      expect(await record('k')).toEqual(first);
      expect(hub.invalidate).not.toHaveBeenCalled();
      clock += 1_000;
      expect(await s.beforeGet(BUCKET, 'k')).toBe(1_000); // the unchanged check counts as a check
    });

    it("re-stats when the caller's max age is shorter than the time since the check", async () => {
      put('k', 'one');
      const s = sync(5_000);
      await s.beforeGet(BUCKET, 'k');
      put('k', 'two, longer');
      clock += 3_000;
      // The interval alone would not re-stat yet...
      expect(await s.beforeGet(BUCKET, 'k')).toBe(3_000);
      expect(await sizeOf('k')).toBe(3);
      // ...a max age of 2 s does.
      expect(await s.beforeGet(BUCKET, 'k', 2_000)).toBe(0);
      expect(await sizeOf('k')).toBe(11);
      // A max age longer than the time since this check changes nothing.
      clock += 1_000;
      expect(await s.beforeGet(BUCKET, 'k', 2_000)).toBe(1_000);
    });

    it('caps a max age longer than the interval at the interval', async () => {
      put('k', 'one');
      const s = sync(5_000);
      await s.beforeGet(BUCKET, 'k');
      put('k', 'two, longer');
      clock += 4_000;
      expect(await s.beforeGet(BUCKET, 'k', 60_000)).toBe(4_000);
      expect(await sizeOf('k')).toBe(3);
      clock += 1_500; // 5.5 s since the check: below the max age asked, past the interval
      expect(await s.beforeGet(BUCKET, 'k', 60_000)).toBe(0);
      expect(await sizeOf('k')).toBe(11);
    });

    it('re-stats on every call with interval 0', async () => {
      put('k', 'one');
      const s = sync(0);
      expect(await s.beforeGet(BUCKET, 'k')).toBe(0);
      put('k', 'two, longer');
      expect(await s.beforeGet(BUCKET, 'k')).toBe(0); // same instant, still re-stat'ed
      expect(await sizeOf('k')).toBe(11);
    });

    it('trusts a key Silt itself just wrote (noteWritten) for one interval, then checks it like any other', async () => {
      const s = sync(5_000);
      await store.commitObject({ object: siltRecord('mine') }); // the UFS shows no such file
      s.noteWritten(BUCKET, 'mine');
      clock += 4_000;
      expect(await s.beforeGet(BUCKET, 'mine')).toBe(4_000);
      expect((await record('mine')).etag).toBe('silt-etag');
      clock += 1_000;
      expect(await s.beforeGet(BUCKET, 'mine')).toBe(0);
      expect(await codeOf(record('mine'))).toBe('NoSuchKey');
    });

    it('rejects a bucket the index does not know with NoSuchBucket', async () => {
      expect(await codeOf(sync(5_000).beforeGet('no-such-bucket', 'k'))).toBe('NoSuchBucket');
    });
  });

  describe('beforeGetMany', () => {
    it('stats every due key in one StatObjects call; fresh keys answer with their age, each key its own outcome', async () => {
      put('fresh', 'f');
      put('due-1', 'd');
      put('due-2', 'dd');
      const s = sync(5_000);
      await s.beforeGet(BUCKET, 'fresh');
      clock += 1_000;
      const statObjects = vi.spyOn(UfsOperations.prototype, 'statObjects');
      try {
        const outcomes = await s.beforeGetMany(BUCKET, ['due-1', 'fresh', 'missing', 'due-2']);
        expect(outcomes).toEqual([0, 1_000, 0, 0]);
        expect(statObjects).toHaveBeenCalledTimes(1);
        expect(statObjects.mock.calls[0][0].map((l) => l?.path)).toEqual(['b/due-1', 'b/missing', 'b/due-2']);
        expect(await sizeOf('due-2')).toBe(2);
        expect(await codeOf(record('missing'))).toBe('NoSuchKey');
        // Joined, not repeated: a key being stat'ed is not asked for again by a concurrent caller.
        clock += 10_000;
        statObjects.mockClear();
        await Promise.all([s.beforeGetMany(BUCKET, ['due-1', 'due-2']), s.beforeGetMany(BUCKET, ['due-2', 'due-1'])]);
        expect(statObjects).toHaveBeenCalledTimes(1);
      } finally {
        statObjects.mockRestore();
      }
    });

    it('with the UFS down, answers known keys from the index and unknown ones with ServiceUnavailable, key by key', async () => {
      const s = await knownKeyThenUfsDown();
      const [known, unknown] = await s.beforeGetMany(BUCKET, ['known', 'unknown']);
      expect(known).toBe(0);
      expect(unknown).toBeInstanceOf(Error);
      expect((unknown as { code: string }).code).toBe('ServiceUnavailable');
    });
  });

  describe('beforeList', () => {
    it("imports the prefix's new files and sweeps records whose files were deleted, leaving other prefixes alone", async () => {
      put('dir/a', 'a');
      put('dir/sub/b', 'bb');
      put('dir/gone', 'soon gone');
      put('other/c', 'ccc');
      const s = sync(5_000);
      await s.beforeList(BUCKET, 'dir/');
      expect(await keys()).toEqual(['dir/a', 'dir/gone', 'dir/sub/b']);
      expect(await sizeOf('dir/sub/b')).toBe(2);
      expect(hub.invalidate).toHaveBeenCalledWith(BUCKET, '');

      remove('dir/gone');
      put('dir/new', 'new!');
      clock += 5_000;
      await s.beforeList(BUCKET, 'dir/');
      expect(await keys()).toEqual(['dir/a', 'dir/new', 'dir/sub/b']);
      expect(await codeOf(record('dir/gone'))).toBe('NoSuchKey');
    });

    it('does not re-list a prefix (or a prefix under it) listed within the interval', async () => {
      put('dir/a', 'a');
      const s = sync(5_000);
      await s.beforeList(BUCKET, 'dir/');
      put('dir/late', 'late');
      put('dir/sub/late', 'late');
      clock += 4_999;
      await s.beforeList(BUCKET, 'dir/');
      await s.beforeList(BUCKET, 'dir/sub/');
      expect(await keys()).toEqual(['dir/a']);
      clock += 1;
      await s.beforeList(BUCKET, 'dir/sub/');
      expect(await keys()).toEqual(['dir/a', 'dir/sub/late']);
    });

    it("lets beforeGet of a key covered by a fresh listing answer with the listing's age, without a stat", async () => {
      put('dir/a', 'a');
      const s = sync(5_000);
      await s.beforeList(BUCKET, 'dir/');
      put('dir/a', 'changed behind the back');
      put('dir/unlisted', 'x');
      clock += 1_500;
      expect(await s.beforeGet(BUCKET, 'dir/a')).toBe(1_500);
      expect(await sizeOf('dir/a')).toBe(1);
      // The listing vouches for absence too: a key it did not see stays unknown.
      expect(await s.beforeGet(BUCKET, 'dir/unlisted')).toBe(1_500);
      expect(await codeOf(record('dir/unlisted'))).toBe('NoSuchKey');
      // A key outside the listed prefix is stat'ed.
      put('elsewhere', 'e');
      expect(await s.beforeGet(BUCKET, 'elsewhere')).toBe(0);
      expect(await sizeOf('elsewhere')).toBe(1);
      // Past the interval the key is stat'ed again.
      clock += 3_500;
      expect(await s.beforeGet(BUCKET, 'dir/a')).toBe(0);
      expect(await sizeOf('dir/a')).toBe(23);
    });

    it('does not sweep a record Silt committed after the listing started', async () => {
      const s = sync(5_000);
      put('dir/a', 'a');
      await s.beforeList(BUCKET, 'dir/');
      // Silt commits a record whose file the UFS does not show (yet); a listing starting at that instant keeps it.
      clock += 5_000;
      await store.commitObject({ object: siltRecord('dir/committed') });
      await s.beforeList(BUCKET, 'dir/');
      expect(await keys()).toEqual(['dir/a', 'dir/committed']);
    });

    it("forgets a bucket's listings on forgetBucket", async () => {
      const s = sync(5_000);
      await s.beforeList(BUCKET, '');
      put('late', 'x');
      s.forgetBucket(BUCKET);
      await s.beforeList(BUCKET, '');
      expect(await keys()).toEqual(['late']);
    });
  });

  describe('interval -1 (load once)', () => {
    it('loads the whole bucket on first access, answers -1, and never looks at the UFS again', async () => {
      put('early', 'e');
      put('dir/changing', 'one');
      const s = sync(-1);
      expect(await s.beforeGet(BUCKET, 'early')).toBe(-1);
      expect(await keys()).toEqual(['dir/changing', 'early']);

      put('late', 'l');
      put('dir/late', 'l');
      put('dir/changing', 'two, longer');
      remove('early');
      clock += 365 * 24 * 3600_000;
      expect(await s.beforeGet(BUCKET, 'late')).toBe(-1);
      expect(await s.beforeGet(BUCKET, 'dir/changing', 1)).toBe(-1);
      await s.beforeList(BUCKET, 'dir/');
      await s.beforeList(BUCKET, '');
      expect(await keys()).toEqual(['dir/changing', 'early']);
      expect(await sizeOf('dir/changing')).toBe(3);
    });

    it('loads the whole bucket even when the first access is a listing of a prefix', async () => {
      put('dir/a', 'a');
      put('top', 't');
      const s = sync(-1);
      await s.beforeList(BUCKET, 'dir/');
      expect(await keys()).toEqual(['dir/a', 'top']);
    });
  });

  describe('an unreachable UFS', () => {
    it('answers a key Silt knows from the index (age 0) and a key it does not know with ServiceUnavailable', async () => {
      const s = await knownKeyThenUfsDown();
      const started = Date.now();
      expect(await s.beforeGet(BUCKET, 'known')).toBe(0);
      expect(await sizeOf('known')).toBe(1);
      expect(await codeOf(s.beforeGet(BUCKET, 'unknown'))).toBe('ServiceUnavailable');
      // grpc-js fails a call on a refused connection at once (no waitForReady): StatObject's 30 s deadline never runs.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(warnings).toContain('metadata sync: stat of the UFS failed');
      // A failed check is no check: the next GetObject tries the UFS again.
      expect(await codeOf(s.beforeGet(BUCKET, 'unknown'))).toBe('ServiceUnavailable');
    });

    it('rejects a first listing with ServiceUnavailable, and serves a bucket listed before from the index', async () => {
      put('a', 'a');
      const listedBefore = sync(5_000);
      await listedBefore.beforeList(BUCKET, '');
      const neverListed = sync(5_000);
      await stopUfs();
      clock += 10_000;
      expect(await codeOf(neverListed.beforeList(BUCKET, ''))).toBe('ServiceUnavailable');
      await listedBefore.beforeList(BUCKET, '');
      expect(await keys()).toEqual(['a']);
      expect(warnings).toContain('metadata sync: listing the UFS failed');
    });

    it('rejects a listing of a prefix never listed even when another prefix of the bucket was', async () => {
      put('x/1', 'x');
      put('y/1', 'y');
      const s = sync(5_000);
      await s.beforeList(BUCKET, 'x/');
      await stopUfs();
      clock += 10_000;
      await s.beforeList(BUCKET, 'x/'); // listed before: the index answers
      await s.beforeList(BUCKET, 'x/deeper/'); // under a prefix listed before: the same
      expect(await codeOf(s.beforeList(BUCKET, 'y/'))).toBe('ServiceUnavailable'); // never listed: not "empty"
    });

    it('interval -1, the UFS down at the first access: a key the index knows is answered from it', async () => {
      await store.commitObject({ object: siltRecord('mine') });
      const s = sync(-1);
      await stopUfs();
      expect(await s.beforeGet(BUCKET, 'mine')).toBe(-1);
      expect(await codeOf(s.beforeGet(BUCKET, 'unknown'))).toBe('ServiceUnavailable');
    });
  });

  it('a listing in the same millisecond as an earlier round still sweeps what it did not see', async () => {
    put('gone-soon', 'g');
    const s = sync(0);
    await s.beforeList(BUCKET, '');
    expect(await keys()).toEqual(['gone-soon']);
    remove('gone-soon');
    await s.beforeList(BUCKET, ''); // the clock has not moved
    expect(await keys()).toEqual([]);
    // A stat and a listing in one millisecond: the same.
    put('statted', 's');
    await s.beforeGet(BUCKET, 'statted');
    remove('statted');
    await s.beforeList(BUCKET, '');
    expect(await keys()).toEqual([]);
  });
});
