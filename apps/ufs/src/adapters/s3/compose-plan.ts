import { S3Error } from '../../../../../libs/s3-protocol/src/errors/s3-errors';

/*
 * How a Complete of Silt's multipart upload becomes one backend multipart upload (pure: sizes in, steps out).
 *
 * A staged part is either a part of the backend multipart upload (`part`: bytes S3 will not let anyone read before
 * CompleteMultipartUpload, so it can only be passed through whole under its own number) or an object of its own in
 * the staging area (`object`: readable, and copyable server-side with UploadPartCopy). The backend wants every part
 * but the last to be at least `minPartBytes` (5 MiB on S3); Silt's own minimum may be set lower. So:
 *   - a `part` source is kept as is (`keep`);
 *   - a run of consecutive `object` sources is cut into backend parts: a stretch of one source of at least
 *     `minPartBytes` (or the composition's last bytes, when they lie in one source) is copied server-side (`copy`,
 *     UploadPartCopy with a range); shorter stretches are read and
 *     concatenated into parts of exactly `minPartBytes` (`upload`), so bytes only pass through Silt where the
 *     backend's minimum forces it, and never more than 2 x `minPartBytes` of them at once;
 *   - a run followed by a kept part must not end in a short part: its last two outputs are rebalanced.
 * A run shorter than `minPartBytes` between kept parts cannot be fixed without reading the kept parts (which S3
 * does not allow): EntityTooSmall. Silt writes a part of known size >= the backend minimum as a backend part and
 * anything smaller as an object, so this needs both a Silt minimum below the backend's and a client mixing sizes.
 *
 * Output part numbers: each output starts in a different source (at most one output starts inside any source), and
 * takes that source's part number, so numbers stay unique and ascending and never collide with a kept part's.
 */

export interface PlanSource {
  kind: 'part' | 'object';
  size: number;
  partNumber: number;
}

export interface Piece {
  /** Index into the sources. */
  source: number;
  start: number;
  /** Exclusive. */
  end: number;
}

export type PlanOutput =
  | { kind: 'keep'; partNumber: number; source: number; size: number }
  | ({ kind: 'copy'; partNumber: number; size: number } & Piece)
  | { kind: 'upload'; partNumber: number; size: number; pieces: Piece[] };

/** S3's largest part (and largest UploadPartCopy range). */
export const MAX_PART_BYTES = 5 * 1024 ** 3;

const sizeOf = (pieces: readonly Piece[]) => pieces.reduce((n, p) => n + p.end - p.start, 0);

function planRun(sources: readonly PlanSource[], from: number, to: number, minPartBytes: number, final: boolean): PlanOutput[] {
  const out: PlanOutput[] = [];
  let s = from;
  let off = 0;
  const skipEmpty = () => {
    while (s < to && off >= sources[s].size) {
      s++;
      off = 0;
    }
  };
  for (skipEmpty(); s < to; skipEmpty()) {
    const rest = sources[s].size - off;
    // The composition's last bytes, all in this source: a copy of any size may be the last part.
    const lastBytes = final && sources.slice(s + 1, to).every((x) => x.size === 0);
    if (rest >= minPartBytes || lastBytes) {
      out.push({ kind: 'copy', partNumber: sources[s].partNumber, source: s, start: off, end: sources[s].size, size: rest });
      off = sources[s].size;
      continue;
    }
    const partNumber = sources[s].partNumber;
    const pieces: Piece[] = [];
    let want = minPartBytes;
    while (want > 0 && s < to) {
      const take = Math.min(want, sources[s].size - off);
      if (take > 0) pieces.push({ source: s, start: off, end: off + take });
      off += take;
      want -= take;
      if (want > 0) skipEmpty();
    }
    out.push({ kind: 'upload', partNumber, pieces, size: sizeOf(pieces) });
  }
  if (!final && out.length >= 2 && out[out.length - 1].size < minPartBytes) {
    const last = out.pop() as Extract<PlanOutput, { kind: 'upload' }>; // only an upload can be short
    const prev = out.pop()!;
    if (prev.kind === 'upload') {
      const pieces = [...prev.pieces, ...last.pieces];
      out.push({ kind: 'upload', partNumber: prev.partNumber, pieces, size: sizeOf(pieces) });
    } else if (prev.kind === 'copy') {
      const need = minPartBytes - last.size;
      if (prev.size - need >= minPartBytes) {
        const cut = prev.end - need;
        out.push({ ...prev, end: cut, size: cut - prev.start });
        const pieces = [{ source: prev.source, start: cut, end: prev.end }, ...last.pieces];
        out.push({ kind: 'upload', partNumber: last.partNumber, pieces, size: sizeOf(pieces) });
      } else {
        const pieces = [{ source: prev.source, start: prev.start, end: prev.end }, ...last.pieces];
        out.push({ kind: 'upload', partNumber: prev.partNumber, pieces, size: sizeOf(pieces) });
      }
    }
  }
  return out;
}

/**
 * The backend parts for `sources` (in Complete's order): every output but the last at least `minPartBytes`, none
 * above 5 GiB. An empty list when every source is empty. EntityTooSmall when the backend cannot take them.
 */
export function planCompose(sources: readonly PlanSource[], minPartBytes: number): PlanOutput[] {
  const out: PlanOutput[] = [];
  for (let i = 0; i < sources.length; ) {
    if (sources[i].kind === 'part') {
      out.push({ kind: 'keep', partNumber: sources[i].partNumber, source: i, size: sources[i].size });
      i++;
      continue;
    }
    let j = i;
    while (j < sources.length && sources[j].kind === 'object') j++;
    out.push(...planRun(sources, i, j, minPartBytes, j === sources.length));
    i = j;
  }
  out.forEach((o, i) => {
    if (o.size > MAX_PART_BYTES) throw new S3Error('EntityTooLarge', 'A staged part is larger than 5 GiB.');
    if (i < out.length - 1 && o.size < minPartBytes) {
      throw new S3Error(
        'EntityTooSmall',
        `This S3 mount's storage needs every part but the last to be at least ${minPartBytes} bytes, and these parts cannot be regrouped to fit.`,
      );
    }
  });
  return out;
}
