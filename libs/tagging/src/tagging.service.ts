import { Inject, Injectable } from '@nestjs/common';
import type { MetadataServiceClient } from '../../grpc/generated/silt/metadata/v1/MetadataService';
import type { CallOptions, Typed } from '../../grpc/src/clients';
import { fromGrpcError } from '../../grpc/src/status';
import { copyObjectTags, DEFAULT_MAX_BUCKET_TAGS, tagsFromHeader, validateTags, type Tag, type TagRules } from './tag-set';

export const TAGGING_OPTIONS = Symbol('TAGGING_OPTIONS');
export const TAGGING_METADATA_CLIENT = Symbol('TAGGING_METADATA_CLIENT');

export interface TaggingOptions {
  /** `s3.tagging.restrictions.enabled`: S3's limits on count, lengths and characters (duplicate keys are always refused). */
  restrictions: boolean;
  /** Tags per bucket; default 10 (the seed's figure; S3 allows 50). Objects are always limited to 10. */
  maxBucketTags?: number;
}

/** The metadata client's tagging methods: all TaggingService uses, so a fake needs only these. */
export type TaggingMetadataClient = Pick<Typed<MetadataServiceClient>, 'api'>;

/**
 * Object and bucket tags, persisted by the metadata service: a Put validates the whole set (InvalidTag, see
 * validateTags) and then replaces the stored one, last write wins. Every failure is an S3Error (a service's S3 code
 * kept; a service down is ServiceUnavailable), so an S3 front end can render it as is.
 */
@Injectable()
export class TaggingService {
  constructor(
    @Inject(TAGGING_METADATA_CLIENT) private readonly metadata: TaggingMetadataClient,
    @Inject(TAGGING_OPTIONS) private readonly options: TaggingOptions,
  ) {}

  /** The rules a Put of `target` tags is validated with. */
  rules(target: 'object' | 'bucket'): TagRules {
    return target === 'object'
      ? { restrictions: this.options.restrictions, target }
      : { restrictions: this.options.restrictions, target, maxTags: this.options.maxBucketTags ?? DEFAULT_MAX_BUCKET_TAGS };
  }

  /** `x-amz-tagging` of PutObject / CreateMultipartUpload, parsed and validated; undefined without the header. */
  headerTags(value: string | readonly string[] | undefined): Tag[] | undefined {
    return tagsFromHeader(value, this.rules('object'));
  }

  /** CopyObject's new tags from `x-amz-tagging-directive` (COPY default / REPLACE) and `x-amz-tagging`. */
  copyTags(directive: string | undefined, sourceTags: readonly Tag[], header: string | readonly string[] | undefined): Tag[] {
    return copyObjectTags(directive, sourceTags, header, this.rules('object'));
  }

  /** The object's tags ([] when none). NoSuchBucket, NoSuchKey. */
  async getObjectTags(bucket: string, key: string, call?: CallOptions): Promise<Tag[]> {
    const res = await this.rpc(() => this.metadata.api.GetObjectTagging({ bucket, key }, call));
    return res.tags.map(plain);
  }

  /** Validates, then replaces the object's tag set; returns what was stored. InvalidTag, NoSuchBucket, NoSuchKey. */
  async putObjectTags(bucket: string, key: string, tags: readonly Tag[], call?: CallOptions): Promise<Tag[]> {
    const valid = validateTags(tags, this.rules('object'));
    await this.rpc(() => this.metadata.api.PutObjectTagging({ bucket, key, tags: valid }, call));
    return valid;
  }

  async deleteObjectTags(bucket: string, key: string, call?: CallOptions): Promise<void> {
    await this.rpc(() => this.metadata.api.DeleteObjectTagging({ bucket, key }, call));
  }

  /** The bucket's tags. NoSuchBucket; NoSuchTagSet when it has none. */
  async getBucketTags(bucket: string, call?: CallOptions): Promise<Tag[]> {
    const res = await this.rpc(() => this.metadata.api.GetBucketTagging({ bucket }, call));
    return res.tags.map(plain);
  }

  /** Validates, then replaces the bucket's tag set ([] removes it). InvalidTag, NoSuchBucket. */
  async putBucketTags(bucket: string, tags: readonly Tag[], call?: CallOptions): Promise<Tag[]> {
    const valid = validateTags(tags, this.rules('bucket'));
    await this.rpc(() => this.metadata.api.PutBucketTagging({ bucket, tags: valid }, call));
    return valid;
  }

  async deleteBucketTags(bucket: string, call?: CallOptions): Promise<void> {
    await this.rpc(() => this.metadata.api.DeleteBucketTagging({ bucket }, call));
  }

  private async rpc<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw fromGrpcError(err);
    }
  }
}

const plain = (t: { key: string; value: string }): Tag => ({ key: t.key, value: t.value });
