// The settings of the servers under test, read by their own config readers from the environment
// the runner gives both the servers and Dredd (so a secret set in the environment is used here too).
// `npm run test:contract` builds dist/ before it starts.
const { readImageApiConfig } = require('../../../dist/src/image-api/config');
const { readWebhookConfig } = require('../../../dist/src/webhooks/config');

module.exports = {
  imageApi: readImageApiConfig(process.env),
  webhooks: readWebhookConfig(process.env),
};
