import type * as grpc from '@grpc/grpc-js';
import type { FreeObjectRequest__Output } from '../../../../libs/grpc/generated/silt/blockcache/v1/FreeObjectRequest';
import type { FreeObjectResponse } from '../../../../libs/grpc/generated/silt/blockcache/v1/FreeObjectResponse';
import type { GetStatsResponse } from '../../../../libs/grpc/generated/silt/blockcache/v1/GetStatsResponse';
import type { LoadObjectRequest__Output } from '../../../../libs/grpc/generated/silt/blockcache/v1/LoadObjectRequest';
import type { LoadObjectResponse } from '../../../../libs/grpc/generated/silt/blockcache/v1/LoadObjectResponse';
import type { ReadObjectResponse } from '../../../../libs/grpc/generated/silt/blockcache/v1/ReadObjectResponse';
import type { ShortCircuitReport__Output } from '../../../../libs/grpc/generated/silt/blockcache/v1/ShortCircuitReport';
import type { ReadRequest__Output } from '../../../../libs/grpc/generated/silt/blockcache/v1/ReadRequest';
import { loadSiltProto } from '../../../../libs/grpc/src/loader';
import { failStream, unary as sharedUnary } from '../../../../libs/grpc/src/status';
import type { ServiceBinding } from '../../../../libs/grpc/src/server';
import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import { grpcErrorOf } from '../errors';
import type { PageStore } from '../pages/page-store';
import { readCommandOf, type ReadCommand } from '../read-request';
import { bufferOf, copySlice } from '../slices';
import { untilWritable } from '../../../../libs/grpc/src/streams';

const MiB = 1024 * 1024;
/** ReadRange answers inline; anything longer belongs on ReadObject or the HTTP read port. */
export const READ_RANGE_MAX_BYTES = 8 * MiB;
const STREAM_CHUNK_BYTES = MiB;

function commandOf(req: ReadRequest__Output): ReadCommand {
  return readCommandOf({
    mountId: req.location?.mount_id ?? '',
    path: req.location?.path ?? '',
    version: req.ufs_version,
    sizeBytes: Number(req.object_size),
    offset: Number(req.offset),
    length: Number(req.length),
  });
}

/** The object version a LoadObject / FreeObject names, checked like a read (whole object). */
function refOf(req: { location: { mount_id: string; path: string } | null; ufs_version: string; object_size: number }) {
  return readCommandOf({
    mountId: req.location?.mount_id ?? '',
    path: req.location?.path ?? '',
    version: req.ufs_version,
    sizeBytes: Number(req.object_size),
    offset: 0,
    length: -1,
  }).ref;
}

/** libs/grpc's `unary`, but a version change answers ABORTED (the gateway re-resolves the object and retries). */
function unary<Req, Res>(fn: (request: Req) => Promise<Res> | Res): grpc.handleUnaryCall<Req, Res> {
  return sharedUnary((request: Req) => fn(request), grpcErrorOf);
}

/** BlockCacheService on plain grpc-js: ReadObject writes page-sized chunks and awaits 'drain' (real backpressure). */
export function blockCacheServiceBinding(store: PageStore, workerId: () => string): ServiceBinding {
  return {
    definition: loadSiltProto().silt.blockcache.v1.BlockCacheService.service,
    implementation: {
      ReadRange: unary(async (req: ReadRequest__Output) => {
        const { ref, offset, length } = commandOf(req);
        if (offset > ref.sizeBytes) throw new S3Error('InvalidRange');
        const available = ref.sizeBytes - offset;
        const wanted = length === -1 ? available : Math.min(length, available);
        if (wanted > READ_RANGE_MAX_BYTES) {
          throw new S3Error('InvalidArgument', `ReadRange carries at most ${READ_RANGE_MAX_BYTES} bytes; use ReadObject`);
        }
        const data = Buffer.allocUnsafe(wanted);
        let at = 0;
        for await (const slice of store.read(ref, offset, wanted)) at += await copySlice(slice, data, at);
        return { data };
      }),

      ReadObject: (call: grpc.ServerWritableStream<ReadRequest__Output, ReadObjectResponse>) => {
        (async () => {
          try {
            const { ref, offset, length } = commandOf(call.request);
            for await (const slice of store.read(ref, offset, length)) {
              const data = await bufferOf(slice);
              // Chunks stay <= 1 MiB whatever the page size (the contract's bounded chunks).
              for (let at = 0; at < data.length; at += STREAM_CHUNK_BYTES) {
                if (call.cancelled) return;
                if (!call.write({ chunk: data.subarray(at, at + STREAM_CHUNK_BYTES) })) await untilWritable(call);
              }
            }
            if (!call.cancelled) call.end();
          } catch (err) {
            failStream(call, err, grpcErrorOf);
          }
        })().catch((err: unknown) => failStream(call, err, grpcErrorOf));
      },

      ReportShortCircuitReads: unary((req: ShortCircuitReport__Output) => {
        store.recordShortCircuit(req.page_hashes, Number(req.bytes));
        return {};
      }),

      LoadObject: unary(async (req: LoadObjectRequest__Output): Promise<LoadObjectResponse> => {
        const ref = refOf(req);
        const offset = Number(req.offset);
        const length = Number(req.length);
        if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
          throw new S3Error('InvalidArgument', 'LoadObjectRequest: offset and length must be non-negative integers');
        }
        const r = await store.load(ref, offset, length === 0 ? -1 : length);
        return { pages_loaded: r.pagesLoaded, pages_cached: r.pagesCached, bytes_from_ufs: r.bytesFromUfs };
      }),

      FreeObject: unary(async (req: FreeObjectRequest__Output): Promise<FreeObjectResponse> => {
        return { pages_freed: await store.free(refOf(req)) };
      }),

      GetStats: unary((): GetStatsResponse => {
        const s = store.stats();
        return {
          worker_id: workerId(),
          tiers: s.tiers.map((t) => ({
            tier: t.tier,
            capacity_bytes: t.capacityBytes,
            used_bytes: t.usedBytes,
            pages: t.pages,
            hits: t.hits,
            misses: t.misses,
            evictions: t.evictions,
          })),
          hits: s.hits,
          misses: s.misses,
          bytes_from_ufs: s.bytesFromUfs,
          bytes_served: s.bytesServed,
          short_circuit_hits: s.shortCircuitHits,
          pages_loaded: s.pagesLoaded,
          pages_freed: s.pagesFreed,
        };
      }),
    },
  };
}
