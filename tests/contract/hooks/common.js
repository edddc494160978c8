// Dredd compares Content-Type literally; the servers add "; charset=utf-8" to JSON.
const hooks = require('hooks');

const withoutCharset = (value) => (typeof value === 'string' ? value.replace(/;\s*charset=[^;]+/i, '') : value);

hooks.beforeEachValidation((transaction) => {
  const real = transaction.real.headers;
  if (real && real['content-type']) real['content-type'] = withoutCharset(real['content-type']);
  const expected = transaction.expected.headers;
  if (expected && expected['Content-Type']) expected['Content-Type'] = withoutCharset(expected['Content-Type']);
});
