// Changes to what Dredd sends and expects. Dredd requests `fullPath`, shows `request.uri`, and
// titles the test with `id`, which it computed from the example before any hook ran.
function refreshId(transaction) {
  transaction.id = `${transaction.request.method} (${transaction.expected.statusCode}) ${transaction.request.uri}`;
}

function setTarget(transaction, pathAndQuery) {
  transaction.fullPath = pathAndQuery;
  transaction.request.uri = pathAndQuery;
  refreshId(transaction);
}

function expectStatus(transaction, status) {
  transaction.expected.statusCode = String(status);
  refreshId(transaction);
}

/** Sets (or, with undefined, removes) query parameters of the request. */
function setQuery(transaction, parameters) {
  const target = new URL(transaction.fullPath, 'http://target.invalid');
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) target.searchParams.delete(name);
    else target.searchParams.set(name, String(value));
  }
  setTarget(transaction, target.pathname + target.search);
}

/** Replaces the example's path parameter value with a real one. */
function setPathValue(transaction, exampleValue, value) {
  const target = new URL(transaction.fullPath, 'http://target.invalid');
  setTarget(transaction, target.pathname.replace(exampleValue, encodeURIComponent(value)) + target.search);
}

/** Sends the request to another server than the one under test (e.g. one set up wrong on purpose). */
function sendTo(transaction, baseUrl) {
  const url = new URL(baseUrl);
  transaction.protocol = url.protocol;
  transaction.host = url.hostname;
  transaction.port = url.port;
}

function setBody(transaction, body, contentType) {
  transaction.request.body = body;
  transaction.request.headers['Content-Type'] = contentType;
}

const setJsonBody = (transaction, value) => setBody(transaction, JSON.stringify(value), 'application/json');

function setHeader(transaction, name, value) {
  transaction.request.headers[name] = value;
}

module.exports = { setTarget, expectStatus, sendTo, setQuery, setPathValue, setBody, setJsonBody, setHeader };
