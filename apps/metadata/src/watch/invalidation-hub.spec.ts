import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { NestFactory } from '@nestjs/core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../libs/config/src/schema';
import { metadataClient, multipartClient } from '../../../../libs/grpc/src/clients';
import { MetadataGrpcServer, MetadataModule } from '../metadata.module';
import { startTestMetadataServer, testRecord, TestWatcher, until, type TestMetadataServer } from '../testing/watch-harness';
import type { InvalidationHubOptions } from './invalidation-hub';

/** The Watch stream through a real gRPC server over SQLite: what writers wait for, and when they stop waiting. */
describe('InvalidationHub (rpc Watch)', () => {
  let srv: TestMetadataServer | undefined;
  let meta: ReturnType<typeof metadataClient> | undefined;
  let watchers: TestWatcher[] = [];

  async function setup(options: InvalidationHubOptions = {}) {
    srv = await startTestMetadataServer(options);
    meta = metadataClient(srv.address);
    return { srv, meta };
  }
  async function watcher(autoAck: boolean) {
    const w = await new TestWatcher(meta!, autoAck).open();
    watchers.push(w);
    return w;
  }
  afterEach(async () => {
    for (const w of watchers) w.close();
    watchers = [];
    meta?.close();
    await srv?.stop();
    srv = meta = undefined;
  });

  it('sends every mutation of objects and buckets, in order, to every watcher', async () => {
    const { meta } = await setup();
    const a = await watcher(true);
    const b = await watcher(true);
    await meta.api.CreateBucket({ bucket: 'photos', owner: 'alice' });
    await meta.api.CommitObject({ object: testRecord('photos', 'k1', 'e1') });
    await meta.api.CommitObject({ object: testRecord('photos', 'k2', 'e1') });
    await meta.api.DeleteObject({ bucket: 'photos', key: 'k1' });
    const mp = multipartClient(srv!.address);
    const { upload } = await mp.api.CreateUpload({ upload: { bucket: 'photos', key: 'big' } });
    await mp.api.CompleteUpload({ bucket: 'photos', key: 'big', upload_id: upload!.upload_id, object: testRecord('photos', 'big', 'm') });
    mp.close();
    await meta.api.DeleteObject({ bucket: 'photos', key: 'k2' });
    await meta.api.DeleteObject({ bucket: 'photos', key: 'big' });
    await meta.api.DeleteBucket({ bucket: 'photos' });
    const expected = [
      ['photos', ''],
      ['photos', 'k1'],
      ['photos', 'k2'],
      ['photos', 'k1'],
      ['photos', 'big'],
      ['photos', 'k2'],
      ['photos', 'big'],
      ['photos', ''],
    ];
    for (const w of [a, b]) {
      expect(w.invalidations.map((m) => [m.bucket, m.key])).toEqual(expected);
      expect(w.invalidations.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }
    // Reads, failed conditions (decided answers that changed nothing) are not sent.
    await meta.api.CreateBucket({ bucket: 'b2', owner: 'alice' });
    await meta.api.CommitObject({ object: testRecord('b2', 'x', 'e1') });
    await meta.api.GetObject({ bucket: 'b2', key: 'x' });
    await meta.api.CommitObject({ object: testRecord('b2', 'x', 'e2'), if_none_match_any: true }).catch(() => undefined);
    expect(a.invalidations.length).toBe(10);
    expect(a.grants[0].lease_ms).toBe(1_000);
  });

  it('answers a commit only after the watcher acked its invalidation', async () => {
    const { meta } = await setup();
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    const w = await watcher(false);
    let done = false;
    const commit = meta.api.CommitObject({ object: testRecord('b', 'k', 'e1') }).then(() => (done = true));
    await until(() => w.invalidations.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toBe(false);
    expect(srv!.hub.watcherCount).toBe(1);
    w.ack(Number(w.invalidations[0].seq));
    await commit;
    expect(done).toBe(true);
    expect(w.error).toBeUndefined();
  });

  it('group commit: concurrent writers each wait for their key, one cumulative ack releases them all', async () => {
    const { meta } = await setup();
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    const w = await watcher(false);
    let done = 0;
    const commits = Array.from({ length: 64 }, (_, i) =>
      meta.api.CommitObject({ object: testRecord('b', `k${i}`, 'e') }).then(() => done++),
    );
    await until(() => w.invalidations.length === 64);
    expect(new Set(w.invalidations.map((m) => m.key)).size).toBe(64);
    expect(done).toBe(0);
    w.ack(Math.max(...w.invalidations.map((m) => Number(m.seq))));
    await Promise.all(commits);
    expect(done).toBe(64);
  });

  it('drops a watcher that does not ack in time; the commit succeeds once its lease has run out', async () => {
    const { meta } = await setup({ ackTimeoutMs: 150, leaseMs: 400 });
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    const good = await watcher(true);
    const renewedAt = performance.now(); // no later than its renewal was sent, received and its lease started
    const slow = await watcher(false); // it may serve hits for 400 ms from sending that renewal
    const t0 = performance.now();
    const res = await meta.api.CommitObject({ object: testRecord('b', 'k', 'e1') });
    const took = performance.now() - t0;
    expect(res.object?.etag).toBe('e1');
    expect(performance.now() - renewedAt).toBeGreaterThanOrEqual(395); // not before the slow one's lease ended
    expect(took).toBeGreaterThanOrEqual(150);
    expect(took).toBeLessThan(1_500);
    await until(() => slow.error !== undefined);
    expect(slow.error?.code).toBe(grpc.status.UNAVAILABLE);
    expect(slow.error?.details).toMatch(/no ack within 150 ms/);
    expect(srv!.hub.watcherCount).toBe(1);
    // The survivor is unaffected, and the next commit waits only for it.
    const t1 = performance.now();
    await meta.api.CommitObject({ object: testRecord('b', 'k', 'e2') });
    expect(performance.now() - t1).toBeLessThan(1_000); // fsync on this disk varies (up to ~100 ms): no tighter bound
    expect(good.invalidations.length).toBe(2);
    expect(good.error).toBeUndefined();
  });

  it('a watcher whose stream broke is not sent anything more, but its lease is still waited out', async () => {
    const { meta } = await setup({ leaseMs: 400 });
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    const renewedAt = performance.now();
    const w = await watcher(false);
    w.close(); // as a network failure: the gateway may not know yet and keeps serving hits until its lease ends
    await until(() => srv!.hub.watcherCount === 0);
    await meta.api.CommitObject({ object: testRecord('b', 'k', 'e1') });
    expect(performance.now() - renewedAt).toBeGreaterThanOrEqual(395);
    expect(w.invalidations).toEqual([]);
    // Once that lease is over, nobody watches: no wait at all.
    expect(srv!.hub.invalidate('b', 'k')).toBeUndefined();
  });

  it('a watcher that releases (it forgot its cache first) gives its lease back: no wait', async () => {
    const { meta } = await setup({ leaseMs: 5_000 });
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    const w = await watcher(false);
    w.release();
    await until(() => srv!.hub.watcherCount === 0 && w.ended);
    expect(srv!.hub.invalidate('b', 'k')).toBeUndefined();
    const t0 = performance.now();
    await meta.api.CommitObject({ object: testRecord('b', 'k', 'e1') });
    expect(performance.now() - t0).toBeLessThan(2_000); // not the 5 s lease
  });

  it('after a restart, mutations wait out the leases a previous run may have granted', async () => {
    const t0 = performance.now();
    const { meta } = await setup({ leaseMs: 400, priorLeasesMs: undefined });
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(395);
    expect(srv!.hub.invalidate('b', 'k')).toBeUndefined();
  });

  it('with no watcher a mutation costs nothing: invalidate() is undefined and commits do not wait', async () => {
    const { meta } = await setup();
    await meta.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    expect(srv!.hub.invalidate('b', 'k')).toBeUndefined();
    expect(srv!.hub.currentSeq).toBe(0);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await meta.api.CommitObject({ object: testRecord('b', `k${i}`, 'e') });
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(srv!.hub.currentSeq).toBe(0);
  });

  it('the Nest module serves Watch and ends watch streams at shutdown without holding it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silt-metadata-watch-module-'));
    const config = loadConfig({ env: {}, overrides: { 'metadata.port': 0, 'metadata.dataDir': dir, 'metadata.sync.enabled': false } });
    const app = await NestFactory.createApplicationContext(MetadataModule.forRoot(config), { logger: false, abortOnError: false });
    const client = metadataClient(app.get(MetadataGrpcServer).address);
    const w = await new TestWatcher(client, true).open();
    await client.api.CreateBucket({ bucket: 'b', owner: 'alice' });
    expect(w.invalidations.map((m) => m.bucket)).toEqual(['b']);
    const t0 = performance.now();
    await app.close();
    expect(performance.now() - t0).toBeLessThan(1_500);
    await until(() => w.error !== undefined);
    expect(w.error?.code).toBe(grpc.status.UNAVAILABLE);
    client.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
