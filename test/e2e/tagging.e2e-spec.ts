/**
 * Object and bucket tagging end to end: the JS SDK and raw HTTP here, boto3 and the AWS CLI through
 * python/tagging_checks.py (one run per case, one `it` per sub-check), the example app that imports only
 * TaggingModule, the restrictions switch and the metadata cap, and tags surviving a restart of every service.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envNameOf } from '../../libs/config/src/schema';
import { rawRequest, startTestCluster, type TestCluster } from './helpers/test-cluster';
import { s3Error } from './helpers/s3';
import { pythonChecks } from './helpers/python';

type Tag = { Key: string; Value: string };
/** GetObjectTagging/GetBucketTagging answer tags sorted by key (UTF-8 byte order), as S3 does. */
const byKey = (tags: Tag[] | undefined): Tag[] => [...(tags ?? [])].sort((a, b) => Buffer.compare(Buffer.from(a.Key), Buffer.from(b.Key)));
const tagSet = (pairs: Array<[string, string]>): { TagSet: Tag[] } => ({ TagSet: pairs.map(([Key, Value]) => ({ Key, Value })) });

/** Retries while a restarted service comes back (503 ServiceUnavailable / connection refused). */
async function eventually<T>(fn: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      const status = err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
      if (Date.now() > end || (status !== undefined && status < 500)) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const taggingXml = (pairs: Array<[string, string]>) =>
  `<Tagging><TagSet>${pairs.map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`).join('')}</TagSet></Tagging>`;

describe('tagging against a real cluster', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  const bucket = 'tags-js';

  beforeAll(async () => {
    cluster = await startTestCluster();
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  describe('JS SDK', () => {
    it('puts, gets and deletes object tags; GET reports TagCount, HEAD x-amz-tagging-count', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'obj', Body: 'hello' }));
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'obj' }))).TagSet).toEqual([]);
      const tags = tagSet([['project', 'silt'], ['Cost Center', '42'], ['ключ', 'значение']]);
      await s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'obj', Tagging: tags }));
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'obj' }))).TagSet).toEqual(byKey(tags.TagSet));
      const get = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'obj' }));
      await get.Body?.transformToByteArray();
      expect(get.TagCount).toBe(3);
      const head = await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/obj`);
      expect(head.headers['x-amz-tagging-count']).toBe('3');
      await s3.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: 'obj' }));
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'obj' }))).TagSet).toEqual([]);
      expect((await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/obj`)).headers['x-amz-tagging-count']).toBeUndefined();
    });

    it('applies Tagging on PutObject and the tagging directive on CopyObject', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'src', Body: 's', Tagging: 'a=1&b=two%20words' }));
      const srcTags = [{ Key: 'a', Value: '1' }, { Key: 'b', Value: 'two words' }];
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'src' }))).TagSet).toEqual(srcTags);
      await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'c1', CopySource: `${bucket}/src` }));
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'c1' }))).TagSet).toEqual(srcTags);
      await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'c2', CopySource: `${bucket}/src`, TaggingDirective: 'REPLACE', Tagging: 'n=1' }));
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'c2' }))).TagSet).toEqual([{ Key: 'n', Value: '1' }]);
    });

    it('refuses 11 tags, a 129-character key, an aws: key and duplicate keys with InvalidTag, storing nothing', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'lim', Body: 'x', Tagging: 'keep=1' }));
      const put = (pairs: Array<[string, string]>) => s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'lim', Tagging: tagSet(pairs) }));
      await put(Array.from({ length: 10 }, (_, i): [string, string] => [`k${i}`, 'v']));
      for (const bad of [
        Array.from({ length: 11 }, (_, i): [string, string] => [`k${i}`, 'v']),
        [['k'.repeat(129), 'v']],
        [['k', 'v'.repeat(257)]],
        [['aws:tag', 'v']],
        [['dup', '1'], ['dup', '2']],
      ] as Array<Array<[string, string]>>) {
        expect(await s3Error(put(bad))).toEqual({ name: 'InvalidTag', status: 400 });
      }
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'lim' }))).TagSet).toHaveLength(10);
      expect(await s3Error(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'lim2', Body: 'x', Tagging: 'aws:x=1' })))).toEqual({
        name: 'InvalidTag',
        status: 400,
      });
      expect(await s3Error(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'lim2' })))).toMatchObject({ status: 404 });
    });

    it('answers MetadataTooLarge over 2 KB of user metadata (2048 bytes is fine)', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'm1', Body: 'x', Metadata: { k: 'v'.repeat(2047) } }));
      expect(await s3Error(s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'm2', Body: 'x', Metadata: { k: 'v'.repeat(2048) } })))).toEqual({
        name: 'MetadataTooLarge',
        status: 400,
      });
    });

    it('counts user metadata in UTF-8 bytes: 1 + 2 x 1023 + 1 = 2048 is fine, 1 + 2 x 1024 = 2049 is not', async () => {
      // 'é' (U+00E9) as node writes it into a header; whether as raw UTF-8 or as Latin-1, the gateway reads back 'é'.
      const utf8Header = (s: string) => s;
      const ok = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}/mb1`, {
        headers: { 'x-amz-meta-k': utf8Header(`${'é'.repeat(1023)}v`), 'content-length': '1' },
        body: 'x',
      });
      expect(ok.status, ok.body).toBe(200);
      const tooLarge = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}/mb2`, {
        headers: { 'x-amz-meta-k': utf8Header('é'.repeat(1024)), 'content-length': '1' },
        body: 'x',
      });
      expect([tooLarge.status, /<Code>MetadataTooLarge<\/Code>/.test(tooLarge.body)]).toEqual([400, true]);
      expect((await rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/mb2`)).status).toBe(404);
    });

    it('keeps one whole tag set of concurrent PutObjectTagging calls (last write wins, never a merge)', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'race', Body: 'x' }));
      const sets = Array.from({ length: 24 }, (_, i) => tagSet([[`writer`, String(i)], [`only-${i}`, 'x']]));
      await Promise.all(sets.map((t) => s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'race', Tagging: t }))));
      const final = (await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'race' }))).TagSet;
      expect(sets.map((s) => JSON.stringify(byKey(s.TagSet)))).toContain(JSON.stringify(final));
    });

    it('puts, gets and deletes bucket tags; an untagged bucket is NoSuchTagSet (404)', async () => {
      expect(await s3Error(s3.send(new GetBucketTaggingCommand({ Bucket: bucket })))).toEqual({ name: 'NoSuchTagSet', status: 404 });
      await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: tagSet([['team', 'data']]) }));
      expect((await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet).toEqual([{ Key: 'team', Value: 'data' }]);
      await s3.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
      expect(await s3Error(s3.send(new GetBucketTaggingCommand({ Bucket: bucket })))).toEqual({ name: 'NoSuchTagSet', status: 404 });
    });
  });

  describe('raw HTTP', () => {
    it('checks Content-MD5: a mismatch is BadDigest, nothing stored; a match is 200', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'md5', Body: 'x' }));
      const body = taggingXml([['a', '1']]);
      const md5 = createHash('md5').update(body).digest('base64');
      const wrong = createHash('md5').update('other').digest('base64');
      const bad = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}/md5?tagging`, { headers: { 'content-md5': wrong }, body });
      expect([bad.status, /<Code>BadDigest<\/Code>/.test(bad.body)]).toEqual([400, true]);
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'md5' }))).TagSet).toEqual([]);
      const ok = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}/md5?tagging`, { headers: { 'content-md5': md5 }, body });
      expect(ok.status, ok.body).toBe(200);
      const got = await rawRequest(cluster.endpoint, 'GET', `/${bucket}/md5?tagging`);
      expect(got.body).toBe(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>',
      );
    });

    it('answers MalformedXML for a body that is not a Tagging document', async () => {
      for (const body of ['<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>', '<Tagging/>', 'nope']) {
        const res = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}/md5?tagging`, { body });
        expect([res.status, /<Code>MalformedXML<\/Code>/.test(res.body)]).toEqual([400, true]);
      }
      const res = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}?tagging`, { body: '<Tagging></Tagging>' });
      expect(res.status).toBe(400);
    });

    it('answers PutBucketTagging with 204 and GetBucketTagging with the document', async () => {
      const put = await rawRequest(cluster.endpoint, 'PUT', `/${bucket}?tagging`, { body: taggingXml([['x', 'y']]) });
      expect(put.status).toBe(204);
      const got = await rawRequest(cluster.endpoint, 'GET', `/${bucket}?tagging`);
      expect([got.status, got.body.includes('<Tag><Key>x</Key><Value>y</Value></Tag>')]).toEqual([200, true]);
    });
  });

  describe('the example app (TaggingModule alone, over the metadata service)', () => {
    it('tags an object that the gateway then reports at once', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'example/obj', Body: 'x' }));
      const env = {
        PATH: process.env.PATH,
        [envNameOf('metadata.host')]: cluster.layout.host,
        [envNameOf('metadata.port')]: String(cluster.layout.metadataPort),
      };
      const out = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
        execFile(
          process.execPath,
          [resolve('dist/examples/tagging-app/main.js'), bucket, 'example/obj', 'lineage=run-42', 'split=train set'],
          { env, timeout: 30_000 },
          (err, stdout, stderr) => done({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
        ),
      );
      expect(out, out.stderr).toMatchObject({ code: 0 });
      const expected = [{ key: 'lineage', value: 'run-42' }, { key: 'split', value: 'train set' }];
      expect(JSON.parse(out.stdout.trim())).toEqual({ bucket, key: 'example/obj', tags: expected });
      expect((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'example/obj' }))).TagSet).toEqual(
        expected.map((t) => ({ Key: t.key, Value: t.value })),
      );
    });
  });

  describe('boto3 and the AWS CLI (python/tagging_checks.py)', () => {
    const { expectCheck } = pythonChecks('tagging_checks.py', () => cluster.endpoint, { logs: () => cluster.logs });

    const cases: Record<string, string[]> = {
      objects: [
        'put_get_delete_object_tagging',
        'put_replaces_not_merges',
        'tagging_leaves_object_unchanged',
        'put_object_with_tagging_header',
        'overwrite_without_tagging_clears_tags',
        'copy_object_tagging_directive',
        'create_multipart_upload_with_tagging',
        'missing_object_NoSuchKey_and_tags_die_with_object',
      ],
      limits: [
        'ten_tags_ok_eleven_InvalidTag',
        'key_128_ok_129_and_empty_InvalidTag',
        'value_256_ok_257_InvalidTag',
        'aws_prefix_InvalidTag',
        'duplicate_keys_InvalidTag',
        'bad_characters_InvalidTag',
        'x_amz_tagging_limits_InvalidTag_nothing_stored',
        'metadata_2048_ok_2049_MetadataTooLarge',
      ],
      buckets: [
        'untagged_bucket_NoSuchTagSet',
        'put_get_replace_delete_bucket_tagging',
        'bucket_limits_InvalidTag',
        'missing_bucket_NoSuchBucket',
        'tags_die_with_bucket',
      ],
      cli: ['s3api_put_get_delete_object_tagging', 's3api_put_object_tagging', 's3api_invalid_tag', 's3api_bucket_tagging'],
    };
    for (const [name, checks] of Object.entries(cases)) {
      describe(name === 'cli' ? 'AWS CLI' : `boto3 ${name}`, () => {
        for (const check of checks) it(check, () => expectCheck(name, check));
      });
    }
  });

  // Last: restarts every process of this cluster.
  describe('durability', () => {
    it('keeps object and bucket tags across a restart of every service', async () => {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'durable', Body: 'x', Tagging: 'kept=yes' }));
      await s3.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'durable', Tagging: tagSet([['kept', 'yes'], ['after', 'put']]) }));
      await s3.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: tagSet([['bucket', 'kept']]) }));
      for (const label of ['metadata', 'ufs', 'cache-0', 's3-gateway']) await cluster.restart(label);
      const tags = await eventually(() => s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'durable' })));
      expect(tags.TagSet).toEqual(byKey([{ Key: 'kept', Value: 'yes' }, { Key: 'after', Value: 'put' }]));
      const head = await eventually(() => rawRequest(cluster.endpoint, 'HEAD', `/${bucket}/durable`));
      expect(head.headers['x-amz-tagging-count']).toBe('2');
      expect((await eventually(() => s3.send(new GetBucketTaggingCommand({ Bucket: bucket })))).TagSet).toEqual([{ Key: 'bucket', Value: 'kept' }]);
    });
  });
});

describe('tagging with s3.tagging.restrictions.enabled=false and s3.metadata.maxSize=4KiB', () => {
  let cluster: TestCluster;
  let s3: S3Client;
  beforeAll(async () => {
    cluster = await startTestCluster({ extra: { 's3.tagging.restrictions.enabled': false, 's3.metadata.maxSize': '4KiB' } });
    s3 = cluster.client();
    await s3.send(new CreateBucketCommand({ Bucket: 'free' }));
    await s3.send(new PutObjectCommand({ Bucket: 'free', Key: 'k', Body: 'x' }));
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  it('accepts what the limits refuse: 20 tags, long keys and values, aws: keys, any character', async () => {
    const pairs: Array<[string, string]> = [
      ...Array.from({ length: 17 }, (_, i): [string, string] => [`k${i}`, 'v']),
      ['k'.repeat(200), 'v'.repeat(300)],
      ['aws:mine', 'ok'],
      ['symbols!#', 'a*b'],
    ];
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'free', Key: 'k', Tagging: tagSet(pairs) }));
    expect((await s3.send(new GetObjectTaggingCommand({ Bucket: 'free', Key: 'k' }))).TagSet).toHaveLength(20);
    await s3.send(new PutBucketTaggingCommand({ Bucket: 'free', Tagging: tagSet(pairs) }));
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: 'free' }))).TagSet).toHaveLength(20);
  });

  it('still refuses duplicate keys (a tag set is a map)', async () => {
    const dup = tagSet([['a', '1'], ['a', '2']]);
    expect(await s3Error(s3.send(new PutObjectTaggingCommand({ Bucket: 'free', Key: 'k', Tagging: dup })))).toEqual({ name: 'InvalidTag', status: 400 });
  });

  it('caps user metadata at the configured 4 KiB', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'free', Key: 'm', Body: 'x', Metadata: { k: 'v'.repeat(4095) } }));
    expect(await s3Error(s3.send(new PutObjectCommand({ Bucket: 'free', Key: 'm2', Body: 'x', Metadata: { k: 'v'.repeat(4096) } })))).toEqual({
      name: 'MetadataTooLarge',
      status: 400,
    });
  });
});
