// Hooks for openapi/s3-mock.yaml: only its JSON extras run under Dredd (the runner leaves out
// the S3 protocol operations, which the S3 client tests cover).
const hooks = require('hooks');
const { step } = require('../support/hook-steps');
const { serverClient } = require('../support/server-client');
const { setQuery, setPathValue } = require('../support/transaction-edits');

const s3 = serverClient(hooks.configuration.endpoint);

// The listing example starts after "image.jpg"; an object after it makes the page non-empty.
hooks.before(
  '/admin/objects/{bucket} > List the objects of a bucket with their full metadata > 200 > application/json',
  step(() =>
    s3.request('PUT', '/test-bucket/photos/image.jpg', {
      headers: { 'content-type': 'image/jpeg', 'x-amz-meta-owner': 'alice', 'x-amz-server-side-encryption': 'AES256' },
      body: 'not really a JPEG, but an object',
      expect: 200,
    }),
  ),
);

// Each 400 is the kit's request validation refusing a real mistake.
hooks.before('/presigned-url > Make a SigV4 presigned URL > 400 > application/problem+json', (transaction) => {
  setQuery(transaction, { key: undefined });
});
hooks.before('/admin/buckets > List every bucket with its object count and size > 400 > application/problem+json', (transaction) => {
  setQuery(transaction, { prefix: 'test' });
});
hooks.before('/admin/objects/{bucket} > List the objects of a bucket with their full metadata > 400 > application/problem+json', (transaction) => {
  setQuery(transaction, { limit: 0 });
});
hooks.before('/admin/objects/{bucket} > List the objects of a bucket with their full metadata > 404 > application/problem+json', (transaction) => {
  setPathValue(transaction, 'test-bucket', 'no-such-bucket');
});
hooks.before('/admin/reset > Delete every bucket and object, then recreate the S3_BUCKETS buckets > 400 > application/problem+json', (transaction) => {
  setQuery(transaction, { bucket: 'test-bucket' });
});
