/**
 * Lifecycle configuration: rules checked as S3 checks them, kept in S3's form (with the IDs S3
 * makes up for rules put without) and served back. The mock reports what they expire
 * (expiration-headers.ts) and never expires anything itself. (The bucket policy, enforced, is in
 * bucket-access-handlers.ts.)
 */
import { lifecycleDocumentToStore } from '../../s3/documents/lifecycle-documents';
import { S3Error, type S3ErrorCode } from '../../s3/errors';
import { bucketOf, type S3Handler } from './s3-call';
import { readXmlBody } from './xml-request-body';

interface StoredDocument {
  kind: 'lifecycle';
  /** The error S3 answers while none is stored. */
  missing: S3ErrorCode;
  /** The error for a body that is no document of this kind. */
  malformed: S3ErrorCode;
  contentType: string;
  parse: (body: string) => string;
  putStatus: number;
}

function storedDocument(document: StoredDocument): Record<'get' | 'put' | 'delete', S3Handler> {
  return {
    get: async (call) => {
      const stored = await call.services.store.getBucketConfig(bucketOf(call), document.kind);
      if (stored === undefined) throw new S3Error(document.missing, undefined, { BucketName: bucketOf(call) });
      const bytes = Buffer.from(stored, 'utf8');
      call.res.status(200).setHeader('Content-Type', document.contentType);
      call.res.setHeader('Content-Length', String(bytes.length));
      call.res.end(bytes);
    },
    put: async (call) => {
      const body = document.parse(await readXmlBody(call, { malformed: document.malformed }));
      await call.services.store.putBucketConfig(bucketOf(call), document.kind, body);
      call.res.status(document.putStatus).end();
    },
    delete: async (call) => {
      await call.services.store.deleteBucketConfig(bucketOf(call), document.kind);
      call.res.status(204).end();
    },
  };
}

const lifecycle = storedDocument({ kind: 'lifecycle', missing: 'NoSuchLifecycleConfiguration', malformed: 'MalformedXML', contentType: 'application/xml', parse: lifecycleDocumentToStore, putStatus: 200 });

export const bucketDocumentHandlers = {
  GetBucketLifecycleConfiguration: lifecycle.get,
  PutBucketLifecycleConfiguration: lifecycle.put,
  DeleteBucketLifecycle: lifecycle.delete,
};
