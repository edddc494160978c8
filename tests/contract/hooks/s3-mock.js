// Hooks for openapi/s3-mock.yaml: only its JSON extras run under Dredd (the runner leaves out
// the S3 protocol operations, which the S3 client tests cover).
const hooks = require('hooks');
const { step, check } = require('../support/hook-steps');
const { serverClient } = require('../support/server-client');
const { sendTo, setHeader, setQuery, setPathValue } = require('../support/transaction-edits');
const { operation } = require('../support/transaction-names');

const s3 = serverClient(hooks.configuration.endpoint);
const PRESIGNED_URL = operation('/presigned-url > Make a SigV4 presigned URL');
const BUCKETS = operation('/admin/buckets > List every bucket with its object count and size');
const OBJECTS = operation('/admin/objects/{bucket} > List the objects of a bucket with their full metadata');
const RESET = operation('/admin/reset > Delete every bucket and object, then recreate the S3_BUCKETS buckets');
const CREATE_BUCKET = operation('/admin/buckets/{bucket} > Create a bucket');
const DELETE_BUCKET = operation('/admin/buckets/{bucket} > Delete an empty bucket');
const OBJECT = operation("/admin/object/{bucket} > One object's details, tags and versions");
const DELETE_OBJECT = operation('/admin/object/{bucket} > Delete an object, or one version of it');
const DOWNLOAD = operation("/admin/object/{bucket}/content > An object's bytes, to download or preview");
const UPLOAD = operation('/admin/object/{bucket}/content > Upload an object (the raw body, streamed)');
const CONSOLE = operation('/_console > The web console');
const ADMIN_OPERATIONS = [CREATE_BUCKET, DELETE_BUCKET, OBJECT, DELETE_OBJECT, DOWNLOAD, UPLOAD];
const NOTIFICATIONS = operation('/admin/notifications > The S3 event notifications in the outbox, with their delivery state');

// The listing example starts after "image.jpg"; an object after it makes the page non-empty.
hooks.before(
  OBJECTS(200),
  step(() =>
    s3.request('PUT', '/test-bucket/photos/image.jpg', {
      headers: { 'content-type': 'image/jpeg', 'x-amz-meta-owner': 'alice', 'x-amz-server-side-encryption': 'AES256' },
      body: 'not really a JPEG, but an object',
      expect: 200,
    }),
  ),
);

// The console's operations run after the reset: the examples' object is put again where needed,
// with the body the download example shows (and the media type it declares: the stored one is sent).
const putExampleObject = (contentType) =>
  step(() => s3.request('PUT', '/test-bucket/photos/image.jpg', { headers: { 'content-type': contentType }, body: 'not really a JPEG, but an object', expect: 200 }));
for (const transaction of [OBJECT(200), DELETE_BUCKET(409)]) hooks.before(transaction, putExampleObject('image/jpeg'));
hooks.before(DOWNLOAD(200, 'application/octet-stream'), putExampleObject('application/octet-stream'));
hooks.before(CREATE_BUCKET(201), (transaction) => setPathValue(transaction, 'test-bucket', 'console-demo'));
hooks.before(CREATE_BUCKET(400), (transaction) => setPathValue(transaction, 'test-bucket', 'Not_A_Bucket'));
hooks.before(
  DELETE_BUCKET(204, null),
  step(async (transaction) => {
    await s3.request('PUT', '/admin/buckets/contract-doomed', { expect: 201 });
    setPathValue(transaction, 'test-bucket', 'contract-doomed');
  }),
);
// Dredd would send the declared `*/*` as the Content-Type, which names no media type.
for (const status of [201, 401, 403]) hooks.before(UPLOAD(status), (transaction) => setHeader(transaction, 'Content-Type', 'text/plain'));
for (const withKey of [OBJECT, DELETE_OBJECT, DOWNLOAD, UPLOAD]) {
  hooks.before(withKey(400), (transaction) => {
    setQuery(transaction, { key: undefined });
    setHeader(transaction, 'Content-Type', 'text/plain');
  });
}
for (const transaction of [OBJECT(404), DOWNLOAD(404)]) hooks.before(transaction, (t) => setQuery(t, { key: 'no-such-key' }));
for (const transaction of [DELETE_BUCKET(404), DELETE_OBJECT(404), UPLOAD(404)]) {
  hooks.before(transaction, (t) => {
    setPathValue(t, 'test-bucket', 'no-such-bucket');
    setHeader(t, 'Content-Type', 'text/plain');
  });
}

// The console is a page: checked for what the spec promises (an HTML document, script-src 'self').
hooks.before(CONSOLE(200, 'text/html'), (transaction) => {
  delete transaction.expected.body;
});
hooks.after(
  CONSOLE(200, 'text/html'),
  step((transaction) => {
    check(/^<!doctype html>/i.test(transaction.real.body ?? ''), 'the console is not an HTML document');
    check(/script-src 'self'/.test(transaction.real.headers['content-security-policy'] ?? ''), "no Content-Security-Policy with script-src 'self'");
  }),
);

// Each 400 is the kit's request validation refusing a real mistake.
hooks.before(PRESIGNED_URL(400), (transaction) => {
  setQuery(transaction, { key: undefined });
});
hooks.before(BUCKETS(400), (transaction) => {
  setQuery(transaction, { prefix: 'test' });
});
hooks.before(OBJECTS(400), (transaction) => {
  setQuery(transaction, { limit: 0 });
});
hooks.before(OBJECTS(404), (transaction) => {
  setPathValue(transaction, 'test-bucket', 'no-such-bucket');
});
hooks.before(RESET(400), (transaction) => {
  setQuery(transaction, { bucket: 'test-bucket' });
});
hooks.before(NOTIFICATIONS(400), (transaction) => {
  setQuery(transaction, { status: 'lost' });
});

// 401 and 403 come from an S3 mock under S3_AUTH=strict (started by the runner for this): a
// request without a signature, and one signed with an access key it does not know.
function strictS3() {
  check(process.env.CONTRACT_S3_STRICT_URL, 'CONTRACT_S3_STRICT_URL is not set: run the contract through npm run test:contract');
  return process.env.CONTRACT_S3_STRICT_URL;
}
for (const extra of [PRESIGNED_URL, BUCKETS, OBJECTS, RESET, NOTIFICATIONS, ...ADMIN_OPERATIONS]) {
  hooks.before(extra(401), (transaction) => sendTo(transaction, strictS3()));
  hooks.before(extra(403), (transaction) => {
    sendTo(transaction, strictS3());
    setHeader(transaction, 'Date', new Date().toUTCString());
    setHeader(transaction, 'Authorization', 'AWS unknown-key:c2lnbmF0dXJl');
  });
}

