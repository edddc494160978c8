// The dereferenced spec Dredd is running (scripts/contract-test.ts writes it), and what it
// declares for each transaction's response.
const { readFileSync } = require('node:fs');

function loadContractDocument(configuration) {
  return JSON.parse(readFileSync(configuration.path[0], 'utf8'));
}

/**
 * The Response Object a transaction expects. Dredd tests a `default` response as 200, so a
 * status the operation does not list is looked up as `default`.
 */
function declaredResponse(document, transaction) {
  const operation = document.paths[transaction.origin.resourceName]?.[transaction.request.method.toLowerCase()];
  if (!operation) return undefined;
  return operation.responses[String(transaction.expected.statusCode)] ?? operation.responses.default;
}

module.exports = { loadContractDocument, declaredResponse };
