// Test support: a reference model of ListMultipartUploads and an in-memory UploadScan, on (key bytes, ms, id) order.
import { startsWith, utf8 } from '../store/byte-keys';
import type { UploadPosition, UploadScan } from '../store/upload-listing';

export interface ModelUpload {
  key: string;
  initiated_ms: number;
  upload_id: string;
}

export function comparePositions(a: UploadPosition, b: UploadPosition): number {
  return a.key.compare(b.key) || a.initiated_ms - b.initiated_ms || Buffer.compare(utf8(a.upload_id), utf8(b.upload_id));
}

const positionOf = (u: ModelUpload): UploadPosition => ({ key: utf8(u.key), initiated_ms: u.initiated_ms, upload_id: u.upload_id });

export type ModelEntry = { upload: string } | { prefix: string };

/**
 * Every entry after the markers, in order, computed the slow obvious way from AWS's description: key-marker alone =
 * keys strictly after it; with upload-id-marker naming one of key-marker's uploads, also that key's later uploads.
 */
export function modelUploadListing(
  uploads: readonly ModelUpload[],
  q: { prefix: string; delimiter: string; keyMarker: string; uploadIdMarker: string },
): ModelEntry[] {
  const prefix = utf8(q.prefix);
  const delimiter = utf8(q.delimiter);
  const keyMarker = utf8(q.keyMarker);
  const markerUpload = q.keyMarker === '' ? undefined : uploads.find((u) => u.upload_id === q.uploadIdMarker && u.key === q.keyMarker);
  const isAfterMarker = (u: ModelUpload) =>
    q.keyMarker === '' || (markerUpload ? comparePositions(positionOf(u), positionOf(markerUpload)) > 0 : utf8(u.key).compare(keyMarker) > 0);
  const out: ModelEntry[] = [];
  for (const u of [...uploads].sort((a, b) => comparePositions(positionOf(a), positionOf(b)))) {
    const kb = utf8(u.key);
    if (!startsWith(kb, prefix)) continue;
    const at = delimiter.length ? kb.indexOf(delimiter, prefix.length) : -1;
    if (at >= 0) {
      const cp = kb.subarray(0, at + delimiter.length);
      if (cp.compare(keyMarker) <= 0) continue;
      const name = cp.toString('utf8');
      const last = out[out.length - 1];
      if (!(last && 'prefix' in last && last.prefix === name)) out.push({ prefix: name });
    } else if (isAfterMarker(u)) {
      out.push({ upload: u.upload_id });
    }
  }
  return out;
}

/** An UploadScan over an in-memory set (the ACTIVE uploads), counting queries. */
export function memoryUploadScan(uploads: readonly ModelUpload[]): { scan: UploadScan<UploadPosition>; queries: () => number } {
  const sorted = uploads.map(positionOf).sort(comparePositions);
  let queries = 0;
  const scan: UploadScan<UploadPosition> = function* (after, to, limit) {
    queries++;
    let n = 0;
    for (const row of sorted) {
      if (n >= limit) return;
      if (comparePositions(row, after) <= 0) continue;
      if (to && row.key.compare(to) >= 0) return;
      n++;
      yield row;
    }
  };
  return { scan, queries: () => queries };
}
