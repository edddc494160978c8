// Hooks for openapi/auth-provider.yaml. The OAuth endpoints get form bodies as their examples
// describe; their refusals are earned for real (an unknown grant type, a wrong secret of a
// registered client, a queued invalid_client); the login page's calls get a real pending
// sign-in (an authorization request made with PKCE, and its interaction cookie); a 400 of an
// issuer-scoped operation names a reserved issuer id.
const { createHash, randomBytes } = require('node:crypto');
const { URLSearchParams } = require('node:url');
const hooks = require('hooks');
const { step, check } = require('../support/hook-steps');
const { serverClient } = require('../support/server-client');
const { setBody, setJsonBody, setPathValue, setHeader } = require('../support/transaction-edits');
const { operation } = require('../support/transaction-names');
const { loadContractDocument } = require('../support/contract-document');

const provider = serverClient(hooks.configuration.endpoint);
const document = loadContractDocument(hooks.configuration);
const FORM = 'application/x-www-form-urlencoded';
/** OAuth errors are RFC 6749 JSON, not problems. */
const OAUTH_ERROR = 'application/json';
const EXAMPLE_UID = 'xW2n7k9d2L1hZ8qY0vJ3a';
const RESERVED_ISSUER = 'admin';
const REGISTERED = { client_id: 'contract-resource-server', client_secret: 'the-right-secret' };

const CONTROL_PAGE = operation("/ > The provider's control page");
const TOKEN = operation('/{issuer_id}/token > Token endpoint');
const INTROSPECT = operation('/{issuer_id}/introspect > Token introspection (RFC 7662)');
const REVOKE = operation('/{issuer_id}/revoke > Token revocation (RFC 7009)');
const DEVICE = operation('/{issuer_id}/device_authorization > Device authorization (RFC 8628)');
const DETAILS = operation('/{issuer_id}/interaction/{uid}/details > What the pending sign-in asks for');
const LOGIN = operation('/{issuer_id}/interaction/{uid}/login > Sign in as a user');
const ABORT = operation('/{issuer_id}/interaction/{uid}/abort > Cancel the sign-in');
const DELETE_USER = operation('/admin/issuers/{issuer_id}/users/{subject} > Remove a user added through the control API');
const DELETE_CLIENT = operation('/admin/issuers/{issuer_id}/clients/{client_id} > Remove a client registered through the control API');

const form = (values) => new URLSearchParams(values).toString();
const basic = ({ client_id: id, client_secret: secret }) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

// Dredd sends no body for a form example: send the form the example describes.
hooks.beforeEach((transaction) => {
  if (transaction.request.headers['Content-Type'] !== FORM) return;
  const operationObject = document.paths[transaction.origin.resourceName][transaction.request.method.toLowerCase()];
  setBody(transaction, form(operationObject.requestBody.content[FORM].example ?? {}), FORM);
});

// A 400 of an operation scoped to an issuer: the issuer id is one of the server's own names.
hooks.beforeEach((transaction) => {
  const problem = transaction.expected.headers['Content-Type'] === 'application/problem+json';
  if (transaction.expected.statusCode !== '400' || !problem || transaction.name === LOGIN(400)) return;
  setPathValue(transaction, 'default', RESERVED_ISSUER);
});

hooks.before(CONTROL_PAGE(200, 'text/html'), (transaction) => {
  delete transaction.expected.body;
});
hooks.after(
  CONTROL_PAGE(200, 'text/html'),
  step((transaction) => {
    check(/^<!doctype html>/i.test(transaction.real.body ?? ''), 'the control page is not an HTML document');
    check(/script-src 'self'/.test(transaction.real.headers['content-security-policy'] ?? ''), "no Content-Security-Policy with script-src 'self'");
  }),
);

async function registerClient() {
  await provider.sendJson('PUT', `/admin/issuers/default/clients/${REGISTERED.client_id}`, { client_secret: REGISTERED.client_secret }, { expect: 200 });
}

/** A request from the registered client with a wrong secret: invalid_client, 401. */
const withWrongSecret = (values) => step(async (transaction) => {
  await registerClient();
  setBody(transaction, form(values), FORM);
  setHeader(transaction, 'Authorization', basic({ ...REGISTERED, client_secret: 'a-wrong-secret' }));
});

hooks.before(TOKEN(400, OAUTH_ERROR), (transaction) => setBody(transaction, form({ grant_type: 'urn:example:no-such-grant', client_id: 'svc', client_secret: 'x' }), FORM));
hooks.before(
  TOKEN(401, OAUTH_ERROR),
  step(async () => {
    await provider.sendJson('PUT', '/admin/issuers/default/failures', { error: 'invalid_client', count: 1 }, { expect: 200 });
  }),
);
hooks.before(INTROSPECT(400, OAUTH_ERROR), (transaction) => setBody(transaction, form({ client_id: 'rs', client_secret: 'x' }), FORM));
hooks.before(INTROSPECT(401, OAUTH_ERROR), withWrongSecret({ token: 'anything' }));
hooks.before(REVOKE(400, OAUTH_ERROR), (transaction) => setBody(transaction, form({ client_id: 'my-app' }), FORM));
hooks.before(REVOKE(401, OAUTH_ERROR), withWrongSecret({ token: 'anything' }));
hooks.before(DEVICE(400, OAUTH_ERROR), (transaction) => setBody(transaction, form({ client_id: 'my-tv', resource: 'not an absolute uri' }), FORM));

/** A sign-in waiting at the login page: an authorization request with PKCE, and the interaction cookie it set. */
async function pendingSignIn() {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: 'contract-app',
    response_type: 'code',
    redirect_uri: 'http://localhost:3000/callback',
    scope: 'openid',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const response = await fetch(provider.url(`/default/authorize?${query}`), { redirect: 'manual' });
  const location = response.headers.get('location') ?? '';
  const uid = /\/interaction\/([^/?]+)/.exec(location)?.[1];
  check(uid !== undefined, `the authorization request did not lead to the login page: ${response.status} ${location}`);
  const cookie = response.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  return { uid, cookie };
}

for (const success of [DETAILS(200), LOGIN(200), ABORT(200)]) {
  hooks.before(
    success,
    step(async (transaction) => {
      const { uid, cookie } = await pendingSignIn();
      setPathValue(transaction, EXAMPLE_UID, uid);
      setHeader(transaction, 'Cookie', cookie);
    }),
  );
}
hooks.before(LOGIN(400), (transaction) => setJsonBody(transaction, { claims: {} }));

hooks.before(
  DELETE_USER(204, null),
  step(async () => {
    await provider.sendJson('PUT', '/admin/issuers/default/users/carol', { claims: { name: 'Carol' } }, { expect: 200 });
  }),
);
hooks.before(DELETE_USER(404), (transaction) => setPathValue(transaction, 'carol', 'nobody-added-this-user'));
hooks.before(
  DELETE_CLIENT(204, null),
  step(async () => {
    await provider.sendJson('PUT', '/admin/issuers/default/clients/web-app', { redirect_uris: ['http://localhost:3000/callback'] }, { expect: 200 });
  }),
);
hooks.before(DELETE_CLIENT(404), (transaction) => setPathValue(transaction, 'web-app', 'nobody-registered-this-client'));
