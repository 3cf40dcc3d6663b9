// Commits per second at a given concurrency, against the embedded store on a real disk (synchronous=FULL).
// `npm run build && node dist/apps/metadata/bench/commit-throughput.js [dir] [concurrency] [seconds]`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteMetadataStore } from '../src/store/sqlite-store';

async function main(): Promise<void> {
  const base = process.argv[2] ?? tmpdir();
  const concurrency = Number(process.argv[3] ?? 16);
  const seconds = Number(process.argv[4] ?? 5);
  const dir = mkdtempSync(join(base, 'silt-commit-bench-'));
  const store = new SqliteMetadataStore({ dataDir: dir });
  try {
    await store.createBucket({ name: 'b', owner: 'o', region: '' });
    const upload = await store.multipart.createUpload({ bucket: 'b', key: 'mp' });
    const ref = { bucket: 'b', key: 'mp', uploadId: upload.upload_id };
    const deadline = Date.now() + seconds * 1000;
    const counts = { CommitObject: 0, PutPart: 0 };
    let n = 0;
    const worker = async (w: number) => {
      while (Date.now() < deadline) {
        const i = n++;
        if (w % 4 === 3) {
          await store.multipart.putPart(ref, { part_number: 1 + (i % 10_000), size: 1, etag: 'e' });
          counts.PutPart++;
        } else {
          await store.commitObject({ object: { bucket: 'b', key: `k${i % 100_000}`, size: 1, etag: 'e' } as never });
          counts.CommitObject++;
        }
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
    const elapsed = (Date.now() - started) / 1000;
    const total = counts.CommitObject + counts.PutPart;
    console.log(JSON.stringify({ dir: base, concurrency, seconds: elapsed, ...counts, commitsPerSecond: Math.round(total / elapsed) }));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
