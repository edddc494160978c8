/**
 * SigV2 vectors recorded from botocore's HmacV1Auth / HmacV1QueryAuth (what boto3 and the aws CLI
 * send), so the verifier is checked against a real client's signer rather than against itself.
 */
import { createAuthenticator } from '../../../../src/s3/auth/authenticator';
import { parseCredentials } from '../../../../src/s3/auth/credentials';
import { splitRequestTarget, type S3HttpRequest } from '../../../../src/s3/http-request';

const credentials = parseCredentials('test-key:test-secret');
const authenticateAt = (iso: string) => createAuthenticator({ credentials, now: () => new Date(iso) });

const putWithMetadata: S3HttpRequest = {
  method: 'PUT',
  ...splitRequestTarget('/test-bucket/dir/a%20b%2Bc.txt?tagging'),
  rawHeaders: [
    'Host', 'localhost:9000',
    'Content-Type', 'text/plain',
    'Content-MD5', 'XUFAKrxLKna5cZ2REBfFkg==',
    'x-amz-meta-Color', ' blue ',
    'Date', 'Tue, 24 Nov 2026 10:40:35 GMT',
    'Authorization', 'AWS test-key:BoJKvraz+LJy6CHmRvNuDkIe2Lg=',
  ],
};

const virtualHostGet: S3HttpRequest = {
  method: 'GET',
  ...splitRequestTarget('/photo.jpg?response-content-type=image/png&x-id=GetObject'),
  rawHeaders: [
    'Host', 'test-bucket.localhost:9000',
    'Date', 'Tue, 02 Jan 2024 03:04:05 GMT',
    'Authorization', 'AWS test-key:aBPxOJ+Xoo0U3aQQC/pI/PPaMqw=',
  ],
};

const presignedGet: S3HttpRequest = {
  method: 'GET',
  ...splitRequestTarget('/test-bucket/a%20b%2Bc?AWSAccessKeyId=test-key&Signature=5zkirtK14s8m1h9%2FqWWwKltAlMs%3D&Expires=1704168245'),
  rawHeaders: ['Host', 'localhost:9000'],
};

/** botocore signs this path-style CreateBucket with a LocationConstraint body for the resource `/located-bucket/`. */
const createBucketWithLocation: S3HttpRequest = {
  method: 'PUT',
  ...splitRequestTarget('/located-bucket'),
  rawHeaders: [
    'Host', 'localhost:9000',
    'Date', 'Tue, 01 Dec 2026 23:45:17 GMT',
    'Authorization', 'AWS test-key:0jxTUiIb860FE8AfxwcSpcCkPCU=',
    'Content-Length', '153',
  ],
};

describe('SigV2 header authentication (Authorization: AWS key:signature)', () => {
  it('accepts a path-style CreateBucket with a LocationConstraint as botocore signs it (resource /bucket/)', () => {
    expect(authenticateAt('2026-12-01T23:45:30Z')(createBucketWithLocation)).toMatchObject({ scheme: 'sigv2', accessKeyId: 'test-key' });
  });

  it('refuses a date before the epoch with AccessDenied, as no date at all', () => {
    const beforeEpoch = { ...putWithMetadata, rawHeaders: putWithMetadata.rawHeaders.map((value) => (value === 'Tue, 24 Nov 2026 10:40:35 GMT' ? 'Tue, 07 Jul 1950 21:53:04 GMT' : value)) };
    expect(() => authenticateAt('2026-11-24T10:41:00Z')(beforeEpoch)).toThrow(expect.objectContaining({ code: 'AccessDenied', status: 403 }));
  });

  it('accepts a PUT with Content-MD5, Content-Type, user metadata and a sub-resource, signed by botocore', () => {
    expect(authenticateAt('2026-11-24T10:41:00Z')(putWithMetadata)).toEqual({ scheme: 'sigv2', accessKeyId: 'test-key', presigned: false });
  });

  it('signs the bucket from the Host header into the resource for virtual-host requests', () => {
    expect(authenticateAt('2024-01-02T03:05:00Z')(virtualHostGet, { virtualHostBucket: 'test-bucket' })).toMatchObject({ scheme: 'sigv2' });
  });

  it('refuses a changed header with SignatureDoesNotMatch showing the string to sign', () => {
    const tampered = { ...putWithMetadata, rawHeaders: putWithMetadata.rawHeaders.map((v) => (v === 'text/plain' ? 'text/html' : v)) };
    expect(() => authenticateAt('2026-11-24T10:41:00Z')(tampered)).toThrow(
      expect.objectContaining({
        code: 'SignatureDoesNotMatch',
        fields: expect.objectContaining({
          StringToSign: 'PUT\nXUFAKrxLKna5cZ2REBfFkg==\ntext/html\nTue, 24 Nov 2026 10:40:35 GMT\nx-amz-meta-color:blue\n/test-bucket/dir/a%20b%2Bc.txt?tagging',
          SignatureProvided: 'BoJKvraz+LJy6CHmRvNuDkIe2Lg=',
        }),
      }),
    );
  });

  it('refuses a request dated more than 15 minutes away with RequestTimeTooSkewed', () => {
    expect(() => authenticateAt('2026-11-24T11:00:00Z')(putWithMetadata)).toThrow(expect.objectContaining({ code: 'RequestTimeTooSkewed' }));
  });

  it('refuses an unknown access key with InvalidAccessKeyId', () => {
    const unknown = { ...putWithMetadata, rawHeaders: putWithMetadata.rawHeaders.map((v) => v.replace('AWS test-key:', 'AWS nobody:')) };
    expect(() => authenticateAt('2026-11-24T10:41:00Z')(unknown)).toThrow(expect.objectContaining({ code: 'InvalidAccessKeyId' }));
  });
});

describe('SigV2 query authentication (boto3 generate_presigned_url)', () => {
  it('accepts the URL before Expires', () => {
    expect(authenticateAt('2024-01-02T03:30:00Z')(presignedGet)).toEqual({ scheme: 'sigv2', accessKeyId: 'test-key', presigned: true });
  });

  it('refuses it after Expires with AccessDenied "Request has expired"', () => {
    expect(() => authenticateAt('2024-01-02T04:05:00Z')(presignedGet)).toThrow(
      expect.objectContaining({ code: 'AccessDenied', message: 'Request has expired', fields: { Expires: '2024-01-02T04:04:05Z', ServerTime: '2024-01-02T04:05:00Z' } }),
    );
  });

  it('refuses a URL for another key with SignatureDoesNotMatch', () => {
    const other = { ...presignedGet, rawPath: '/test-bucket/other' };
    expect(() => authenticateAt('2024-01-02T03:30:00Z')(other)).toThrow(expect.objectContaining({ code: 'SignatureDoesNotMatch' }));
  });

  it('refuses a URL missing Expires with AccessDenied', () => {
    const partial = { ...presignedGet, query: presignedGet.query.filter(([name]) => name !== 'Expires') };
    expect(() => authenticateAt('2024-01-02T03:30:00Z')(partial)).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
  });
});
