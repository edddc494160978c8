/**
 * Get/PutBucketNotificationConfiguration (`?notification`): S3 event notifications to webhook
 * destinations (docs/ARCHITECTURE.md, "S3 event notifications"). Saving a configuration queues
 * S3's s3:TestEvent to each destination it names.
 */
import { header } from '../../s3/http-request';
import { assertDestinationsExist, notificationConfigurationXml, parseNotificationConfiguration } from '../../s3/events';
import { bucketOf, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';
import { readXmlBody } from './xml-request-body';

const GetBucketNotificationConfiguration: S3Handler = async (call) => {
  const configuration = await call.services.store.getBucketConfig(bucketOf(call), 'notification');
  sendXml(call.res, 'NotificationConfiguration', notificationConfigurationXml(configuration));
};

const PutBucketNotificationConfiguration: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  await call.services.store.headBucket(bucket);
  const configuration = parseNotificationConfiguration(await readXmlBody(call));
  // x-amz-skip-destination-validation: S3 then takes the ARNs as they are.
  if (header(call.wire, 'x-amz-skip-destination-validation')?.toLowerCase() !== 'true') {
    assertDestinationsExist(configuration.rules.map((rule) => rule.arn), call.services.config.notifyDestinations);
  }
  await call.services.store.putNotificationConfiguration(bucket, configuration, call.ids);
  call.res.status(200).end();
};

export const notificationHandlers = { GetBucketNotificationConfiguration, PutBucketNotificationConfiguration };
