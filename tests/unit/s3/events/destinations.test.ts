/** Webhook destinations and the ARNs that name them (src/s3/events/destinations.ts). */
import { assertDestinationsExist, destinationIdOf, readDestinations } from '../../../../src/s3/events';

describe('destinationIdOf', () => {
  it.each([
    ['arn:minio:sqs::standin:webhook', 'STANDIN'],
    ['arn:minio:sqs:us-east-1:primary:webhook', 'PRIMARY'],
    ['arn:aws:sqs:us-east-1:123456789012:image-events', 'IMAGE_EVENTS'],
    ['arn:aws:sns:eu-west-1:123456789012:Standin', 'STANDIN'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:thumbnailer', 'THUMBNAILER'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:thumbnailer:live', 'THUMBNAILER'],
  ])('%s names %s', (arn, id) => {
    expect(destinationIdOf(arn)).toBe(id);
  });

  it.each(['not-an-arn', 'arn:aws:s3:::bucket', 'arn:minio:sqs::x:kafka'])('%s names none', (arn) => {
    expect(destinationIdOf(arn)).toBeUndefined();
  });
});

describe('readDestinations', () => {
  it('has the receiver as STANDIN and each S3_NOTIFY_WEBHOOK_<ID>, with its format', () => {
    const destinations = readDestinations(
      { S3_NOTIFY_WEBHOOK_IMAGE_EVENTS: 'http://localhost:5000/hook', S3_NOTIFY_WEBHOOK_IMAGE_EVENTS_FORMAT: 'eventbridge', OTHER: 'x' },
      'http://localhost:4000/webhooks/s3',
    );
    expect(destinations).toEqual(
      new Map([
        ['STANDIN', { id: 'STANDIN', url: 'http://localhost:4000/webhooks/s3', format: 'records' }],
        ['IMAGE_EVENTS', { id: 'IMAGE_EVENTS', url: 'http://localhost:5000/hook', format: 'eventbridge' }],
      ]),
    );
  });

  it('names every bad variable', () => {
    expect(readDestinations({ S3_NOTIFY_WEBHOOK_A: 'ftp://x', S3_NOTIFY_WEBHOOK_A_FORMAT: 'xml', S3_NOTIFY_WEBHOOK_B_FORMAT: 'records' }, 'http://r/webhooks/s3')).toEqual([
      'S3_NOTIFY_WEBHOOK_A: expected an http(s) URL, got "ftp://x"',
      'S3_NOTIFY_WEBHOOK_A_FORMAT: expected one of records, eventbridge, got "xml"',
      'S3_NOTIFY_WEBHOOK_B_FORMAT: no destination S3_NOTIFY_WEBHOOK_B is configured',
    ]);
  });
});

describe('assertDestinationsExist', () => {
  const destinations = readDestinations({}, 'http://localhost:4000/webhooks/s3') as Exclude<ReturnType<typeof readDestinations>, string[]>;

  it('accepts ARNs of configured destinations', () => {
    expect(() => assertDestinationsExist(['arn:aws:sqs:us-east-1:1:standin'], destinations)).not.toThrow();
  });

  it.each(['arn:aws:sqs:us-east-1:1:elsewhere', 'arn:aws:s3:::a-bucket'])('refuses %s, which names no configured destination, as S3 does', (arn) => {
    expect(() => assertDestinationsExist([arn], destinations)).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message: 'Unable to validate the following destination configurations', fields: expect.objectContaining({ ArgumentName1: arn }) }),
    );
  });
});
