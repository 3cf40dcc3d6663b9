import { afterEach, describe, expect, it } from 'vitest';
import type { ObjectRecord__Output } from '../../libs/grpc/generated/silt/common/v1/ObjectRecord';
import { metadataClient, multipartClient, type Typed } from '../../libs/grpc/src/clients';
import { fromGrpcError } from '../../libs/grpc/src/status';
import { startTestMetadataServer, testRecord, until, type TestMetadataServer } from '../../apps/metadata/src/testing/watch-harness';
import type { InvalidationHubOptions } from '../../apps/metadata/src/watch/invalidation-hub';
import { RecordCache, type RecordCacheOptions } from '../../apps/s3-gateway/src/data/record-cache';

type MetadataTyped = ReturnType<typeof metadataClient>;

/** Waits until performance.now() reaches `t`. */
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

/** A metadata client whose GetObject answers run `hook` between receiving the answer and returning it. */
function slowGetClient(real: MetadataTyped, hook: { fn?: () => Promise<void> }): MetadataTyped {
  const api = new Proxy(real.api, {
    get(target, method: string) {
      const fn = (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
      if (method !== 'GetObject') return fn;
      return async (req: unknown) => {
        const res = await fn(req);
        if (hook.fn) await hook.fn();
        return res;
      };
    },
  });
  return { raw: real.raw, api, close: () => real.close() } as Typed<MetadataTyped['raw']>;
}

/** RecordCache against a real in-process metadata service (SQLite, gRPC, invalidation hub) over gRPC. */
describe('RecordCache', () => {
  let srv: TestMetadataServer | undefined;
  const closers: (() => void | Promise<void>)[] = [];

  async function setup(hubOptions: InvalidationHubOptions = {}, cacheOptions: RecordCacheOptions = {}, port = 0) {
    srv = await startTestMetadataServer(hubOptions, port);
    const gatewayClient = metadataClient(srv.address);
    const writer = metadataClient(srv.address); // "another gateway"
    closers.push(() => gatewayClient.close(), () => writer.close());
    await writer.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    await writer.api.CommitObject({ object: testRecord('b', 'k', 'e1') });
    const cache = new RecordCache(gatewayClient, cacheOptions);
    closers.push(() => cache.stop());
    cache.start();
    await until(() => cache.serving);
    return { srv, cache, writer, gatewayClient };
  }

  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    await srv?.stop();
    srv = undefined;
  });

  it('serves the second get from memory (metadata is not asked again)', async () => {
    const { srv, cache } = await setup();
    expect((await cache.get('b', 'k')).etag).toBe('e1');
    // Change the row behind the hub's back: a cached answer cannot see it.
    await srv.store.commitObject({ object: testRecord('b', 'k', 'sneaky') as ObjectRecord__Output });
    expect((await cache.get('b', 'k')).etag).toBe('e1');
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1, serving: true });
  });

  it('a write through another client has invalidated the entry before it returns', async () => {
    const { cache, writer } = await setup();
    for (let i = 2; i <= 20; i++) {
      expect((await cache.get('b', 'k')).etag).toBe(`e${i - 1}`);
      await writer.api.CommitObject({ object: testRecord('b', 'k', `e${i}`) });
      expect((await cache.get('b', 'k')).etag).toBe(`e${i}`); // no sleep: the commit's answer implies our ack
    }
    await cache.get('b', 'k');
    await writer.api.DeleteObject({ bucket: 'b', key: 'k' });
    const gone = await cache.get('b', 'k').catch((e: unknown) => e);
    expect(fromGrpcError(gone).code).toBe('NoSuchKey'); // errors pass through unchanged, and are not cached
    expect(fromGrpcError(await cache.get('b', 'k').catch((e: unknown) => e)).code).toBe('NoSuchKey');
    expect(cache.stats().invalidations).toBe(20);

    // CompleteUpload, too.
    const mp = multipartClient(srv!.address);
    closers.push(() => mp.close());
    await writer.api.CommitObject({ object: testRecord('b', 'big', 'single') });
    expect((await cache.get('b', 'big')).etag).toBe('single');
    const { upload } = await mp.api.CreateUpload({ upload: { bucket: 'b', key: 'big' } });
    await mp.api.CompleteUpload({ bucket: 'b', key: 'big', upload_id: upload!.upload_id, object: testRecord('b', 'big', 'multi-2') });
    expect((await cache.get('b', 'big')).etag).toBe('multi-2');
  });

  it('race: an invalidation that overtakes an in-flight GetObject answer keeps that answer out of the cache', async () => {
    srv = await startTestMetadataServer({});
    const real = metadataClient(srv.address);
    const writer = metadataClient(srv.address);
    closers.push(() => real.close(), () => writer.close());
    await writer.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    await writer.api.CommitObject({ object: testRecord('b', 'k', 'old') });
    const hook: { fn?: () => Promise<void> } = {};
    const cache = new RecordCache(slowGetClient(real, hook));
    closers.push(() => cache.stop());
    cache.start();
    await until(() => cache.serving);

    // The answer 'old' has been read; before the cache gets it, a write commits (and is acked by this cache).
    hook.fn = async () => {
      hook.fn = undefined;
      await writer.api.CommitObject({ object: testRecord('b', 'k', 'new') });
    };
    expect((await cache.get('b', 'k')).etag).toBe('old'); // a read concurrent with the write may return either
    expect(cache.stats().entries).toBe(0); // ... but it must not be cached
    expect((await cache.get('b', 'k')).etag).toBe('new');
    expect((await cache.get('b', 'k')).etag).toBe('new');
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('stream break: cache cleared and disabled at once, re-enabled after reconnecting', async () => {
    const { srv, cache, writer } = await setup({}, { minBackoffMs: 50 });
    await cache.get('b', 'k');
    expect(cache.stats().entries).toBe(1);
    srv.hub.close(); // every watch stream ends with UNAVAILABLE, the service stays up
    await until(() => cache.stats().breaks === 1);
    expect(cache.stats()).toMatchObject({ entries: 0, serving: false });
    await cache.get('b', 'k');
    // Reconnected (after the 50 ms backoff): caching again.
    await until(() => cache.serving);
    await cache.get('b', 'k');
    await cache.get('b', 'k');
    expect(cache.stats().hits).toBeGreaterThanOrEqual(1);
    await writer.api.CommitObject({ object: testRecord('b', 'k', 'after') });
    expect((await cache.get('b', 'k')).etag).toBe('after');
  });

  it('metadata down: nothing served from memory, errors pass through; back up: caching resumes', async () => {
    const { srv: first, cache } = await setup({}, { minBackoffMs: 50, maxBackoffMs: 200 });
    await cache.get('b', 'k');
    const port = Number(first.address.split(':')[1]);
    await first.stop();
    srv = undefined;
    await until(() => !cache.serving && cache.stats().entries === 0);
    const err = await cache.get('b', 'k').catch((e: unknown) => e);
    expect(fromGrpcError(err).code).toBe('ServiceUnavailable');
    // A new service on the same port (a restart; fresh database).
    srv = await startTestMetadataServer({}, port);
    const writer = metadataClient(srv.address);
    closers.push(() => writer.close());
    // grpc-js shares the subchannel with the old clients: it may still be in its reconnect backoff for a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await writer.api.CreateBucket({ bucket: 'b', owner: 'alice' });
        break;
      } catch (e) {
        if (attempt > 50) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await writer.api.CommitObject({ object: testRecord('b', 'k', 'reborn') });
    await until(() => cache.serving, 10_000);
    expect((await cache.get('b', 'k')).etag).toBe('reborn');
    expect((await cache.get('b', 'k')).etag).toBe('reborn');
    expect(cache.stats().hits).toBeGreaterThanOrEqual(1);
  });

  it('a gateway whose event loop stalls past its lease serves no hit from memory afterwards', async () => {
    const { cache } = await setup({ leaseMs: 300 });
    await cache.get('b', 'k');
    await cache.get('b', 'k');
    const hits = cache.stats().hits;
    const end = performance.now() + 350;
    while (performance.now() < end); // blocked: no renewal is sent or answered
    void cache.get('b', 'k'); // checked synchronously, before any queued message is processed
    expect(cache.stats().hits).toBe(hits);
    await until(() => cache.serving);
    await cache.get('b', 'k');
    expect(cache.stats().hits).toBe(hits + 1);
  });

  it('stop() releases the lease: writers do not wait for this gateway any more', async () => {
    const { srv, cache, writer } = await setup({ leaseMs: 5_000 });
    await cache.get('b', 'k');
    cache.stop();
    expect(cache.stats()).toMatchObject({ entries: 0, serving: false });
    await until(() => srv.hub.watcherCount === 0);
    const t0 = performance.now();
    await writer.api.CommitObject({ object: testRecord('b', 'k', 'e2') });
    expect(performance.now() - t0).toBeLessThan(2_000); // not the 5 s lease
    expect((await cache.get('b', 'k')).etag).toBe('e2'); // still works, uncached
  });

  it('invalidateLocal forgets one key, or a whole bucket', async () => {
    const { cache, writer } = await setup();
    await writer.api.CommitObject({ object: testRecord('b', 'k2', 'x') });
    await writer.api.CreateBucket({ bucket: 'b2', owner: 'alice' });
    await writer.api.CommitObject({ object: testRecord('b2', 'k', 'y') });
    for (const [b, k] of [['b', 'k'], ['b', 'k2'], ['b2', 'k']]) await cache.get(b, k);
    expect(cache.stats().entries).toBe(3);
    cache.invalidateLocal('b', 'k');
    expect(cache.stats().entries).toBe(2);
    cache.invalidateLocal('b');
    expect(cache.stats().entries).toBe(1);
  });

  it('a hot record is refreshed in the background in the last quarter of its TTL: hits never wait, changes show', async () => {
    // Times are generous (a 750 ms wide last quarter) so that a loaded machine still lands in it.
    const { srv, cache } = await setup({}, { ttlMs: 3_000 });
    const loadedAt = performance.now();
    expect((await cache.get('b', 'k')).etag).toBe('e1');
    await srv.store.commitObject({ object: testRecord('b', 'k', 'sneaky') as ObjectRecord__Output }); // behind the hub
    await sleepUntil(loadedAt + 2_450); // in the last quarter
    expect((await cache.get('b', 'k')).etag).toBe('e1'); // still served from memory, and a refresh started
    await until(() => cache.stats().refreshes === 1 && !(cache as unknown as { refreshing: Set<string> }).refreshing.size);
    const refreshedAt = performance.now();
    expect((await cache.get('b', 'k')).etag).toBe('sneaky'); // the refreshed record, without a miss
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, refreshes: 1 });
    // A record nobody reads is not refreshed: it expires and the next read misses.
    await sleepUntil(refreshedAt + 3_100);
    await cache.get('b', 'k');
    expect(cache.stats()).toMatchObject({ misses: 2, refreshes: 1 });
  }, 15_000);

  it('refreshes due together share one GetObjects call (metadata stats their files in one call too)', async () => {
    srv = await startTestMetadataServer({}, 0);
    const real = metadataClient(srv.address);
    const calls: string[] = [];
    const counting = {
      raw: real.raw,
      close: () => real.close(),
      api: new Proxy(real.api, {
        get(target, method: string) {
          const fn = (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
          return (...args: unknown[]) => {
            calls.push(method);
            return fn(...args);
          };
        },
      }),
    } as MetadataTyped;
    closers.push(() => counting.close());
    await counting.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
    for (const k of keys) await counting.api.CommitObject({ object: testRecord('b', k, 'e1') });
    // Generous times: the 50 records must all be in their last quarter (1.5 s wide) together, on a loaded machine.
    const cache = new RecordCache(counting, { ttlMs: 6_000 });
    closers.push(() => cache.stop());
    cache.start();
    await until(() => cache.serving);
    const loadedAt = performance.now();
    await Promise.all(keys.map((k) => cache.get('b', k)));
    calls.length = 0;
    await sleepUntil(loadedAt + 4_700);
    for (const e of await Promise.all(keys.map((k) => cache.get('b', k)))) expect(e.etag).toBe('e1');
    await until(() => cache.stats().refreshes === 50 && !(cache as unknown as { refreshing: Set<string> }).refreshing.size, 5_000);
    expect(calls).toEqual(['GetObjects']);
    // Refreshed: still served from memory past the first expiry.
    await sleepUntil(loadedAt + 6_300);
    await Promise.all(keys.map((k) => cache.get('b', k)));
    expect(cache.stats()).toMatchObject({ misses: 50, hits: 100 });
  }, 20_000);

  it('a background refresh that finds the key gone forgets it', async () => {
    const { srv, cache } = await setup({}, { ttlMs: 2_000 });
    const loadedAt = performance.now();
    await cache.get('b', 'k');
    await srv.store.deleteObject('b', 'k');
    await sleepUntil(loadedAt + 1_650);
    await cache.get('b', 'k'); // served, refresh started
    await until(() => cache.stats().entries === 0);
    expect(await cache.get('b', 'k').catch((e: unknown) => fromGrpcError(e).code)).toBe('NoSuchKey');
  }, 15_000);

  it('micro-benchmark: cached get() calls/s vs a GetObject round trip', async () => {
    const { cache, gatewayClient } = await setup();
    await cache.get('b', 'k');
    const n = 300_000;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) await cache.get('b', 'k');
    const cachedPerS = n / ((performance.now() - t0) / 1000);
    const m = 1_000;
    t0 = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = 0; i < m / 16; i++) await gatewayClient.api.GetObject({ bucket: 'b', key: 'k' });
      }),
    );
    const rpcPerS = m / ((performance.now() - t0) / 1000);
    console.log(`RecordCache: ${Math.round(cachedPerS).toLocaleString('en')} cached get()/s; GetObject over gRPC (16 concurrent): ${Math.round(rpcPerS).toLocaleString('en')}/s`);
    expect(cachedPerS).toBeGreaterThan(100_000);
  }, 30_000);
});
