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
for (const extra of [PRESIGNED_URL, BUCKETS, OBJECTS, RESET, NOTIFICATIONS]) {
  hooks.before(extra(401), (transaction) => sendTo(transaction, strictS3()));
  hooks.before(extra(403), (transaction) => {
    sendTo(transaction, strictS3());
    setHeader(transaction, 'Date', new Date().toUTCString());
    setHeader(transaction, 'Authorization', 'AWS unknown-key:c2lnbmF0dXJl');
  });
}

