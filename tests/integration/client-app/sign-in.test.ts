import { CookieJar, followToCallback, visit } from '../auth-provider/oidc-clients';
import { useStandin } from '../../support/standin-harness';
import { gradientJpeg } from './sample-files';

// "Sign in with the auth provider" over HTTP, as a browser does it (cookies, redirects), against
// the real auth provider, which start() wires the client app and the image API to.
const standin = useStandin({ servers: ['s3', 'webhooks', 'auth', 'image-api', 'client'] });
const app = () => standin.urls.client!;
let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await gradientJpeg(320, 200);
});

/** Signs `user` in through the client app; returns the client app's cookies. */
async function signInThroughApp(user: string, jar = new CookieJar()): Promise<{ jar: CookieJar; landing: Response }> {
  const start = await visit(`${app()}/api/auth/login?login_hint=${user}`, jar);
  expect(start.status).toBe(302);
  const callback = await followToCallback(start.headers.get('location')!, new CookieJar(), `${app()}/api/auth/callback`);
  return { jar, landing: await visit(callback.href, jar) };
}

const session = async (jar: CookieJar) => (await fetch(`${app()}/api/auth/session`, { headers: { cookie: jar.header() } })).json();

function uploadAs(jar: CookieJar, userId: string): Promise<Response> {
  const form = new FormData();
  form.append('user_id', userId);
  form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'photo.jpg');
  return fetch(`${app()}/api/upload`, { method: 'POST', body: form, headers: { cookie: jar.header() } });
}

describe('sign-in with the auth provider, through the client app', () => {
  it('asks the provider for a code with PKCE S256 and the image API as resource', async () => {
    const start = await visit(`${app()}/api/auth/login`, new CookieJar());
    const location = new URL(start.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${standin.urls.auth}/default/authorize`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'standin-client-app',
      redirect_uri: `${app()}/api/auth/callback`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      resource: standin.urls['image-api'],
      scope: 'openid profile',
    });
    expect(start.headers.get('set-cookie')).toMatch(/^standin_sign_in=[\w-]+; Max-Age=600; Path=\/api\/auth; Expires=.*; HttpOnly; SameSite=Lax$/);
  });

  it('signs alice in, shows the access token\'s claims, and uploads with the provider\'s token', async () => {
    const { jar, landing } = await signInThroughApp('alice');
    expect([landing.status, landing.headers.get('location')]).toEqual([303, '/']);
    const state = await session(jar);
    expect(state).toMatchObject({
      provider: { issuer: `${standin.urls.auth}/default`, status: 'ok' },
      signed_in: true,
      user_id: 'alice',
      token_type: 'Bearer',
      claims: { iss: `${standin.urls.auth}/default`, sub: 'alice', aud: standin.urls['image-api'], client_id: 'standin-client-app' },
      id_token_claims: { sub: 'alice', aud: 'standin-client-app' },
    });
    expect(JSON.parse(Buffer.from(state.access_token.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const answer = await fetch(`${app()}/api/auth/session`, { headers: { cookie: jar.header() } });
    expect(answer.headers.get('cache-control')).toBe('no-store'); // it holds the access token (RFC 6749 §5.1)

    const res = await uploadAs(jar, 'alice');
    expect(res.status).toBe(202);
    const accepted = await res.json();
    const history = await (await fetch(`${app()}/api/history?user_id=alice`)).json();
    expect(history.items[0]).toMatchObject({ job_id: accepted.job_id, user_id: 'alice', http_status: 202 });
  });

  it('refuses an upload for another user while signed in, naming who is signed in', async () => {
    const { jar } = await signInThroughApp('bob');
    const res = await uploadAs(jar, 'mallory');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'user_id', message: 'signed in with the auth provider as bob: user_id must be bob (or sign out)' }] });
  });

  it('signs out: the session is gone and uploads use HS256 tokens again', async () => {
    const { jar } = await signInThroughApp('alice');
    const out = await fetch(`${app()}/api/auth/logout`, { method: 'POST', headers: { cookie: jar.header() } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^standin_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    // The app forgot the session: even the old cookie signs nobody in.
    expect((await session(jar)).signed_in).toBe(false);
    jar.take(out);
    expect((await uploadAs(jar, 'mallory')).status).toBe(202);
  });

  it.each([
    ['access_denied', 'End-User aborted interaction', 'access_denied'],
    ['invalid_target', 'resource indicator is missing, or unknown', 'invalid_target'],
    ['Your account is locked, call +1 555 0100', 'it really is', 'provider_error'],
  ])('sends the browser back with a code the page knows for the provider\'s error %j, never its text', async (error, description, code) => {
    const jar = new CookieJar();
    expect((await visit(`${app()}/api/auth/login?login_hint=alice`, jar)).status).toBe(302);
    const landing = await visit(`${app()}/api/auth/callback?${new URLSearchParams({ error, error_description: description })}`, jar);
    expect(landing.status).toBe(303);
    expect(landing.headers.get('location')).toBe(`/?sign_in_error=${code}`);
  });

  it('sends the browser back to the page with the reason when the token request fails', async () => {
    const failing = await fetch(`${standin.urls.auth}/admin/issuers/default/failures`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'invalid_grant', error_description: 'scripted failure', count: 1 }),
    });
    expect(failing.ok).toBe(true);
    const { jar, landing } = await signInThroughApp('alice');
    expect(landing.status).toBe(303);
    const error = new URL(landing.headers.get('location')!, app()).searchParams.get('sign_in_error');
    expect(error).toBe('token_exchange_failed');
    expect((await session(jar)).signed_in).toBe(false);
  });

  it('refuses a callback whose state was tampered with', async () => {
    const jar = new CookieJar();
    const start = await visit(`${app()}/api/auth/login?login_hint=alice`, jar);
    const callback = await followToCallback(start.headers.get('location')!, new CookieJar(), `${app()}/api/auth/callback`);
    callback.searchParams.set('state', 'forged-state');
    const landing = await visit(callback.href, jar);
    expect(landing.headers.get('location')).toBe('/?sign_in_error=token_exchange_failed');
    expect((await session(jar)).signed_in).toBe(false);
  });
});
