import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { toServiceError } from '../../grpc/src/status';
import { S3Error } from '../../s3-protocol/src/errors/s3-errors';
import type { Tag } from './tag-set';
import { TaggingService, type TaggingMetadataClient } from './tagging.service';

/** A metadata client that records calls and answers from a map, failing as the real service would. */
function fakeMetadata() {
  const objects = new Map<string, Tag[]>([['b/k', []]]);
  const buckets = new Map<string, Tag[] | null>([['b', null]]);
  const calls: string[] = [];
  const notFound = (code: string) => Promise.reject(toServiceError(new S3Error(code as 'NoSuchKey')));
  const api = {
    GetObjectTagging: async (r: { bucket: string; key: string }) => {
      calls.push('GetObjectTagging');
      const tags = objects.get(`${r.bucket}/${r.key}`);
      return tags ? { tags } : notFound('NoSuchKey');
    },
    PutObjectTagging: async (r: { bucket: string; key: string; tags: Tag[] }) => {
      calls.push('PutObjectTagging');
      if (!objects.has(`${r.bucket}/${r.key}`)) return notFound('NoSuchKey');
      objects.set(`${r.bucket}/${r.key}`, r.tags);
      return {};
    },
    DeleteObjectTagging: async (r: { bucket: string; key: string }) => {
      calls.push('DeleteObjectTagging');
      objects.set(`${r.bucket}/${r.key}`, []);
      return {};
    },
    GetBucketTagging: async (r: { bucket: string }) => {
      calls.push('GetBucketTagging');
      if (r.bucket === 'down') return Promise.reject({ code: grpc.status.UNAVAILABLE, details: 'connection refused', metadata: new grpc.Metadata() });
      const tags = buckets.get(r.bucket);
      return tags ? { tags } : notFound(buckets.has(r.bucket) ? 'NoSuchTagSet' : 'NoSuchBucket');
    },
    PutBucketTagging: async (r: { bucket: string; tags: Tag[] }) => {
      calls.push('PutBucketTagging');
      buckets.set(r.bucket, r.tags.length ? r.tags : null);
      return {};
    },
    DeleteBucketTagging: async (r: { bucket: string }) => {
      calls.push('DeleteBucketTagging');
      buckets.set(r.bucket, null);
      return {};
    },
  };
  return { client: { api } as unknown as TaggingMetadataClient, calls, objects };
}

function setup(options: { restrictions?: boolean; maxBucketTags?: number } = {}) {
  const fakes = fakeMetadata();
  return { sut: new TaggingService(fakes.client, { restrictions: options.restrictions ?? true, maxBucketTags: options.maxBucketTags }), fakes };
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof S3Error ? e.code : `not an S3Error: ${String(e)}`));
const many = (n: number): Tag[] => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: '' }));

describe(TaggingService.name, () => {
  it('puts, gets and deletes object tags', async () => {
    const { sut } = setup();
    expect(await sut.putObjectTags('b', 'k', [{ key: 'a', value: '1' }])).toEqual([{ key: 'a', value: '1' }]);
    expect(await sut.getObjectTags('b', 'k')).toEqual([{ key: 'a', value: '1' }]);
    await sut.deleteObjectTags('b', 'k');
    expect(await sut.getObjectTags('b', 'k')).toEqual([]);
  });

  it('validates before anything is sent: an invalid set stores nothing', async () => {
    const { sut, fakes } = setup();
    expect(await codeOf(sut.putObjectTags('b', 'k', many(11)))).toBe('InvalidTag');
    expect(await codeOf(sut.putObjectTags('b', 'k', [{ key: 'aws:x', value: '' }]))).toBe('InvalidTag');
    expect(await codeOf(sut.putBucketTags('b', many(11)))).toBe('InvalidTag');
    expect(fakes.calls).toEqual([]);
  });

  it('limits buckets to maxBucketTags, objects always to 10', async () => {
    const { sut } = setup({ maxBucketTags: 50 });
    expect(await sut.putBucketTags('b', many(50))).toHaveLength(50);
    expect(await codeOf(sut.putBucketTags('b', many(51)))).toBe('InvalidTag');
    expect(await codeOf(sut.putObjectTags('b', 'k', many(11)))).toBe('InvalidTag');
  });

  it('lifts the limits when restrictions are off, but not the duplicate-key check', async () => {
    const { sut } = setup({ restrictions: false });
    expect(await sut.putObjectTags('b', 'k', many(20))).toHaveLength(20);
    expect(sut.headerTags('aws%3Ax=1&y=%23')).toEqual([{ key: 'aws:x', value: '1' }, { key: 'y', value: '#' }]);
    expect(await codeOf(sut.putObjectTags('b', 'k', [{ key: 'a', value: '1' }, { key: 'a', value: '2' }]))).toBe('InvalidTag');
  });

  it("turns the service's errors into S3Errors: its S3 code kept, a service down ServiceUnavailable", async () => {
    const { sut } = setup();
    expect(await codeOf(sut.getObjectTags('b', 'missing'))).toBe('NoSuchKey');
    expect(await codeOf(sut.putObjectTags('b', 'missing', []))).toBe('NoSuchKey');
    expect(await codeOf(sut.getBucketTags('b'))).toBe('NoSuchTagSet');
    expect(await codeOf(sut.getBucketTags('nope'))).toBe('NoSuchBucket');
    expect(await codeOf(sut.getBucketTags('down'))).toBe('ServiceUnavailable');
  });

  it('puts, gets and deletes bucket tags', async () => {
    const { sut } = setup();
    await sut.putBucketTags('b', [{ key: 'team', value: 'data' }]);
    expect(await sut.getBucketTags('b')).toEqual([{ key: 'team', value: 'data' }]);
    await sut.deleteBucketTags('b');
    expect(await codeOf(sut.getBucketTags('b'))).toBe('NoSuchTagSet');
  });

  it('reads x-amz-tagging and the CopyObject directive with its rules', () => {
    const { sut } = setup();
    expect(sut.headerTags(undefined)).toBeUndefined();
    expect(sut.headerTags('a=1&b=two+words')).toEqual([{ key: 'a', value: '1' }, { key: 'b', value: 'two words' }]);
    expect(() => sut.headerTags(many(11).map((t) => `${t.key}=`).join('&'))).toThrow(S3Error);
    expect(sut.copyTags(undefined, [{ key: 's', value: '1' }], 'a=1')).toEqual([{ key: 's', value: '1' }]);
    expect(sut.copyTags('REPLACE', [{ key: 's', value: '1' }], 'a=1')).toEqual([{ key: 'a', value: '1' }]);
  });
});
