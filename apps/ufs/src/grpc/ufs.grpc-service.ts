import type * as grpc from '@grpc/grpc-js';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { ReadObjectRequest__Output } from '../../../../libs/grpc/generated/silt/ufs/v1/ReadObjectRequest';
import type { ReadObjectResponse } from '../../../../libs/grpc/generated/silt/ufs/v1/ReadObjectResponse';
import type { ListUfsObjectsRequest__Output } from '../../../../libs/grpc/generated/silt/ufs/v1/ListUfsObjectsRequest';
import type { ListUfsObjectsResponse } from '../../../../libs/grpc/generated/silt/ufs/v1/ListUfsObjectsResponse';
import type { UfsEntry } from '../../../../libs/grpc/generated/silt/ufs/v1/UfsEntry';
import type { UfsServiceHandlers } from '../../../../libs/grpc/generated/silt/ufs/v1/UfsService';
import type { WriteObjectRequest__Output } from '../../../../libs/grpc/generated/silt/ufs/v1/WriteObjectRequest';
import type { WriteObjectResponse } from '../../../../libs/grpc/generated/silt/ufs/v1/WriteObjectResponse';
import { loadSiltProto } from '../../../../libs/grpc/src/loader';
import type { ServiceBinding } from '../../../../libs/grpc/src/server';
import { answerError, failStream, unary } from '../../../../libs/grpc/src/status';
import type { UfsOperations } from '../ufs-operations';
import { untilWritable } from '../../../../libs/grpc/src/streams';

type ReadCall = grpc.ServerWritableStream<ReadObjectRequest__Output, ReadObjectResponse>;

/**
 * ReadObject as raw grpc-js (Nest's transport has no backpressure, STACK-NOTES): one chunk read from the file per
 * chunk the call accepts, waiting for 'drain' when `write` says the buffer is full, stopping when the caller goes.
 */
async function streamRead(ops: UfsOperations, call: ReadCall): Promise<void> {
  let opened;
  try {
    opened = await ops.readObject(call.request);
  } catch (err) {
    failStream(call, err);
    return;
  }
  try {
    for await (const chunk of opened.chunks) {
      if (call.cancelled || call.destroyed) return;
      if (!call.write({ chunk })) await untilWritable(call);
    }
    if (!call.cancelled) call.end();
  } catch (err) {
    failStream(call, err);
  } finally {
    await opened.close().catch(() => undefined);
  }
}

type ListCall = grpc.ServerWritableStream<ListUfsObjectsRequest__Output, ListUfsObjectsResponse>;
/** Entries per ListObjects message: big enough to amortise a message, small enough to stream. */
const LIST_BATCH = 500;

/** ListObjects: the adapter's listing in batches, pulled only as fast as the caller takes them. */
async function streamList(ops: UfsOperations, call: ListCall): Promise<void> {
  try {
    let batch: UfsEntry[] = [];
    for await (const e of ops.listObjects(call.request.location)) {
      if (call.cancelled || call.destroyed) return;
      batch.push({ key: e.key, size: e.size, ufs_version: e.version, last_modified_ms: e.lastModifiedMs });
      if (batch.length >= LIST_BATCH) {
        const ok = call.write({ entries: batch });
        batch = [];
        if (!ok) await untilWritable(call);
      }
    }
    if (batch.length && !call.cancelled) call.write({ entries: batch });
    if (!call.cancelled) call.end();
  } catch (err) {
    failStream(call, err);
  }
}

/**
 * The messages of a client stream. grpc-js destroys the stream of a cancelled call, which ends a plain iteration as
 * if the body were complete; here it throws instead, so a cancelled write can never commit.
 */
async function* messagesOf<T>(call: grpc.ServerReadableStream<T, unknown>): AsyncGenerator<T> {
  for await (const msg of call) {
    if (call.cancelled) break;
    yield msg as T;
  }
  if (call.cancelled) throw Object.assign(new Error('call cancelled by the client'), { code: grpcStatus.CANCELLED, details: 'Cancelled' });
}

/** Fires when the caller of a unary call goes away (cancel, deadline): long work such as a compose stops early. */
function cancelSignal(call: grpc.ServerUnaryCall<unknown, unknown>): AbortSignal {
  const cancelled = new AbortController();
  call.once('cancelled', () => cancelled.abort());
  return cancelled.signal;
}

/** The UfsService implementation over the operations. */
export function ufsServiceHandlers(ops: UfsOperations): UfsServiceHandlers {
  return {
    // The call is an object-mode Readable: iterating it pulls one message at a time (grpc-js reads the next only when
    // asked), so a slow disk slows the sender instead of buffering the body. A cancelled call is destroyed, which
    // ends the iteration with an error and aborts the temp file.
    WriteObject: (call: grpc.ServerReadableStream<WriteObjectRequest__Output, WriteObjectResponse>, callback) => {
      const cancelled = new AbortController();
      call.on('cancelled', () => cancelled.abort());
      Promise.resolve()
        .then(() => ops.writeObject(messagesOf(call), cancelled.signal))
        .then((res) => callback(null, res))
        .catch((err: unknown) => answerError(callback, err));
    },
    ReadObject: (call: ReadCall) => {
      streamRead(ops, call).catch((err: unknown) => failStream(call, err));
    },
    StatObject: unary((req) => ops.statObject(req.location)),
    StatObjects: unary((req) => ops.statObjects(req.locations)),
    DeleteObject: unary((req) => ops.deleteObject(req)),
    CopyObject: unary((req) => ops.copyObject(req)),
    CreateDirectory: unary(async (req) => {
      await ops.createDirectory(req.location);
      return {};
    }),
    DeleteDirectory: unary(async (req) => {
      await ops.deleteDirectory(req.location);
      return {};
    }),
    ComposeObject: unary((req, call) => ops.composeObject(req, cancelSignal(call))),
    DeleteStaging: unary(async (req) => {
      await ops.deleteStaging(req);
      return {};
    }),
    ListObjects: (call: ListCall) => {
      streamList(ops, call).catch((err: unknown) => failStream(call, err));
    },
    SetObjectTags: unary(async (req) => ({ mirrored: await ops.setObjectTags(req.location, req.tags ?? []) })),
  };
}

export function ufsServiceBinding(ops: UfsOperations): ServiceBinding {
  return { definition: loadSiltProto().silt.ufs.v1.UfsService.service, implementation: ufsServiceHandlers(ops) };
}
