/** boto3 (tests/integration/s3/boto3_notifications.py) against the S3 mock's event notification configuration. */
import { join } from 'node:path';
import { python, useClientHome } from './python-clients';
import { localhostUrl, useS3 } from './s3-fixture';

// The TestEvents go nowhere: fetch refuses port 9 (discard).
const s3 = useS3({ env: { WEBHOOK_URL: 'http://127.0.0.1:9/webhooks/{client}' } });
const home = useClientHome('s3-boto3-notifications-');

it('puts, reads back and refuses notification configurations from boto3 as S3 does', async () => {
  const seen = JSON.parse(await python(join(__dirname, 'boto3_notifications.py'), [localhostUrl(s3.server)], home.path));
  expect(seen).toEqual({
    before: {},
    after: {
      QueueConfigurations: [
        {
          Id: 'uploads',
          QueueArn: 'arn:aws:sqs:eu-west-1:123456789012:standin',
          Events: ['s3:ObjectCreated:*'],
          Filter: { Key: { FilterRules: [{ Name: 'Prefix', Value: 'uploads/' }, { Name: 'Suffix', Value: '.jpg' }] } },
        },
      ],
      TopicConfigurations: [{ Id: 'removals', TopicArn: 'arn:minio:sqs::standin:webhook', Events: ['s3:ObjectRemoved:*'] }],
      LambdaFunctionConfigurations: [{ Id: 'tags', LambdaFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:standin', Events: ['s3:ObjectTagging:*'] }],
    },
    unknown_event: ['InvalidArgument', 'The event is not supported for notifications', 400],
    unknown_destination: ['InvalidArgument', 'Unable to validate the following destination configurations', 400],
    skipped_validation: 200,
    missing_bucket: 'NoSuchBucket',
  });
}, 60_000);
