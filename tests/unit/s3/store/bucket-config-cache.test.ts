import { MetadataIndex, openDatabase } from '../../../../src/s3/store/metadata-index';

describe('bucket configurations, parsed once and shared', () => {
  let index: MetadataIndex;
  beforeEach(() => {
    index = new MetadataIndex(openDatabase({ storage: 'memory', dataDir: '' }));
    index.transaction(() => index.createBucket('b', 'us-east-1', new Date()));
  });
  afterEach(() => index.close());

  it('reads a change as soon as it is committed', () => {
    expect(index.bucketConfig('b').cors).toBeUndefined();
    index.updateBucketConfig('b', (config) => {
      config.cors = [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }];
    });
    expect(index.bucketConfig('b').cors).toEqual([{ allowedMethods: ['GET'], allowedOrigins: ['*'] }]);
  });

  it('forgets a change whose transaction rolled back, even one read inside it', () => {
    index.bucketConfig('b');
    expect(() =>
      index.transaction(() => {
        index.updateBucketConfig('b', (config) => {
          config.versioning = 'Enabled';
        });
        expect(index.bucketConfig('b').versioning).toBe('Enabled');
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(index.bucketConfig('b').versioning).toBeUndefined();
  });

  it('hands out a frozen configuration, so no reader changes what others read', () => {
    index.updateBucketConfig('b', (config) => {
      config.cors = [{ allowedMethods: ['GET'], allowedOrigins: ['*'] }];
    });
    const config = index.bucketConfig('b');
    expect(() => (config.cors as { allowedMethods: string[] }[])[0].allowedMethods.push('PUT')).toThrow(TypeError);
    expect(index.bucketConfig('b').cors).toEqual([{ allowedMethods: ['GET'], allowedOrigins: ['*'] }]);
  });

  it('answers NoSuchBucket once a bucket is deleted, and a fresh configuration when it is made again', () => {
    index.updateBucketConfig('b', (config) => {
      config.versioning = 'Suspended';
    });
    index.bucketConfig('b');
    index.deleteBucket('b');
    expect(() => index.bucketConfig('b')).toThrow(expect.objectContaining({ code: 'NoSuchBucket' }));
    index.transaction(() => index.createBucket('b', 'us-east-1', new Date()));
    expect(index.bucketConfig('b')).toEqual({});
  });
});
