import * as oauth from 'oauth4webapi';
import { discover, signIn } from '../auth-provider/oidc-clients';
import { useStandin } from '../../support/standin-harness';
import { getJob, gradientJpeg, imageForm, storedEvents, tokenFor, upload, uploadUntilProcessed } from './image-api-requests';

// The image API with tokens from the real auth provider, which start() wires it to
// (AUTH_ISSUER = the provider's default issuer): obtained with openid-client and oauth4webapi as
// a service would, for the image API's own URL as the resource indicator (its PUBLIC_URL).
const standin = useStandin({ servers: ['s3', 'webhooks', 'auth', 'image-api'], env: { AUTH_JWKS_COOLDOWN_MS: '0' } });
const api = () => standin.urls['image-api']!;
const issuer = () => `${standin.urls.auth}/default`;
let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await gradientJpeg(320, 240);
});

/** A client-credentials token from oauth4webapi, for `resource`; with `dpop`, bound to a key of its own (RFC 9449). */
async function clientCredentialsToken(clientId: string, resource: string, { dpop = false } = {}): Promise<string> {
  const issuerUrl = new URL(issuer());
  const client: oauth.Client = { client_id: clientId };
  const as = await oauth.processDiscoveryResponse(issuerUrl, await oauth.discoveryRequest(issuerUrl, { [oauth.allowInsecureRequests]: true }));
  const DPoP = dpop ? oauth.DPoP(client, await oauth.generateKeyPair('ES256')) : undefined;
  const response = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic('any-secret'), new URLSearchParams({ resource }), { [oauth.allowInsecureRequests]: true, DPoP });
  const tokens = await oauth.processClientCredentialsResponse(as, client, response);
  expect(tokens.token_type).toBe(dpop ? 'dpop' : 'bearer');
  return tokens.access_token;
}

describe('the image API with the auth provider\'s tokens', () => {
  it('processes an upload with a client-credentials token (oauth4webapi) and sends the webhook to its client', async () => {
    const token = await clientCredentialsToken('gallery-service', api());
    const jobId = await uploadUntilProcessed(api(), imageForm(jpeg), token);
    const events = await storedEvents(standin.urls.webhooks!, 'gallery-service');
    expect(events.map((event) => event.payload)).toEqual([expect.objectContaining({ job_id: jobId, event_type: 'image.processed' })]);
  });

  it('uploads as alice with a token of the authorization code flow (openid-client, PKCE, login_hint)', async () => {
    const config = await discover(issuer(), 'photo-app');
    const tokens = await signIn(config, 'alice', { resource: api() });
    const res = await upload(api(), imageForm(jpeg), tokens.access_token);
    expect(res.status).toBe(202);
    // The job is alice's, whichever kind of token names her.
    expect((await getJob(api(), (await res.json()).job_id, tokenFor('alice'))).status).toBe(200);
  });

  it('refuses the provider\'s token for another resource, as for another audience', async () => {
    const forBilling = await upload(api(), imageForm(jpeg), await clientCredentialsToken('gallery-service', 'http://billing.localhost'));
    expect(forBilling.status).toBe(401);
    expect(await forBilling.json()).toMatchObject({ type: 'https://standin.dev/problems/wrong-token-audience', detail: expect.stringMatching(/^token is for audience "http:\/\/billing\.localhost"/) });
  });

  it('refuses a DPoP-bound token sent as a bearer token, which it cannot check (RFC 9449 §7.2), saying why in the problem and the challenge', async () => {
    const token = await clientCredentialsToken('gallery-service', api(), { dpop: true });
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).toMatchObject({ cnf: { jkt: expect.any(String) } });
    const res = await upload(api(), imageForm(jpeg), token);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="image-api", error="invalid_token", error_description="token is bound to a DPoP key \(cnf\.jkt\)/);
    expect(await res.json()).toMatchObject({ type: 'https://standin.dev/problems/sender-constrained-token', detail: expect.stringContaining('this API takes bearer tokens only') });
  });

  // An ID token is signed with the issuer's keys too, and its aud is the client's id: a client
  // named after the API (any name signs in, in open mode) gets one whose aud is AUTH_AUDIENCE.
  it.each(['photo-app', 'image-api'])('refuses an ID token of client %s as no access token (RFC 9068 typ)', async (clientId) => {
    const { id_token: idToken } = await signIn(await discover(issuer(), clientId), 'bob', { resource: api() });
    const withIdToken = await upload(api(), imageForm(jpeg), idToken!);
    expect(await withIdToken.json()).toMatchObject({ status: 401, type: 'https://standin.dev/problems/unauthorized', detail: expect.stringMatching(/^token's header has no typ "at\+jwt", so it is not an access token/) });
  });

  it('accepts tokens signed with a rotated-in key (ES256) at once, fetching the JWKS again for its kid', async () => {
    expect((await upload(api(), imageForm(jpeg), await clientCredentialsToken('rotation-service', api()))).status).toBe(202);
    const rotated = await fetch(`${standin.urls.auth}/admin/issuers/default/keys/rotate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ alg: 'ES256' }) });
    expect(rotated.status).toBe(200);
    const token = await clientCredentialsToken('rotation-service', api());
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect((await upload(api(), imageForm(jpeg), token)).status).toBe(202);
  });
});
