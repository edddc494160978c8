import { parseCors, parseEncryption, parseTagging, parseVersioning } from '../../../../src/s3/documents/bucket-config-documents';
import { parseCreateBucketConfiguration } from '../../../../src/s3/documents/bucket-documents';
import { parseDeleteRequest } from '../../../../src/s3/documents/delete-objects-documents';
import { parseCompleteRequest } from '../../../../src/s3/documents/multipart-documents';

describe('S3 request documents', () => {
  it('CompleteMultipartUpload: parts with ETags and checksums', () => {
    const parts = parseCompleteRequest(
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"a"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><Part><PartNumber>2</PartNumber><ETag>b</ETag></Part></CompleteMultipartUpload>',
    );
    expect(parts).toEqual([{ partNumber: 1, etag: '"a"', checksums: { crc32: 'AAAAAA==' } }, { partNumber: 2, etag: 'b' }]);
    expect(parseCompleteRequest('<CompleteMultipartUpload/>')).toEqual([]);
    expect(parseCompleteRequest('')).toEqual([]);
    expect(() => parseCompleteRequest('<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });

  it('Delete: keys and Quiet, at most 1000 keys', () => {
    expect(parseDeleteRequest('<Delete><Quiet>true</Quiet><Object><Key>a</Key></Object></Delete>')).toEqual({ objects: [{ key: 'a' }], quiet: true });
    expect(parseDeleteRequest('<Delete><Object><Key>a</Key><VersionId>null</VersionId></Object></Delete>').objects).toEqual([{ key: 'a', versionId: 'null' }]);
    const tooMany = `<Delete>${'<Object><Key>k</Key></Object>'.repeat(1001)}</Delete>`;
    expect(() => parseDeleteRequest(tooMany)).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
  });

  it('Tagging: duplicate keys are InvalidTag; over 10 object tags BadRequest, over 50 bucket tags InvalidTag', () => {
    expect(parseTagging('<Tagging><TagSet><Tag><Key>a</Key><Value></Value></Tag></TagSet></Tagging>', 'object')).toEqual([{ key: 'a', value: '' }]);
    expect(() => parseTagging('<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value></Tag></TagSet></Tagging>', 'object')).toThrow(expect.objectContaining({ code: 'InvalidTag' }));
    const tagSet = (count: number) => `<Tagging><TagSet>${Array.from({ length: count }, (_, i) => `<Tag><Key>k${i}</Key><Value>v</Value></Tag>`).join('')}</TagSet></Tagging>`;
    expect(() => parseTagging(tagSet(11), 'object')).toThrow(expect.objectContaining({ code: 'BadRequest', message: 'Object tags cannot be greater than 10' }));
    expect(parseTagging(tagSet(50), 'bucket')).toHaveLength(50);
    expect(() => parseTagging(tagSet(51), 'bucket')).toThrow(expect.objectContaining({ code: 'InvalidTag' }));
  });

  it('Tagging: a repeated key is named, and an aws: key refused in the words of its target, as on S3', () => {
    const tags = (...keys: string[]) => `<Tagging><TagSet>${keys.map((key) => `<Tag><Key>${key}</Key><Value>v</Value></Tag>`).join('')}</TagSet></Tagging>`;
    for (const target of ['object', 'bucket'] as const) {
      expect(() => parseTagging(tags('Key1', 'Key2', 'Key1'), target)).toThrow(expect.objectContaining({ code: 'InvalidTag', message: 'Cannot provide multiple Tags with the same key', fields: { TagKey: 'Key1' } }));
    }
    expect(() => parseTagging(tags('aws:prefixed'), 'bucket')).toThrow(expect.objectContaining({ code: 'InvalidTag', message: 'System tags cannot be added/updated by requester', fields: { TagKey: 'aws:prefixed' } }));
    expect(() => parseTagging(tags('aws:prefixed'), 'object')).toThrow(expect.objectContaining({ code: 'InvalidTag', message: 'Your TagKey cannot be prefixed with aws:', fields: { TagKey: 'aws:prefixed' } }));
  });

  it('Tagging: a Tag without its Key or its Value element is MalformedXML, as on S3', () => {
    for (const tag of ['<Value>1</Value>', '<Key>a</Key>']) {
      for (const target of ['object', 'bucket'] as const) {
        expect(() => parseTagging(`<Tagging><TagSet><Tag>${tag}</Tag></TagSet></Tagging>`, target)).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
      }
    }
    expect(parseTagging('<Tagging><TagSet><Tag><Key>a</Key><Value/></Tag></TagSet></Tagging>', 'bucket')).toEqual([{ key: 'a', value: '' }]);
  });

  it('CORSConfiguration: every rule needs an origin and a method S3 knows', () => {
    expect(parseCors('<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><MaxAgeSeconds>5</MaxAgeSeconds></CORSRule></CORSConfiguration>')).toEqual([
      { allowedOrigins: ['*'], allowedMethods: ['GET'], allowedHeaders: [], exposeHeaders: [], maxAgeSeconds: 5 },
    ]);
    expect(() => parseCors('<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>')).toThrow(expect.objectContaining({ code: 'InvalidRequest' }));
    expect(() => parseCors('<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod></AllowedMethod></CORSRule></CORSConfiguration>')).toThrow(
      expect.objectContaining({ code: 'InvalidRequest', message: 'Found unsupported HTTP method in CORS config. Unsupported method is ' }),
    );
  });

  it('CORSConfiguration: an origin holds one wildcard at most', () => {
    expect(parseCors('<CORSConfiguration><CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>')[0].allowedOrigins).toEqual(['https://*.example.com']);
    for (const origin of ['*example.com*', 'https://*:7070/*', 'http://***']) {
      expect(() => parseCors(`<CORSConfiguration><CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`)).toThrow(
        expect.objectContaining({ code: 'InvalidRequest', message: `AllowedOrigin "${origin}" can not have more than one wildcard.` }),
      );
    }
  });

  it('CORSConfiguration: a header holds one wildcard at most', () => {
    expect(parseCors('<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>x-amz-*</AllowedHeader><AllowedHeader>*</AllowedHeader></CORSRule></CORSConfiguration>')[0].allowedHeaders).toEqual(['x-amz-*', '*']);
    for (const header of ['x-*-meta-*', '**']) {
      expect(() => parseCors(`<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedHeader>x-amz-*</AllowedHeader><AllowedHeader>${header}</AllowedHeader></CORSRule></CORSConfiguration>`)).toThrow(
        expect.objectContaining({ code: 'InvalidRequest', message: `AllowedHeader "${header}" can not have more than one wildcard.` }),
      );
    }
  });

  it('ServerSideEncryptionConfiguration and VersioningConfiguration', () => {
    expect(parseEncryption('<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>')).toEqual({ algorithm: 'AES256' });
    expect(() => parseEncryption('<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>ROT13</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>')).toThrow(expect.objectContaining({ code: 'InvalidEncryptionAlgorithmError' }));
    expect(parseVersioning('<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>')).toEqual({ status: 'Enabled' });
    expect(parseVersioning('<VersioningConfiguration><MfaDelete>Disabled</MfaDelete><Status>Suspended</Status></VersioningConfiguration>')).toEqual({ status: 'Suspended', mfaDelete: 'Disabled' });
    expect(() => parseVersioning('<VersioningConfiguration><MfaDelete>Enabled</MfaDelete><Status>Enabled</Status></VersioningConfiguration>')).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    expect(() => parseVersioning('<VersioningConfiguration><Status>On</Status></VersioningConfiguration>')).toThrow(expect.objectContaining({ code: 'MalformedXML' }));
    expect(() => parseVersioning('<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>')).toThrow(
      expect.objectContaining({ code: 'IllegalVersioningConfigurationException', status: 400, message: 'The Versioning element must be specified' }),
    );
  });

  it('CreateBucketConfiguration: the LocationConstraint, or none for an empty body', () => {
    expect(parseCreateBucketConfiguration('<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>')).toBe('eu-west-1');
    expect(parseCreateBucketConfiguration('')).toBeUndefined();
    const configuration = (region: string) => `<CreateBucketConfiguration><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;
    expect(parseCreateBucketConfiguration(configuration('EU'))).toBe('eu-west-1');
    expect(parseCreateBucketConfiguration(configuration('us-gov-west-1'))).toBe('us-gov-west-1');
    for (const invalid of ['us-east-1', 'mars', 'EU-WEST-1']) {
      expect(() => parseCreateBucketConfiguration(configuration(invalid))).toThrow(expect.objectContaining({ code: 'InvalidLocationConstraint' }));
    }
  });
});
