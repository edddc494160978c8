/**
 * PostObject: a browser form upload to a bucket, authorised by its signed policy (or unsigned
 * where S3_AUTH allows and, from a web page, the bucket's CORS rules do), stored like a PutObject.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html
 */
import { pipeline, type Readable } from 'node:stream';
import type { Authentication } from '../../s3/auth/authenticator';
import { uploadChecksumHeaders } from '../../s3/body/announced-checksums';
import { LengthLimit } from '../../s3/body/length-limit';
import { parseTagging } from '../../s3/documents/bucket-config-documents';
import { S3Error } from '../../s3/errors';
import type { S3HttpRequest } from '../../s3/http-request';
import { encryptionHeaders, quoteEtag } from '../../s3/object-headers';
import { assertHeaderSafeMetadata, assertValidKey, metadataFromRequest } from '../../s3/object-metadata';
import { checkPostPolicy, type FormFields } from '../../s3/post-policy';
import type { ChecksumAlgorithm, ObjectMetadata, Tag } from '../../s3/store';
import { writtenObjectAcl } from './access-control-handlers';
import { assertPageMayChange } from './cors-handlers';
import { readMultipartForm } from './multipart-form';
import { bucketOf, objectLocation, originOf, type S3Handler } from './s3-call';
import { sendXml, setHeaders } from './s3-responses';
import { versionHeaders } from './versioned-writes';

/** Form fields carry object metadata under the header names (Content-Type, x-amz-meta-*...); `acl` is x-amz-acl. */
function formAsHeaders(fields: FormFields): S3HttpRequest {
  const rawHeaders = [...fields].filter(([name]) => name !== 'tagging').flatMap(([name, value]) => [name === 'acl' ? 'x-amz-acl' : name, value]);
  return { method: 'POST', rawPath: '/', query: [], rawHeaders };
}

/** The form's `tagging` field is a Tagging document, as PutObjectTagging's body is. */
function formTags(fields: FormFields): Tag[] | undefined {
  const tagging = fields.get('tagging');
  return tagging === undefined ? undefined : parseTagging(tagging, 'object');
}

function formMetadata(fields: FormFields, mimeType: string | undefined, tags: Tag[] | undefined): ObjectMetadata {
  const metadata = metadataFromRequest(formAsHeaders(fields), 'form');
  const withForm = {
    ...metadata,
    contentType: metadata.contentType ?? mimeType ?? 'binary/octet-stream',
    ...(tags !== undefined ? { tags } : {}),
  };
  assertHeaderSafeMetadata(withForm);
  return withForm;
}

/** Where to send the browser: S3 ignores a success_action_redirect it cannot interpret as a URL. */
function redirectTarget(fields: FormFields): URL | undefined {
  const redirect = fields.get('success_action_redirect') ?? fields.get('redirect');
  return redirect !== undefined && URL.canParse(redirect) ? new URL(redirect) : undefined;
}

const PostObject: S3Handler = async (call) => {
  const bucket = bucketOf(call);
  const form = await readMultipartForm(call.req);
  let body: Readable = form.file;
  try {
    // The policy's conditions see the key with ${filename} filled in (when the file part gave one).
    const key = form.filename === undefined ? form.fields.get('key') : form.fields.get('key')?.replaceAll('${filename}', form.filename);
    const fields = key === undefined ? form.fields : new Map([...form.fields, ['key', key]]);
    const { accessKeyId, lengthRange } = checkPostPolicy(fields, bucket, call.services.config.credentials, new Date());
    await assertPageMayChange(call.services, call.wire, bucket, accessKeyId !== undefined);
    if (!key) throw new S3Error('InvalidArgument', "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.", { ArgumentName: 'key', ArgumentValue: '' });
    assertValidKey(key);
    // The form is the request: its signer (or nobody) is who writes, and its fields are the headers a policy tests.
    const auth: Authentication = accessKeyId === undefined ? { scheme: 'anonymous' } : { scheme: 'sigv2', accessKeyId, presigned: false };
    const principal = call.services.access.principalOf(auth);
    const asHeaders = formAsHeaders(form.fields);
    const tags = formTags(form.fields);
    await call.services.access.authorize({ operation: 'PutObject', principal, auth, wire: asHeaders, bucket, key, sourceIp: call.req.socket.remoteAddress ?? '', requestTags: tags });
    const metadata = { ...formMetadata(form.fields, form.mimeType, tags), ...(await writtenObjectAcl({ ...call, principal }, asHeaders, key)) };
    if (lengthRange) body = pipeline(form.file, new LengthLimit(lengthRange), () => undefined);
    const checksums = uploadChecksumHeaders(asHeaders);
    const checked = Object.keys(checksums).length > 0 ? { expect: { checksums }, checksumAlgorithms: Object.keys(checksums) as ChecksumAlgorithm[] } : {};
    const cause = { eventName: 'ObjectCreated:Post', origin: originOf({ ...call, principal }) } as const;
    const object = await call.services.store.putObject({ bucket, key, body, metadata, ...checked, cause });

    const location = objectLocation(call, bucket, key);
    setHeaders(call.res, { ETag: quoteEtag(object.etag), Location: location, ...encryptionHeaders(object.sse, call.services.config.region), ...versionHeaders(object) });
    const target = redirectTarget(form.fields);
    if (target) {
      target.searchParams.set('bucket', bucket);
      target.searchParams.set('key', key);
      target.searchParams.set('etag', quoteEtag(object.etag));
      // S3 answers 303 with the Location and no body.
      call.res.status(303).setHeader('Location', target.href);
      call.res.end();
      return;
    }
    const status = form.fields.get('success_action_status');
    if (status === '201') {
      // S3's PostResponse, unlike its other documents, has no namespace.
      sendXml(call.res, 'PostResponse', { Location: location, Bucket: bucket, Key: key, ETag: quoteEtag(object.etag) }, 201, false);
      return;
    }
    call.res.status(status === '200' ? 200 : 204).end();
  } finally {
    if (!body.readableEnded) body.destroy();
    form.file.resume();
  }
};

export const postObjectHandlers = { PostObject };
