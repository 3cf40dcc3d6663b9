import { describe, expect, it } from 'vitest';
import { randomKeys, rng } from '../testing/listing-model';
import { memoryUploadScan, modelUploadListing, type ModelEntry, type ModelUpload } from '../testing/upload-model';
import { listUploadsPage, type UploadListPage, type UploadPosition } from './upload-listing';

const entriesOf = (page: UploadListPage<UploadPosition>): ModelEntry[] =>
  [
    ...page.uploads.map((u) => ({ sort: u.key, e: { upload: u.upload_id } as ModelEntry, u })),
    ...page.commonPrefixes.map((p) => ({ sort: Buffer.from(p), e: { prefix: p } as ModelEntry, u: undefined })),
  ]
    .sort((a, b) => a.sort.compare(b.sort) || (a.u && b.u ? a.u.initiated_ms - b.u.initiated_ms || (a.u.upload_id < b.u.upload_id ? -1 : 1) : 0))
    .map((x) => x.e);

function randomUploads(seed: number): ModelUpload[] {
  const rand = rng(seed);
  const keys = randomKeys(rand, 1 + Math.floor(rand() * 25), ['a', 'b', '/', '-', 'é', '😀'], 5);
  const uploads: ModelUpload[] = [];
  let id = 0;
  for (const key of keys) {
    const n = 1 + Math.floor(rand() * 3); // several uploads per key, some at the same millisecond
    for (let i = 0; i < n; i++) uploads.push({ key, initiated_ms: Math.floor(rand() * 3), upload_id: `u${(id++ * 7919) % 1000}`.padStart(5, 'x') });
  }
  return uploads;
}

describe(listUploadsPage.name, () => {
  const uploads: ModelUpload[] = [
    { key: 'a', initiated_ms: 5, upload_id: 'z1' },
    { key: 'a', initiated_ms: 5, upload_id: 'a2' },
    { key: 'a', initiated_ms: 9, upload_id: 'a0' },
    { key: 'b/1', initiated_ms: 1, upload_id: 'b1' },
    { key: 'b/2', initiated_ms: 1, upload_id: 'b2' },
    { key: 'c', initiated_ms: 1, upload_id: 'c1' },
  ];
  const page = (q: Partial<Parameters<typeof listUploadsPage>[1]>) =>
    listUploadsPage(memoryUploadScan(uploads).scan, { prefix: '', delimiter: '', keyMarker: '', maxUploads: 1000, ...q });

  it('orders one key’s uploads by initiation time, then upload id', () => {
    expect(page({}).uploads.map((u) => u.upload_id)).toEqual(['a2', 'z1', 'a0', 'b1', 'b2', 'c1']);
  });

  it('lists keys strictly after key-marker alone', () => {
    expect(page({ keyMarker: 'a' }).uploads.map((u) => u.upload_id)).toEqual(['b1', 'b2', 'c1']);
  });

  it('lists key-marker’s later uploads when the upload-id-marker is one of them', () => {
    const p = page({ keyMarker: 'a', uploadMarker: { initiated_ms: 5, upload_id: 'z1' }, maxUploads: 2 });
    expect(p.uploads.map((u) => u.upload_id)).toEqual(['a0', 'b1']);
    expect([p.isTruncated, p.last]).toEqual([true, { key: 'b/1', uploadId: 'b1' }]);
  });

  it('rolls keys up into common prefixes and resumes after one', () => {
    const first = page({ delimiter: '/', maxUploads: 4 });
    expect([first.uploads.map((u) => u.upload_id), first.commonPrefixes, first.last]).toEqual([['a2', 'z1', 'a0'], ['b/'], { key: 'b/', uploadId: '' }]);
    expect(first.isTruncated).toBe(true);
    const next = page({ delimiter: '/', keyMarker: 'b/' });
    expect([next.uploads.map((u) => u.upload_id), next.commonPrefixes, next.isTruncated]).toEqual([['c1'], [], false]);
  });

  it('answers max-uploads=0 with an empty page that still says whether more exist', () => {
    expect(page({ maxUploads: 0 })).toEqual({ uploads: [], commonPrefixes: [], isTruncated: true, last: undefined });
    expect(page({ maxUploads: 0, keyMarker: 'c' }).isTruncated).toBe(false);
  });

  it('seeks past a common prefix holding 10k uploads in a handful of queries', () => {
    const many: ModelUpload[] = Array.from({ length: 10_000 }, (_, i) => ({ key: `big/${i}`, initiated_ms: i, upload_id: `u${i}` }));
    many.push({ key: 'z', initiated_ms: 0, upload_id: 'last' });
    const { scan, queries } = memoryUploadScan(many);
    const p = listUploadsPage(scan, { prefix: '', delimiter: '/', keyMarker: '', maxUploads: 1000 });
    expect([p.commonPrefixes, p.uploads.map((u) => u.upload_id)]).toEqual([['big/'], ['last']]);
    expect(queries()).toBeLessThanOrEqual(3);
  });

  it('matches the reference model on random sets, first pages and whole walks', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = rng(seed * 31);
      const all = randomUploads(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
      const prefix = pick(['', '', 'a', 'b/', '😀', 'é']);
      const delimiter = pick(['', '', '/', '-', 'a']);
      const markerUpload = pick(all);
      const keyMarker = pick(['', markerUpload.key, markerUpload.key + 'a', 'b', 'ÿ']);
      const uploadIdMarker = pick(['', markerUpload.upload_id, 'nope', pick(all).upload_id]);
      const resolved = all.find((u) => keyMarker !== '' && u.upload_id === uploadIdMarker && u.key === keyMarker);
      const maxUploads = Math.floor(rand() * 5);
      const q = { prefix, delimiter, keyMarker, uploadIdMarker };
      const expected = modelUploadListing(all, q);
      const got = listUploadsPage(memoryUploadScan(all).scan, { prefix, delimiter, keyMarker, uploadMarker: resolved, maxUploads });
      const context = JSON.stringify({ seed, q, maxUploads });
      expect(entriesOf(got), context).toEqual(expected.slice(0, maxUploads));
      expect(got.isTruncated, context).toBe(expected.length > maxUploads);

      // Walk every page from the start, feeding each page's last entry back as the markers.
      const walked: ModelEntry[] = [];
      let markers = { keyMarker: '', uploadIdMarker: '' };
      for (let pages = 0; pages < 200; pages++) {
        const at = all.find((u) => markers.keyMarker !== '' && u.upload_id === markers.uploadIdMarker && u.key === markers.keyMarker);
        const p = listUploadsPage(memoryUploadScan(all).scan, { prefix, delimiter, keyMarker: markers.keyMarker, uploadMarker: at, maxUploads: maxUploads || 1 });
        walked.push(...entriesOf(p));
        if (!p.isTruncated) break;
        markers = { keyMarker: p.last!.key, uploadIdMarker: p.last!.uploadId };
      }
      expect(walked, context).toEqual(modelUploadListing(all, { prefix, delimiter, keyMarker: '', uploadIdMarker: '' }));
    }
  });
});
