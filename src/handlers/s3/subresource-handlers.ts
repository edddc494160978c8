/**
 * Bucket and object sub-resources: object and bucket tagging, bucket CORS, default encryption and
 * the versioning state (which the store applies to every later write and delete).
 */
import {
  corsConfiguration,
  encryptionConfiguration,
  parseCors,
  parseEncryption,
  parseTagging,
  parseVersioning,
  tagging,
  versioningConfiguration,
} from '../../s3/documents/bucket-config-documents';
import { S3Error, type S3ErrorCode } from '../../s3/errors';
import { SSE_S3_BY_DEFAULT, type BucketConfig, type ObjectInfo } from '../../s3/store';
import { versionIdParam } from '../../s3/version-id';
import type { XmlTree } from '../../s3/xml';
import { refusingDeleteMarkers } from './delete-marker-refusal';
import { bucketOf, keyOf, originOf, type S3Call, type S3Handler } from './s3-call';
import { sendXml } from './s3-responses';
import { readXmlBody } from './xml-request-body';

interface BucketSubresource<K extends keyof BucketConfig> {
  kind: K;
  root: string;
  /** What a bucket without one answers: an error, or the configuration S3 gives every bucket. */
  missing: S3ErrorCode | { byDefault: BucketConfig[K] };
  parse: (body: string) => BucketConfig[K];
  render: (value: BucketConfig[K]) => XmlTree;
  putStatus: number;
}

/** The configuration a bucket without one has (S3's default), or the error S3 answers for it. */
function absent<K extends keyof BucketConfig>(resource: BucketSubresource<K>, bucket: string): BucketConfig[K] {
  if (typeof resource.missing === 'object') return resource.missing.byDefault;
  throw new S3Error(resource.missing, undefined, { BucketName: bucket });
}

function bucketSubresource<K extends keyof BucketConfig>(resource: BucketSubresource<K>): Record<'get' | 'put' | 'delete', S3Handler> {
  return {
    get: async (call) => {
      const value = (await call.services.store.getBucketConfig(bucketOf(call), resource.kind)) ?? absent(resource, bucketOf(call));
      sendXml(call.res, resource.root, resource.render(value));
    },
    put: async (call) => {
      const value = resource.parse(await readXmlBody(call));
      await call.services.store.putBucketConfig(bucketOf(call), resource.kind, value);
      call.res.status(resource.putStatus).end();
    },
    delete: async (call) => {
      await call.services.store.deleteBucketConfig(bucketOf(call), resource.kind);
      call.res.status(204).end();
    },
  };
}

const bucketTagging = bucketSubresource({ kind: 'tagging', root: 'Tagging', missing: 'NoSuchTagSet', parse: (body) => parseTagging(body, 'bucket'), render: tagging, putStatus: 204 });
const cors = bucketSubresource({ kind: 'cors', root: 'CORSConfiguration', missing: 'NoSuchCORSConfiguration', parse: parseCors, render: corsConfiguration, putStatus: 200 });
/** Every bucket has SSE-S3 until PutBucketEncryption sets another; DeleteBucketEncryption resets it to SSE-S3. */
const encryption = bucketSubresource({
  kind: 'encryption',
  root: 'ServerSideEncryptionConfiguration',
  missing: { byDefault: { ...SSE_S3_BY_DEFAULT, bucketKeyEnabled: false } },
  parse: parseEncryption,
  render: encryptionConfiguration,
  putStatus: 200,
});
/** A bucket that never had versioning set answers an empty configuration, not an error. */
const GetBucketVersioning: S3Handler = async (call) => {
  const store = call.services.store;
  const status = await store.getBucketConfig(bucketOf(call), 'versioning');
  sendXml(call.res, 'VersioningConfiguration', versioningConfiguration(status, await store.getBucketConfig(bucketOf(call), 'mfaDelete')));
};

const PutBucketVersioning: S3Handler = async (call) => {
  const { status, mfaDelete } = parseVersioning(await readXmlBody(call));
  await call.services.store.putBucketConfig(bucketOf(call), 'versioning', status);
  if (mfaDelete) await call.services.store.putBucketConfig(bucketOf(call), 'mfaDelete', mfaDelete);
  call.res.status(200).end();
};

/** Tagging answers name the version they read or changed (x-amz-version-id), when it has one. */
function versionHeader(res: S3Call['res'], object: ObjectInfo): void {
  if (object.versionId !== undefined) res.setHeader('x-amz-version-id', object.versionId);
}

const GetObjectTagging: S3Handler = async (call) => {
  const { object } = await refusingDeleteMarkers(call, () => call.services.store.headObject(bucketOf(call), keyOf(call), { versionId: versionIdParam(call.wire.query) }));
  versionHeader(call.res, object);
  sendXml(call.res, 'Tagging', tagging(object.tags ?? []));
};

/**
 * Authorized here with the body's tags, which a policy's s3:RequestObjectTag/<key> and
 * s3:RequestObjectTagKeys test; the router has decided already where the policy tests none.
 */
const PutObjectTagging: S3Handler = async (call) => {
  const tags = parseTagging(await readXmlBody(call), 'object');
  const { principal, auth, wire } = call;
  await call.services.access.authorize({ operation: 'PutObjectTagging', principal, auth, wire, bucket: bucketOf(call), key: keyOf(call), sourceIp: call.req.socket.remoteAddress ?? '', requestTags: tags });
  versionHeader(call.res, await refusingDeleteMarkers(call, () => call.services.store.putObjectTags(bucketOf(call), keyOf(call), tags, versionIdParam(call.wire.query), originOf(call))));
  call.res.status(200).end();
};

const DeleteObjectTagging: S3Handler = async (call) => {
  versionHeader(call.res, await refusingDeleteMarkers(call, () => call.services.store.deleteObjectTags(bucketOf(call), keyOf(call), versionIdParam(call.wire.query), originOf(call))));
  call.res.status(204).end();
};

export const subresourceHandlers = {
  GetBucketTagging: bucketTagging.get,
  PutBucketTagging: bucketTagging.put,
  DeleteBucketTagging: bucketTagging.delete,
  GetBucketCors: cors.get,
  PutBucketCors: cors.put,
  DeleteBucketCors: cors.delete,
  GetBucketEncryption: encryption.get,
  PutBucketEncryption: encryption.put,
  DeleteBucketEncryption: encryption.delete,
  GetBucketVersioning,
  PutBucketVersioning,
  GetObjectTagging,
  PutObjectTagging,
  DeleteObjectTagging,
};
