/**
 * Object Lock: the bucket's configuration (default retention) and each version's retention and
 * legal hold. Lock operations on a bucket created without Object Lock are InvalidRequest, as S3.
 */
import {
  objectLockConfiguration,
  parseLegalHold,
  parseObjectLockConfiguration,
  parseRetention,
  retention,
} from '../../s3/documents/object-lock-documents';
import { S3Error } from '../../s3/errors';
import { header, type S3HttpRequest } from '../../s3/http-request';
import { assertRetentionChange, type ObjectInfo, type ObjectLockConfig } from '../../s3/store';
import { versionIdParam } from '../../s3/version-id';
import { refusingDeleteMarkers } from './delete-marker-refusal';
import { bucketOf, keyOf, type S3Call, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';
import { readXmlBody } from './xml-request-body';

/** x-amz-bypass-governance-retention: true lets a GOVERNANCE retention be shortened or its version deleted. */
export function bypassesGovernance(wire: S3HttpRequest): boolean {
  return header(wire, 'x-amz-bypass-governance-retention')?.toLowerCase() === 'true';
}

async function lockConfigOf(call: S3Call): Promise<ObjectLockConfig> {
  const config = await call.services.store.getBucketConfig(bucketOf(call), 'objectLock');
  if (!config) throw new S3Error('InvalidRequest', 'Bucket is missing Object Lock Configuration', { BucketName: bucketOf(call) });
  return config;
}

const GetObjectLockConfiguration: S3Handler = async (call) => {
  const config = await call.services.store.getBucketConfig(bucketOf(call), 'objectLock');
  if (!config) throw new S3Error('ObjectLockConfigurationNotFoundError', undefined, { BucketName: bucketOf(call) });
  sendXml(call.res, 'ObjectLockConfiguration', objectLockConfiguration(config));
};

/** A bucket without Object Lock may get it while versioning is Enabled (S3 since 2023). */
const PutObjectLockConfiguration: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const config = parseObjectLockConfiguration(await readXmlBody(call));
  const store = call.services.store;
  if (!(await store.getBucketConfig(bucket, 'objectLock')) && (await store.getBucketConfig(bucket, 'versioning')) !== 'Enabled') {
    throw new S3Error('InvalidBucketState', "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration", { BucketName: bucket });
  }
  await store.putBucketConfig(bucket, 'objectLock', config);
  call.res.status(200).end();
};

const GetObjectRetention: S3Handler = async (call) => {
  await lockConfigOf(call);
  const { object } = await call.services.store.headObject(bucketOf(call), keyOf(call), { versionId: versionIdParam(call.wire.query) });
  if (!object.lock?.mode) throw new S3Error('NoSuchObjectLockConfiguration');
  sendXml(call.res, 'Retention', retention(object.lock));
};

const PutObjectRetention: S3Handler = async (call) => {
  await lockConfigOf(call);
  const next = parseRetention(await readXmlBody(call));
  const withRetention = (info: ObjectInfo) => {
    assertRetentionChange(info.lock, next, bypassesGovernance(call.wire));
    return { ...info, lock: { legalHold: info.lock?.legalHold, ...next } };
  };
  await refusingDeleteMarkers(call, () => call.services.store.updateObject(bucketOf(call), keyOf(call), versionIdParam(call.wire.query), withRetention), { latest: false });
  call.res.status(200).end();
};

const GetObjectLegalHold: S3Handler = async (call) => {
  await lockConfigOf(call);
  const { object } = await call.services.store.headObject(bucketOf(call), keyOf(call), { versionId: versionIdParam(call.wire.query) });
  if (!object.lock?.legalHold) throw new S3Error('NoSuchObjectLockConfiguration');
  sendXml(call.res, 'LegalHold', { Status: object.lock.legalHold });
};

const PutObjectLegalHold: S3Handler = async (call) => {
  // S3 reads the document before it looks for the bucket's Object Lock: a bucket without one answers
  // a missing document MalformedXML (localstack's recorded answers: test_put_object_legal_hold_exc
  // 'put-object-retention-empty', 'put-object-retention-regular-bucket').
  const status = parseLegalHold(await readXmlBody(call));
  await lockConfigOf(call);
  await call.services.store.updateObject(bucketOf(call), keyOf(call), versionIdParam(call.wire.query), (info) => ({
    ...info,
    lock: { ...info.lock, legalHold: status },
  }));
  call.res.status(200).end();
};

export const objectLockHandlers = {
  GetObjectLockConfiguration,
  PutObjectLockConfiguration,
  GetObjectRetention,
  PutObjectRetention,
  GetObjectLegalHold,
  PutObjectLegalHold,
};
