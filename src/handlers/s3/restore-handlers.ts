/**
 * RestoreObject: makes a readable copy of an archived object (GLACIER, DEEP_ARCHIVE) for some
 * days. The mock restores at once, so HeadObject reports the restore finished straight away.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html
 */
import { assertRestorable, isRestored, parseRestoreRequest, restoreExpiry } from '../../s3/documents/restore-documents';
import type { ChangeCause } from '../../s3/events';
import type { ObjectInfo } from '../../s3/store';
import { versionIdParam } from '../../s3/version-id';
import { bucketOf, keyOf, originOf, type S3Handler } from './s3-call';
import { readXmlBody } from './xml-request-body';

/**
 * 202 Accepted starts a restore; 200 OK extends the expiry of a copy already restored, as S3.
 * Each is two events, as on S3: s3:ObjectRestore:Post when asked, s3:ObjectRestore:Completed
 * once the copy is readable, which here is at once, so both are committed with the restore.
 */
const RestoreObject: S3Handler = async (call) => {
  const request = parseRestoreRequest(await readXmlBody(call));
  let alreadyRestored = false;
  const restore = (info: ObjectInfo): ObjectInfo => {
    assertRestorable(info.storageClass);
    alreadyRestored = isRestored(info.restoreExpiry);
    return { ...info, restoreExpiry: restoreExpiry(request.days) };
  };
  const cause: ChangeCause = { eventName: 'ObjectRestore:Post', followedBy: ['ObjectRestore:Completed'], origin: originOf(call) };
  await call.services.store.updateObject(bucketOf(call), keyOf(call), versionIdParam(call.wire.query), restore, cause);
  call.res.status(alreadyRestored ? 200 : 202).end();
};

export const restoreHandlers = { RestoreObject };
