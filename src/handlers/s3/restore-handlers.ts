/**
 * RestoreObject: makes a readable copy of an archived object (GLACIER, DEEP_ARCHIVE) for some
 * days. The mock restores at once, so HeadObject reports the restore finished straight away.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html
 */
import { assertRestorable, isRestored, parseRestoreRequest, restoreExpiry } from '../../s3/documents/restore-documents';
import { versionIdParam } from '../../s3/version-id';
import { bucketOf, keyOf, type S3Handler } from './s3-call';
import { readXmlBody } from './xml-request-body';

/** 202 Accepted starts a restore; 200 OK extends the expiry of a copy already restored, as S3. */
const RestoreObject: S3Handler = async (call) => {
  const request = parseRestoreRequest(await readXmlBody(call));
  let alreadyRestored = false;
  await call.services.store.updateObject(bucketOf(call), keyOf(call), versionIdParam(call.wire.query), (info) => {
    assertRestorable(info.storageClass);
    alreadyRestored = isRestored(info.restoreExpiry);
    return { ...info, restoreExpiry: restoreExpiry(request.days) };
  });
  call.res.status(alreadyRestored ? 200 : 202).end();
};

export const restoreHandlers = { RestoreObject };
