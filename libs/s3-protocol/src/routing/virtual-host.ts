import { S3Error } from '../errors/s3-errors';

// Virtual-hosted-style addressing: `<bucket>.<domain>` names the bucket, as DuckDB, Arrow, the Go SDK and the AWS SDKs
// send by default. Which Hosts are virtual-hosted is decided here, once, from the configured domains (`s3.domain`).

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
// The endpoints AWS clients address when none is configured: `<bucket>.s3.amazonaws.com`,
// `<bucket>.s3.<region>.amazonaws.com`, `<bucket>.s3-<region>.amazonaws.com`, `.s3.dualstack.…`, `.amazonaws.com.cn`.
const AWS_VIRTUAL_HOST = /^.+\.s3([.-][a-z0-9.-]+)?\.amazonaws\.com(\.cn)?$/;

/** `s3.domain`: a comma list of domains, lower-cased, without a trailing dot; '' = none. */
export function parseDomains(list: string): string[] {
  return list
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/\.$/, ''))
    .filter((d) => d !== '');
}

/** The Host header's name: port and a trailing dot dropped, lower-cased (DNS names are case-insensitive). */
export function hostName(host: string): string {
  let name = host.trim().toLowerCase();
  if (name.startsWith('[')) return name.slice(0, name.indexOf(']') + 1); // [::1]:29998
  const colon = name.indexOf(':');
  if (colon >= 0) name = name.slice(0, colon);
  return name.replace(/\.$/, '');
}

/**
 * The bucket a request addresses through its Host, or undefined for path style (`/<bucket>/<key>`).
 *
 * - A Host equal to a configured domain is path style; `<bucket>.<domain>` is virtual-hosted (the longest matching
 *   domain wins, so `b.s3.example.com` under both `s3.example.com` and `example.com` is bucket `b`). A bucket name
 *   may itself contain dots.
 * - Any other Host is path style, as before — IPs, `localhost`, single-label names (`silt`, docker-compose service
 *   names) and dotted names a load balancer or DNS gives the gateway (`gateway-1.internal`): nothing in such a name
 *   says whether its first label is a bucket, and reading it as one would break every path-style client behind it.
 * - Except the Hosts that can only be virtual-hosted requests for a domain Silt was not told about: `<x>.localhost`
 *   (RFC 6761 loopback names: the usual way to try virtual hosting locally; nothing serves path style under one) and
 *   AWS's own S3 endpoints (`<x>.s3.amazonaws.com`, `<x>.s3.<region>.amazonaws.com`: a client left on its default
 *   endpoint and routed here). Taken as path style, `PUT /obj.txt` from such a client would create a bucket named
 *   `obj.txt`; S3 refuses a request it cannot address (400 InvalidRequest), and so does Silt, saying what to set.
 */
export function bucketOfHost(host: string | undefined, domains: readonly string[]): string | undefined {
  if (host === undefined || host === '') return undefined;
  const name = hostName(host);
  if (name === '' || name.startsWith('[') || IPV4.test(name)) return undefined;
  let best: string | undefined;
  for (const domain of domains) {
    if (name === domain) return undefined;
    if (name.endsWith(`.${domain}`) && (best === undefined || domain.length > best.length)) best = domain;
  }
  if (best !== undefined) {
    const bucket = name.slice(0, name.length - best.length - 1);
    if (bucket === '' || bucket.startsWith('.')) throw new S3Error('InvalidBucketName', `The Host "${name}" names no valid bucket.`);
    return bucket;
  }
  if (name.endsWith('.localhost') || AWS_VIRTUAL_HOST.test(name)) {
    throw new S3Error(
      'InvalidRequest',
      `The Host "${name}" addresses a bucket virtual-hosted style, but it is not under a domain this gateway serves: ` +
        'set s3.domain (e.g. s3.domain=' +
        `${name.slice(name.indexOf('.') + 1)}) or use path-style requests.`,
    );
  }
  return undefined;
}
