import type { Typed } from '../../../libs/grpc/src/clients';
import type { UfsServiceClient } from '../../../libs/grpc/generated/silt/ufs/v1/UfsService';
import { fromUfsError } from './errors';
import type { ObjectRef } from '../../../libs/block-cache-client/src/page-math';
import type { PageSource } from './pages/page-store';

/**
 * Missing pages come from the ufs service: one versioned ReadObject stream per run of pages. ABORTED (the object
 * changed) becomes VersionChangedError, S3 codes (NoSuchKey) stay, so callers pass both through unchanged.
 */
export class UfsPageSource implements PageSource {
  constructor(private readonly ufs: Pick<Typed<UfsServiceClient>, 'raw'>) {}

  async *read(ref: ObjectRef, offset: number, length: number): AsyncIterable<Buffer> {
    const call = this.ufs.raw.ReadObject({
      location: { mount_id: ref.mountId, path: ref.path },
      offset,
      length,
      expected_version: ref.version,
      expected_size: ref.sizeBytes,
    });
    try {
      for await (const message of call as AsyncIterable<{ chunk: Buffer }>) {
        if (message.chunk.length > 0) yield message.chunk;
      }
    } catch (err) {
      throw fromUfsError(err);
    } finally {
      call.cancel(); // a no-op after a clean end; stops the UFS if our reader gave up early
    }
  }
}
