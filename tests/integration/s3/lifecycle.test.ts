/**
 * Lifecycle configuration from @aws-sdk/client-s3: rules checked as S3 checks them, served back
 * with their IDs, and the expiry they give an object reported in x-amz-expiration (the SDK's
 * `Expiration`) on writes, GET and HEAD. Nothing is ever expired.
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import { s3ErrorOf } from './s3-error';
import { useS3 } from './s3-fixture';

const s3 = useS3();
let bucketCount = 0;

async function bucketWith(rules: LifecycleRule[]): Promise<string> {
  const Bucket = `lifecycle-${(bucketCount += 1)}`;
  await s3.client.send(new CreateBucketCommand({ Bucket }));
  await s3.client.send(new PutBucketLifecycleConfigurationCommand({ Bucket, LifecycleConfiguration: { Rules: rules } }));
  return Bucket;
}

const rulesOf = async (Bucket: string) => (await s3.client.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules;

/** The midnight UTC `days` days after `date` (S3 rounds an expiry up to the next midnight). */
const midnightAfter = (date: Date, days: number) => {
  const expiry = new Date(date.getTime() + days * 86_400_000);
  return expiry.getUTCHours() || expiry.getUTCMinutes() || expiry.getUTCSeconds() || expiry.getUTCMilliseconds()
    ? new Date(Date.UTC(expiry.getUTCFullYear(), expiry.getUTCMonth(), expiry.getUTCDate() + 1))
    : expiry;
};

describe('lifecycle configuration', () => {
  it('is NoSuchLifecycleConfiguration until put, then reads back its rules, until deleted', async () => {
    const rule = { ID: 'expire-tmp', Filter: { Prefix: 'tmp/' }, Status: 'Enabled' as const, Expiration: { Days: 1 } };
    const Bucket = await bucketWith([rule]);
    expect(await rulesOf(Bucket)).toEqual([rule]);
    await s3.client.send(new DeleteBucketLifecycleCommand({ Bucket }));
    const error = await s3ErrorOf(s3.client.send(new GetBucketLifecycleConfigurationCommand({ Bucket })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NoSuchLifecycleConfiguration', 404]);
  });

  it('reads back every kind of rule as put, filters in the form they were written', async () => {
    const rules: LifecycleRule[] = [
      { ID: 'legacy-prefix', Prefix: 'logs/', Status: 'Enabled', Expiration: { Date: new Date('2031-01-01T00:00:00Z') } },
      { ID: 'tagged', Filter: { Tag: { Key: 'class', Value: 'scratch' } }, Status: 'Disabled', Transitions: [{ Days: 30, StorageClass: 'STANDARD_IA' }, { Days: 90, StorageClass: 'GLACIER' }] },
      {
        ID: 'and',
        Filter: { And: { Prefix: 'data/', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], ObjectSizeGreaterThan: 10, ObjectSizeLessThan: 1000 } },
        Status: 'Enabled',
        NoncurrentVersionTransitions: [{ NoncurrentDays: 10, StorageClass: 'GLACIER_IR', NewerNoncurrentVersions: 2 }],
        NoncurrentVersionExpiration: { NoncurrentDays: 40, NewerNoncurrentVersions: 3 },
      },
      { ID: 'uploads', Filter: {}, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
      { ID: 'markers', Filter: { Prefix: '' }, Status: 'Enabled', Expiration: { ExpiredObjectDeleteMarker: true } },
    ];
    expect(await rulesOf(await bucketWith(rules))).toEqual(rules);
  });

  it('gives a rule put without an ID one of its own, the same on every read', async () => {
    const Bucket = await bucketWith([
      { Filter: { Prefix: 'a/' }, Status: 'Enabled', Expiration: { Days: 31 } },
      { Filter: { Prefix: 'b/' }, Status: 'Enabled', Expiration: { Days: 120 } },
    ]);
    const [first, second] = (await rulesOf(Bucket))!;
    expect(first.ID).toMatch(/^\S{8,255}$/);
    expect(second.ID).toMatch(/^\S{8,255}$/);
    expect(first.ID).not.toBe(second.ID);
    expect((await rulesOf(Bucket))!.map((rule) => rule.ID)).toEqual([first.ID, second.ID]);
  });

  const refusals: Array<[string, LifecycleRule[], string, string]> = [
    ['an ID over 255 characters', [{ ID: 'a'.repeat(256), Filter: {}, Status: 'Enabled', Expiration: { Days: 1 } }], 'InvalidArgument', 'ID length should not exceed allowed limit of 255'],
    [
      'the same ID twice',
      [
        { ID: 'same', Filter: { Prefix: 'a/' }, Status: 'Enabled', Expiration: { Days: 1 } },
        { ID: 'same', Filter: { Prefix: 'b/' }, Status: 'Enabled', Expiration: { Days: 2 } },
      ],
      'InvalidArgument',
      'Rule ID must be unique. Found same ID for more than one rule',
    ],
    ['expiration after 0 days', [{ ID: 'r', Filter: {}, Status: 'Enabled', Expiration: { Days: 0 } }], 'InvalidArgument', "'Days' for Expiration action must be a positive integer"],
    ['an expiration date that is not midnight UTC', [{ ID: 'r', Filter: {}, Status: 'Enabled', Expiration: { Date: new Date('2031-01-01T12:00:00Z') } }], 'InvalidArgument', "'Date' must be at midnight GMT"],
    ['a transition date that is not midnight UTC', [{ ID: 'r', Filter: {}, Status: 'Enabled', Transitions: [{ Date: new Date('2031-01-01T00:00:01Z'), StorageClass: 'GLACIER' }] }], 'InvalidArgument', "'Date' must be at midnight GMT"],
    ['a rule without an action', [{ ID: 'r', Filter: {}, Status: 'Enabled' }], 'InvalidRequest', 'At least one action needs to be specified in a rule'],
    ['both Prefix and Filter', [{ ID: 'r', Prefix: 'a/', Filter: {}, Status: 'Enabled', Expiration: { Days: 1 } }], 'MalformedXML', expect.any(String) as unknown as string],
    ['two conditions in a Filter without And', [{ ID: 'r', Filter: { Prefix: 'a/', ObjectSizeGreaterThan: 5 }, Status: 'Enabled', Expiration: { Days: 1 } }], 'MalformedXML', expect.any(String) as unknown as string],
    ['Days and Date in one Expiration', [{ ID: 'r', Filter: {}, Status: 'Enabled', Expiration: { Days: 1, Date: new Date('2031-01-01T00:00:00Z') } }], 'MalformedXML', expect.any(String) as unknown as string],
    ['a status other than Enabled or Disabled', [{ ID: 'r', Filter: {}, Status: 'On' as 'Enabled', Expiration: { Days: 1 } }], 'MalformedXML', expect.any(String) as unknown as string],
  ];

  it.each(refusals)('refuses %s, keeping the configuration it had', async (_case, Rules, code, message) => {
    const kept = [{ ID: 'kept', Filter: { Prefix: 'k/' }, Status: 'Enabled' as const, Expiration: { Days: 3 } }];
    const Bucket = await bucketWith(kept);
    const error = await s3ErrorOf(s3.client.send(new PutBucketLifecycleConfigurationCommand({ Bucket, LifecycleConfiguration: { Rules } })));
    expect([error.$metadata.httpStatusCode, error.name, error.message]).toEqual([400, code, message]);
    expect(await rulesOf(Bucket)).toEqual(kept);
  });
});

describe('x-amz-expiration', () => {
  it('tells writes, GET and HEAD of a current object when its earliest enabled rule expires it, and which', async () => {
    const Bucket = await bucketWith([
      { ID: 'late', Filter: { Prefix: 'tmp/' }, Status: 'Enabled', Expiration: { Days: 30 } },
      { ID: 'soon', Filter: { Prefix: 'tmp/' }, Status: 'Enabled', Expiration: { Days: 2 } },
      { ID: 'off', Filter: { Prefix: 'tmp/' }, Status: 'Disabled', Expiration: { Days: 1 } },
    ]);
    const put = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'tmp/a.txt', Body: 'x' }));
    const head = await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'tmp/a.txt' }));
    const expected = `expiry-date="${midnightAfter(head.LastModified!, 2).toUTCString()}", rule-id="soon"`;
    expect(put.Expiration).toBe(expected);
    expect(head.Expiration).toBe(expected);
    const get = await s3.client.send(new GetObjectCommand({ Bucket, Key: 'tmp/a.txt' }));
    await get.Body!.transformToString();
    expect(get.Expiration).toBe(expected);
    const copy = await s3.client.send(new CopyObjectCommand({ Bucket, Key: 'tmp/copy.txt', CopySource: `${Bucket}/tmp/a.txt` }));
    expect(copy.Expiration).toMatch(/^expiry-date="[^"]+ 00:00:00 GMT", rule-id="soon"$/);
    const upload = await s3.client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'tmp/multi.bin' }));
    const part = await s3.client.send(new UploadPartCommand({ Bucket, Key: 'tmp/multi.bin', UploadId: upload.UploadId, PartNumber: 1, Body: 'y' }));
    const completed = await s3.client.send(
      new CompleteMultipartUploadCommand({ Bucket, Key: 'tmp/multi.bin', UploadId: upload.UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }),
    );
    expect(completed.Expiration).toMatch(/rule-id="soon"$/);
  });

  it('gives a rule with a date that date', async () => {
    const Bucket = await bucketWith([{ ID: 'dated', Filter: {}, Status: 'Enabled', Expiration: { Date: new Date('2031-06-01T00:00:00Z') } }]);
    const put = await s3.client.send(new PutObjectCommand({ Bucket, Key: 'any.txt', Body: 'x' }));
    expect(put.Expiration).toBe('expiry-date="Sun, 01 Jun 2031 00:00:00 GMT", rule-id="dated"');
  });

  it('follows the filter: prefix, tags and size', async () => {
    const Bucket = await bucketWith([
      { ID: 'tagged-and-sized', Filter: { And: { Prefix: 'p/', Tags: [{ Key: 'class', Value: 'scratch' }], ObjectSizeGreaterThan: 2 } }, Status: 'Enabled', Expiration: { Days: 1 } },
    ]);
    const expires = async (Key: string) => (await s3.client.send(new HeadObjectCommand({ Bucket, Key }))).Expiration;
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'p/match', Body: 'xyz', Tagging: 'class=scratch' }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'p/small', Body: 'xy', Tagging: 'class=scratch' }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'p/untagged', Body: 'xyz' }));
    await s3.client.send(new PutObjectCommand({ Bucket, Key: 'q/match', Body: 'xyz', Tagging: 'class=scratch' }));
    expect(await expires('p/match')).toMatch(/rule-id="tagged-and-sized"$/);
    expect([await expires('p/small'), await expires('p/untagged'), await expires('q/match')]).toEqual([undefined, undefined, undefined]);
    await s3.client.send(new PutObjectTaggingCommand({ Bucket, Key: 'p/untagged', Tagging: { TagSet: [{ Key: 'class', Value: 'scratch' }] } }));
    expect(await expires('p/untagged')).toMatch(/rule-id="tagged-and-sized"$/);
  });

  it('is absent where no rule applies, and once the configuration is deleted', async () => {
    const Bucket = await bucketWith([{ ID: 'uploads', Filter: {}, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }]);
    expect((await s3.client.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }))).Expiration).toBeUndefined();
    await s3.client.send(new PutBucketLifecycleConfigurationCommand({ Bucket, LifecycleConfiguration: { Rules: [{ ID: 'all', Filter: {}, Status: 'Enabled', Expiration: { Days: 5 } }] } }));
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'k' }))).Expiration).toMatch(/rule-id="all"$/);
    await s3.client.send(new DeleteBucketLifecycleCommand({ Bucket }));
    expect((await s3.client.send(new HeadObjectCommand({ Bucket, Key: 'k' }))).Expiration).toBeUndefined();
  });
});
