// Hooks for every spec. Dredd 14 keeps no JSON Schema from an OpenAPI 3 document: alone, it
// would only check that a JSON body has its example's keys. So each transaction gets the
// spec's own response schema, and declared response headers are checked against theirs.
const hooks = require('hooks');
const { loadContractDocument, declaredResponse } = require('../support/contract-document');
const { toJsonSchema } = require('../support/json-schema');
const { schemaProblems, headerValue } = require('../support/schema-check');

const document = loadContractDocument(hooks.configuration);
const isJson = (mediaType) => /^application\/(.+\+)?json$/.test(mediaType ?? '');

// Dredd compares Content-Type literally; the servers add "; charset=utf-8" to JSON.
const withoutCharset = (value) => (typeof value === 'string' ? value.replace(/;\s*charset=[^;]+/i, '') : value);

hooks.beforeEach((transaction) => {
  const mediaType = transaction.expected.headers['Content-Type'];
  if (!isJson(mediaType)) return;
  const schema = declaredResponse(document, transaction)?.content?.[mediaType]?.schema;
  if (schema) transaction.expected.bodySchema = toJsonSchema(schema);
  else transaction.fail = `the spec declares no schema for this ${mediaType} response`;
});

hooks.beforeEachValidation((transaction) => {
  const real = transaction.real.headers;
  if (real && real['content-type']) real['content-type'] = withoutCharset(real['content-type']);
  const expected = transaction.expected.headers;
  if (expected && expected['Content-Type']) expected['Content-Type'] = withoutCharset(expected['Content-Type']);
});

// A declared header must have its schema's type when sent, and be sent when `required`.
hooks.afterEach((transaction) => {
  if (!transaction.real) return;
  const declared = declaredResponse(document, transaction)?.headers ?? {};
  const problems = [];
  for (const [name, header] of Object.entries(declared)) {
    const raw = transaction.real.headers[name.toLowerCase()];
    if (raw === undefined) {
      if (header.required) problems.push(`header ${name} is missing`);
      continue;
    }
    for (const problem of schemaProblems(header.schema, headerValue(header.schema, raw))) problems.push(`header ${name}: ${problem}`);
  }
  if (problems.length > 0) transaction.fail = problems.join('; ');
});
