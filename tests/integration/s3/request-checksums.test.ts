/**
 * The request bodies S3 takes only with a checksum (Content-MD5, or an x-amz-checksum-* header),
 * those it takes without one, and checksums that do not match their document. Sent raw: the SDKs
 * add a checksum to every one of these requests on their own.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { errorCodeOf, rawRequest, type RawRequest } from './raw-http';
import { useS3 } from './s3-fixture';

const s3 = useS3();

const md5Of = (body: string) => createHash('md5').update(body).digest('base64');
const crc32Of = (body: string) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(body));
  return bytes.toString('base64');
};
const send = (request: RawRequest) => rawRequest(s3.server.port, request);
const messageOf = (body: string) => /<Message>([^<]+)<\/Message>/.exec(body)?.[1];

const TAGGING = '<Tagging><TagSet><Tag><Key>team</Key><Value>images</Value></Tag></TagSet></Tagging>';

beforeAll(async () => {
  expect((await send({ method: 'PUT', path: '/checksum-bucket' })).status).toBe(200);
  expect((await send({ method: 'PUT', path: '/checksum-locked', headers: { 'x-amz-bucket-object-lock-enabled': 'true' } })).status).toBe(200);
  expect((await send({ method: 'PUT', path: '/checksum-locked/held', body: 'x' })).status).toBe(200);
  expect((await send({ method: 'PUT', path: '/checksum-bucket/doomed', body: 'x' })).status).toBe(200);
});

const MISSING = 'Missing required header for this request: Content-MD5 OR x-amz-checksum-*';
const required: Array<[operation: string, method: string, path: string, body: string, message: string]> = [
  ['DeleteObjects', 'POST', '/checksum-bucket?delete', '<Delete><Object><Key>doomed</Key></Object></Delete>', MISSING],
  ['PutBucketCors', 'PUT', '/checksum-bucket?cors', '<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>', MISSING],
  ['PutBucketTagging', 'PUT', '/checksum-bucket?tagging', TAGGING, MISSING],
  [
    'PutBucketLifecycleConfiguration', 'PUT', '/checksum-bucket?lifecycle',
    '<LifecycleConfiguration><Rule><ID>old</ID><Filter><Prefix>tmp/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>',
    'Missing required header for this request: Content-MD5',
  ],
  ['PutObjectLockConfiguration', 'PUT', '/checksum-locked?object-lock', '<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>', MISSING],
  ['PutObjectRetention', 'PUT', '/checksum-locked/held?retention', '<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2040-01-01T00:00:00Z</RetainUntilDate></Retention>', MISSING],
  ['PutObjectLegalHold', 'PUT', '/checksum-locked/held?legal-hold', '<LegalHold><Status>OFF</Status></LegalHold>', MISSING],
];

describe.each(required)('%s', (_operation, method, path, body, message) => {
  it("is refused without a checksum, with InvalidRequest and S3's own message", async () => {
    const response = await send({ method, path, body });
    expect([response.status, errorCodeOf(response.body), messageOf(response.body)]).toEqual([400, 'InvalidRequest', message]);
  });

  it('is refused with an algorithm named but no checksum value', async () => {
    expect((await send({ method, path, headers: { 'x-amz-sdk-checksum-algorithm': 'CRC32' }, body })).status).toBe(400);
  });

  it('is refused with BadDigest when its x-amz-checksum-crc32 is not the checksum of the document', async () => {
    const response = await send({ method, path, headers: { 'x-amz-checksum-crc32': crc32Of(`${body} `) }, body });
    expect([response.status, errorCodeOf(response.body)]).toEqual([400, 'BadDigest']);
  });

  it('is taken with Content-MD5, and with an x-amz-checksum-crc32 instead', async () => {
    expect((await send({ method, path, headers: { 'Content-MD5': md5Of(body) }, body })).status).toBeLessThan(300);
    expect((await send({ method, path, headers: { 'x-amz-checksum-crc32': crc32Of(body) }, body })).status).toBeLessThan(300);
  });
});

describe('bodies S3 takes without a checksum', () => {
  it.each([
    ['PutBucketVersioning', '/checksum-bucket?versioning', '<VersioningConfiguration><Status>Suspended</Status></VersioningConfiguration>'],
    ['PutObjectTagging', '/checksum-locked/held?tagging', TAGGING],
    ['PutBucketEncryption', '/checksum-bucket?encryption', '<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>'],
  ])('%s', async (_operation, path, body) => {
    expect((await send({ method: 'PUT', path, body })).status).toBe(200);
  });
});
