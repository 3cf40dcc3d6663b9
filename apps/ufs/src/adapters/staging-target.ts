import { S3Error } from '../../../../libs/s3-protocol/src/errors/s3-errors';
import type { PartTarget } from './ufs-adapter';

/** S3 part numbers run 1..10000 (AWS's limit; s3-tests probe 10001). */
export const MAX_PART_NUMBER = 10_000;
/** Upload ids name a directory (local) or key a lookup (S3): a safe, bounded alphabet, never a path. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** InvalidArgument unless `uploadId` is 1..128 of [A-Za-z0-9_-]: it becomes a path component, so no '.', no '/'. */
export function validateUploadId(uploadId: string): string {
  if (!UPLOAD_ID.test(uploadId)) {
    throw new S3Error('InvalidArgument', 'The upload id must be 1 to 128 characters of A-Z, a-z, 0-9, "_" and "-".', {
      ArgumentName: 'uploadId',
      ArgumentValue: uploadId,
    });
  }
  return uploadId;
}

/** The checks every adapter relies on before it sees a part target. */
export function validatePartTarget(target: { upload_id?: string; part_number?: number } | PartTarget): PartTarget {
  const uploadId = 'uploadId' in target ? target.uploadId : (target.upload_id ?? '');
  const partNumber = 'partNumber' in target ? target.partNumber : (target.part_number ?? 0);
  validateUploadId(uploadId);
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new S3Error('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive.`, {
      ArgumentName: 'partNumber',
      ArgumentValue: String(partNumber),
    });
  }
  return { uploadId, partNumber };
}
