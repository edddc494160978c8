// openapi/image-api.yaml: "Every response of the upload operation carries X-RateLimit-Limit,
// X-RateLimit-Remaining and X-RateLimit-Reset"; a refused one (429) also Retry-After. The
// client app passes them through with the image API's answer (openapi/client-app.yaml).
const { check } = require('./hook-steps');

const RATE_LIMIT_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

function checkRateLimitHeaders(transaction) {
  for (const header of RATE_LIMIT_HEADERS) check(transaction.real.headers[header] !== undefined, `no ${header} header`);
  if (transaction.real.statusCode === 429) check(/^\d+$/.test(transaction.real.headers['retry-after'] ?? ''), 'no Retry-After header in seconds');
}

module.exports = { checkRateLimitHeaders };
