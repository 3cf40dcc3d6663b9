// The only place an S3 error code meets its HTTP status and message (messages as in AWS's ErrorResponses page).
export const S3_ERRORS = {
  AccessDenied: { status: 403, message: 'Access Denied' },
  AuthorizationHeaderMalformed: { status: 400, message: 'The authorization header is malformed.' },
  AuthorizationQueryParametersError: { status: 400, message: 'Query-string authentication parameters are invalid.' },
  BadDigest: { status: 400, message: 'The Content-MD5 or checksum you specified did not match what we received.' },
  BucketAlreadyExists: { status: 409, message: 'The requested bucket name is not available.' },
  BucketAlreadyOwnedByYou: { status: 409, message: 'Your previous request to create the named bucket succeeded and you already own it.' },
  BucketNotEmpty: { status: 409, message: 'The bucket you tried to delete is not empty.' },
  InvalidBucketState: { status: 409, message: 'The request is not valid with the current state of the bucket.' },
  EntityTooLarge: { status: 400, message: 'Your proposed upload exceeds the maximum allowed object size.' },
  EntityTooSmall: { status: 400, message: 'Your proposed upload is smaller than the minimum allowed object size.' },
  IncompleteBody: { status: 400, message: 'You did not provide the number of bytes specified by the Content-Length HTTP header.' },
  InternalError: { status: 500, message: 'We encountered an internal error. Please try again.' },
  InvalidArgument: { status: 400, message: 'Invalid Argument' },
  InvalidBucketName: { status: 400, message: 'The specified bucket is not valid.' },
  InvalidContinuationToken: { status: 400, message: 'The continuation token provided is incorrect.' },
  InvalidDigest: { status: 400, message: 'The Content-MD5 you specified is not valid.' },
  InvalidPart: { status: 400, message: 'One or more of the specified parts could not be found.' },
  InvalidPartOrder: { status: 400, message: 'The list of parts was not in ascending order.' },
  InvalidPartNumber: { status: 416, message: 'The requested partnumber is not satisfiable' },
  MaxMessageLengthExceeded: { status: 400, message: 'Your request was too big.' },
  NoSuchVersion: { status: 404, message: 'The specified version does not exist.' },
  InvalidRange: { status: 416, message: 'The requested range is not satisfiable' },
  InvalidRequest: { status: 400, message: 'Invalid Request' },
  InvalidTag: { status: 400, message: 'The tag provided was not a valid tag.' },
  KeyTooLongError: { status: 400, message: 'Your key is too long.' },
  MalformedXML: { status: 400, message: 'The XML you provided was not well-formed or did not validate against our published schema.' },
  MetadataTooLarge: { status: 400, message: 'Your metadata headers exceed the maximum allowed metadata size.' },
  MethodNotAllowed: { status: 405, message: 'The specified method is not allowed against this resource.' },
  MissingContentLength: { status: 411, message: 'You must provide the Content-Length HTTP header.' },
  NoSuchBucket: { status: 404, message: 'The specified bucket does not exist.' },
  NoSuchKey: { status: 404, message: 'The specified key does not exist.' },
  NoSuchTagSet: { status: 404, message: 'The TagSet does not exist.' },
  NoSuchUpload: { status: 404, message: 'The specified multipart upload does not exist.' },
  NotImplemented: { status: 501, message: 'A header or query you provided implies functionality that is not implemented.' },
  PreconditionFailed: { status: 412, message: 'At least one of the preconditions you specified did not hold.' },
  RequestHeaderSectionTooLarge: { status: 400, message: 'Your request header section exceeds the maximum allowed size.' },
  ServiceUnavailable: { status: 503, message: 'Reduce your request rate.' },
  SignatureDoesNotMatch: { status: 403, message: 'The request signature we calculated does not match the signature you provided.' },
  InvalidAccessKeyId: { status: 403, message: 'The AWS access key Id you provided does not exist in our records.' },
  SlowDown: { status: 503, message: 'Reduce your request rate.' },
  // What S3 answers a probe of a configuration a bucket does not have (probe-handlers.ts).
  NoSuchBucketPolicy: { status: 404, message: 'The bucket policy does not exist' },
  NoSuchLifecycleConfiguration: { status: 404, message: 'The lifecycle configuration does not exist' },
  ServerSideEncryptionConfigurationNotFoundError: { status: 404, message: 'The server side encryption configuration was not found' },
  NoSuchCORSConfiguration: { status: 404, message: 'The CORS configuration does not exist' },
  ObjectLockConfigurationNotFoundError: { status: 404, message: 'Object Lock configuration does not exist for this bucket' },
  NoSuchPublicAccessBlockConfiguration: { status: 404, message: 'The public access block configuration was not found' },
  OwnershipControlsNotFoundError: { status: 404, message: 'The bucket ownership controls were not found' },
  NoSuchWebsiteConfiguration: { status: 404, message: 'The specified bucket does not have a website configuration' },
  ReplicationConfigurationNotFoundError: { status: 404, message: 'The replication configuration was not found' },
  MalformedACLError: { status: 400, message: 'The XML you provided was not well-formed or did not validate against our published schema.' },
  RequestTimeout: { status: 400, message: 'Your socket connection to the server was not read from or written to within the timeout period.' },
  XAmzContentSHA256Mismatch: { status: 400, message: "The provided 'x-amz-content-sha256' header does not match what was computed." },
  InvalidStorageClass: { status: 400, message: 'The storage class you specified is not valid.' },
  AccessControlListNotSupported: { status: 400, message: 'The bucket does not allow ACLs.' },
  InvalidLocationConstraint: { status: 400, message: 'The specified location-constraint is not valid.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type S3ErrorCode = keyof typeof S3_ERRORS;

export function isS3ErrorCode(code: unknown): code is S3ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(S3_ERRORS, code);
}

/** Thrown by handlers; rendered once, as S3 XML, by the gateway's error writer. */
export class S3Error extends Error {
  readonly status: number;
  constructor(
    readonly code: S3ErrorCode,
    message?: string,
    /** Extra elements of the error body (BucketName, Key, UploadId, ...), in order. */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message ?? S3_ERRORS[code].message);
    this.name = 'S3Error';
    this.status = S3_ERRORS[code].status;
  }
}
