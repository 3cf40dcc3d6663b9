import { describe, expect, it } from 'vitest';
import type { Upload__Output } from '../../../../libs/grpc/generated/silt/metadata/v1/Upload';
import { ActiveUploads } from './upload-cache';

const upload = (over: Partial<Upload__Output> = {}) => ({ upload_id: 'u1', bucket: 'b', key: 'k', state: 'ACTIVE', ...over }) as Upload__Output;

describe('ActiveUploads', () => {
  it('asks metadata once per upload, and again after forget', async () => {
    const asked: string[] = [];
    const uploads = new ActiveUploads(async (bucket, key, id) => {
      asked.push(`${bucket}/${key}/${id}`);
      return upload();
    });
    expect((await uploads.get('b', 'k', 'u1')).upload_id).toBe('u1');
    await uploads.get('b', 'k', 'u1');
    expect(asked).toEqual(['b/k/u1']);
    uploads.forget('u1');
    await uploads.get('b', 'k', 'u1');
    expect(asked).toHaveLength(2);
  });

  it('never answers for another bucket or key with a cached upload: it asks, and metadata decides', async () => {
    const asked: string[] = [];
    const uploads = new ActiveUploads(async (bucket, key) => {
      asked.push(`${bucket}/${key}`);
      return bucket === 'b' && key === 'k' ? upload() : null;
    });
    uploads.remember(upload());
    await expect(uploads.get('b', 'other', 'u1')).rejects.toMatchObject({ code: 'NoSuchUpload' });
    await expect(uploads.get('x', 'k', 'u1')).rejects.toMatchObject({ code: 'NoSuchUpload' });
    expect(asked).toEqual(['b/other', 'x/k']);
    expect(uploads.size).toBe(0); // a refused lookup drops the entry
  });

  it('refuses uploads that are not ACTIVE and caches none of them; remembers only ACTIVE ones', async () => {
    let state = 'COMPLETED';
    const uploads = new ActiveUploads(async () => upload({ state }));
    await expect(uploads.get('b', 'k', 'u1')).rejects.toMatchObject({ code: 'NoSuchUpload' });
    uploads.remember(upload({ state: 'ABORTED' }));
    expect(uploads.size).toBe(0);
    state = 'ACTIVE';
    await uploads.get('b', 'k', 'u1');
    expect(uploads.size).toBe(1);
  });

  it('passes metadata errors through uncached', async () => {
    let fail = true;
    const uploads = new ActiveUploads(async () => {
      if (fail) throw new Error('metadata down');
      return upload();
    });
    await expect(uploads.get('b', 'k', 'u1')).rejects.toThrow('metadata down');
    fail = false;
    await expect(uploads.get('b', 'k', 'u1')).resolves.toMatchObject({ upload_id: 'u1' });
  });
});
