import { S3_ERRORS, S3Error, toS3Error } from '../../../src/s3/errors';
import { BadDigest, InvalidPart, NoSuchBucket, NoSuchUpload } from '../../../src/s3/store';

describe('the S3 error table', () => {
  it.each([
    ['AccessDenied', 403],
    ['BadDigest', 400],
    ['BucketAlreadyExists', 409],
    ['BucketAlreadyOwnedByYou', 409],
    ['BucketNotEmpty', 409],
    ['EntityTooSmall', 400],
    ['EntityTooLarge', 400],
    ['IncompleteBody', 400],
    ['InvalidAccessKeyId', 403],
    ['InvalidArgument', 400],
    ['InvalidBucketName', 400],
    ['InvalidDigest', 400],
    ['InvalidPart', 400],
    ['InvalidPartOrder', 400],
    ['InvalidRange', 416],
    ['InvalidRequest', 400],
    ['MalformedXML', 400],
    ['MethodNotAllowed', 405],
    ['MissingContentLength', 411],
    ['NoSuchBucket', 404],
    ['NoSuchKey', 404],
    ['NoSuchUpload', 404],
    ['NotImplemented', 501],
    ['PreconditionFailed', 412],
    ['RequestTimeTooSkewed', 403],
    ['SignatureDoesNotMatch', 403],
    ['XAmzContentSHA256Mismatch', 400],
    ['AuthorizationHeaderMalformed', 400],
    ['AuthorizationQueryParametersError', 400],
    ['BadRequest', 400],
    ['InternalError', 500],
  ] as const)('answers %s with HTTP %i', (code, status) => {
    expect(S3_ERRORS[code].status).toBe(status);
    expect(new S3Error(code).status).toBe(status);
  });

  it('gives every code a non-empty default message', () => {
    for (const { message } of Object.values(S3_ERRORS)) expect(message.length).toBeGreaterThan(0);
  });

  it('keeps a specific message and extra fields when given', () => {
    const error = new S3Error('NoSuchKey', undefined, { Key: 'a/b.jpg' });
    expect(error.message).toBe('The specified key does not exist.');
    expect(error.fields).toEqual({ Key: 'a/b.jpg' });
    expect(new S3Error('AccessDenied', 'Request has expired').message).toBe('Request has expired');
  });

  it('turns an unknown failure into InternalError without leaking its message', () => {
    const error = toS3Error(new Error('ENOENT /secret/path'));
    expect(error.code).toBe('InternalError');
    expect(error.message).not.toContain('/secret/path');
    const known = new S3Error('NoSuchBucket');
    expect(toS3Error(known)).toBe(known);
  });

  it('makes store errors S3Errors, with the status and message of their code in the table', () => {
    const missing = new NoSuchBucket('photos');
    expect(toS3Error(missing)).toBe(missing);
    expect({ code: missing.code, status: missing.status, message: missing.message, fields: missing.fields }).toEqual({
      code: 'NoSuchBucket',
      status: 404,
      message: S3_ERRORS.NoSuchBucket.message,
      fields: { BucketName: 'photos' },
    });
    expect(new NoSuchUpload('u-1').message).toBe(S3_ERRORS.NoSuchUpload.message);
    expect(new InvalidPart('u-1', 2, '"etag"').message).toBe(S3_ERRORS.InvalidPart.message);
    expect(new BadDigest('md5').message).toBe(S3_ERRORS.BadDigest.message);
  });

  it('words MalformedXML and MalformedACLError alike, without a closing period, as S3 does', () => {
    // localstack's recorded answers: test_s3_bucket_acl_exceptions 'put-bucket-acp-acl-1', 'put-bucket-empty-acp'.
    const words = 'The XML you provided was not well-formed or did not validate against our published schema';
    expect([S3_ERRORS.MalformedXML.message, S3_ERRORS.MalformedACLError.message]).toEqual([words, words]);
  });

  it('keeps S3\'s own wording where a store error names what failed', () => {
    expect(new BadDigest('crc32c').message).toBe('The CRC32C you specified did not match the calculated checksum.');
  });
});
