import { describe, expect, it } from 'vitest';
import { S3Error } from '../errors/s3-errors';
import { bucketOfHost, hostName, parseDomains } from './virtual-host';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err.code;
    throw err;
  }
  return undefined;
};

// [Host header, configured s3.domain, bucket (undefined = path style)]
const cases: Array<[host: string | undefined, domains: string, bucket: string | undefined]> = [
  [undefined, '', undefined],
  ['127.0.0.1:29998', '', undefined],
  ['127.0.0.1', 's3.silt.local', undefined],
  ['[::1]:29998', 's3.silt.local', undefined],
  ['localhost:29998', '', undefined],
  ['localhost', 's3.localhost', undefined],
  ['silt', '', undefined], // a docker-compose service name
  ['gateway-1.internal:29998', '', undefined], // a load balancer's or DNS name for the gateway
  ['gateway-1.internal', 's3.silt.local', undefined],
  ['s3.silt.local', 's3.silt.local', undefined],
  ['S3.Silt.Local:8080', 's3.silt.local', undefined],
  ['s3.silt.local.', 's3.silt.local', undefined],
  ['b.s3.silt.local', 's3.silt.local', 'b'],
  ['B.S3.SILT.LOCAL:29998', 's3.silt.local', 'b'],
  ['my.dotted.bucket.s3.silt.local', 's3.silt.local', 'my.dotted.bucket'],
  ['b.s3.example.com', 'example.com,s3.example.com', 'b'], // the longest matching domain wins
  ['b.other.test', 's3.silt.local, other.test', 'b'], // a comma list
  ['b.s3.localhost:4000', 's3.localhost', 'b'],
];

describe(bucketOfHost.name, () => {
  it.each(cases)('Host %s with s3.domain=%s -> %s', (host, domains, bucket) =>
    expect(bucketOfHost(host, parseDomains(domains))).toBe(bucket));

  it('refuses a Host that can only be virtual-hosted under a domain not configured', () => {
    for (const [host, domains] of [
      ['mybucket.localhost:29998', ''],
      ['mybucket.s3.localhost', ''],
      ['mybucket.s3.amazonaws.com', ''],
      ['mybucket.s3.eu-west-1.amazonaws.com', ''],
      ['mybucket.s3-eu-west-1.amazonaws.com', ''],
      ['mybucket.s3.amazonaws.com', 's3.silt.local'],
      ['mybucket.localhost', 's3.silt.local'],
    ]) {
      expect(codeOf(() => bucketOfHost(host, parseDomains(domains)))).toBe('InvalidRequest');
    }
  });
  it('refuses an empty bucket label', () => expect(codeOf(() => bucketOfHost('.s3.silt.local', ['s3.silt.local']))).toBe('InvalidBucketName'));
});

describe(hostName.name, () => {
  it('drops the port and a trailing dot and lower-cases', () => {
    expect(hostName('A.B:80')).toBe('a.b');
    expect(hostName('a.b.')).toBe('a.b');
    expect(hostName('[::1]:80')).toBe('[::1]');
  });
});

describe(parseDomains.name, () => {
  it('splits a comma list, trims and lower-cases', () => expect(parseDomains(' S3.A.test ,b.test.,')).toEqual(['s3.a.test', 'b.test']));
});
