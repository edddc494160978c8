import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { useStandin } from '../../support/standin-harness';
import { authorizationUrl, client, discover } from '../../integration/auth-provider/oidc-clients';
import { launchBrowser, waitForText, watchPage, type Browser, type PageWatch } from '../browser';

/**
 * The client application's callback: a real page on this machine, as the browser must load it
 * after redirects, on an origin of its own. It loads oauth4webapi (one ES module with no imports)
 * as window.oauth, as a single-page app would.
 */
const CLIENT_PAGE = `<!doctype html><title>back at the client</title>
<script type="module">import * as oauth from '/oauth4webapi.js'; window.oauth = oauth;</script>`;
const OAUTH4WEBAPI = readFileSync(require.resolve('oauth4webapi'), 'utf8');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * `/form?action=<url>&<field>=<value>...`: a relying party's page whose form posts its fields to
 * `action` as soon as it loads (`enctype` in the query sets its encoding).
 */
function autoPostedForm(url: URL): string {
  const fields = [...url.searchParams].filter(([name]) => name !== 'action' && name !== 'enctype');
  const inputs = fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('');
  const enctype = url.searchParams.get('enctype') ?? 'application/x-www-form-urlencoded';
  return `<!doctype html><title>relying party</title><body onload="document.forms[0].submit()">
<form method="post" action="${escapeHtml(url.searchParams.get('action')!)}" enctype="${escapeHtml(enctype)}">${inputs}</form>`;
}

let callbackServer: http.Server;
let CALLBACK = '';
/** The same server as a relying party on a site of its own, which Chromium resolves to this machine. */
let RP = '';

const standin = useStandin({ servers: ['auth'] });
const issuer = () => `${standin.urls.auth}/default`;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  callbackServer = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    if (url.pathname === '/oauth4webapi.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(OAUTH4WEBAPI);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(url.pathname === '/form' ? autoPostedForm(url) : CLIENT_PAGE);
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  const port = (callbackServer.address() as AddressInfo).port;
  CALLBACK = `http://localhost:${port}/callback`;
  RP = `http://rp.example:${port}`;
  browser = await launchBrowser(undefined, ['--host-resolver-rules=MAP rp.example 127.0.0.1']);
});
afterAll(async () => {
  await browser?.close();
  callbackServer.closeAllConnections();
  await new Promise((resolve) => callbackServer.close(resolve));
});
beforeEach(async () => {
  await browser.context.clearCookies();
  page = await browser.context.newPage();
  watch = watchPage(page);
});
afterEach(async () => {
  expect(watch.problems).toEqual([]);
  await page.close();
});

/** Waits until the browser is back at the callback, and returns that URL. */
async function callbackReached(): Promise<URL> {
  await page.waitForURL((url) => url.href.startsWith(CALLBACK));
  return new URL(page.url());
}

describe('the login page in Chromium', () => {
  it('lists the users and signs one in with a click', async () => {
    const config = await discover(issuer(), 'browser-app');
    const start = await authorizationUrl(config, { scope: 'openid email', redirect_uri: CALLBACK });
    await page.goto(start.url.href);
    await page.getByRole('button', { name: 'Sign in as bob' }).waitFor();
    await expect(page.locator('#preview').textContent()).resolves.toContain('"sub": "alice"');
    await page.getByRole('button', { name: 'Sign in as bob' }).click();
    const tokens = await client.authorizationCodeGrant(config, await callbackReached(), { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
    expect(tokens.claims()).toMatchObject({ sub: 'bob', email: 'bob@example.test' });
  });

  it('with prompt=login asks for a fresh login once, even with a provider session, then completes', async () => {
    const config = await discover(issuer(), 'browser-app');
    for (const user of ['bob', 'alice']) {
      const start = await authorizationUrl(config, { prompt: 'login', redirect_uri: CALLBACK });
      await page.goto(start.url.href);
      const loginPage = page.url();
      await page.getByRole('button', { name: `Sign in as ${user}` }).click();
      // Back at the client, or (the bug this guards against) at another login page.
      await page.waitForURL((url) => url.href.startsWith(CALLBACK) || (url.pathname.includes('/interaction/') && url.href !== loginPage));
      expect(page.url()).toMatch(new RegExp(`^${CALLBACK}\\?`));
      const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
      expect(tokens.claims()).toMatchObject({ sub: user, auth_time: expect.any(Number) });
    }
  });

  it('signs in any subject with the claims typed in, shown before they are issued', async () => {
    const config = await discover(issuer(), 'browser-app');
    const start = await authorizationUrl(config, { scope: 'openid', resource: 'http://localhost:8002', redirect_uri: CALLBACK });
    await page.goto(start.url.href);
    await waitForText(page, '#resource', 'http://localhost:8002');
    await page.locator('#subject').fill('erin');
    await page.locator('#claims').fill('{"team": "qa", "roles": ["tester"]}');
    await expect(page.locator('#preview').textContent()).resolves.toContain('"team": "qa"');
    await page.locator('#claims').fill('{"team": ');
    await expect(page.locator('#status').textContent()).resolves.toMatch(/^Claims:/);
    await page.locator('#claims').fill('{"team": "qa", "roles": ["tester"]}');
    await page.getByRole('button', { name: 'Sign in as this subject' }).click();
    const tokens = await client.authorizationCodeGrant(config, await callbackReached(), { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
    expect(tokens.claims()).toMatchObject({ sub: 'erin', team: 'qa', roles: ['tester'] });
  });

  it('returns access_denied when the user cancels', async () => {
    const config = await discover(issuer(), 'browser-app');
    const start = await authorizationUrl(config, { redirect_uri: CALLBACK });
    await page.goto(start.url.href);
    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    expect((await callbackReached()).searchParams.get('error')).toBe('access_denied');
  });
});

describe('a single-page app on another local origin, in Chromium', () => {
  it('exchanges its code and reads userinfo with oauth4webapi from the page (CORS, preflights included)', async () => {
    const start = await authorizationUrl(await discover(issuer(), 'spa'), { login_hint: 'alice', redirect_uri: CALLBACK });
    await page.goto(start.url.href);
    await callbackReached();
    await page.waitForFunction(() => 'oauth' in window);

    const subject = await page.evaluate(async ({ issuer, redirectUri, verifier, state, nonce }) => {
      const { oauth } = window as unknown as { oauth: typeof import('oauth4webapi') };
      const insecure = { [oauth.allowInsecureRequests]: true };
      const as = await oauth.processDiscoveryResponse(new URL(issuer), await oauth.discoveryRequest(new URL(issuer), { algorithm: 'oidc', ...insecure }));
      const client = { client_id: 'spa' };
      const params = oauth.validateAuthResponse(as, client, new URL(location.href), state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, verifier, insecure);
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce });
      // The bearer token in Authorization makes the browser send a CORS preflight first.
      const userinfo = await oauth.userInfoRequest(as, client, tokens.access_token, insecure);
      return (await oauth.processUserInfoResponse(as, client, oauth.skipSubjectCheck, userinfo)).sub;
    }, { issuer: issuer(), redirectUri: CALLBACK, verifier: start.verifier, state: start.state, nonce: start.nonce });
    expect(subject).toBe('alice');
  });
});

describe('the device approval pages in Chromium', () => {
  it('approves a device code and signs the user in, and the device gets its tokens', async () => {
    const config = await discover(issuer(), 'tv-app');
    const device = await client.initiateDeviceAuthorization(config, { scope: 'openid' });
    await page.goto(device.verification_uri);
    await page.locator('input[name="user_code"]').fill(device.user_code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.user-code').textContent()).resolves.toContain(device.user_code);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    await page.getByText('is signed in').waitFor();
    const tokens = await client.pollDeviceAuthorizationGrant(config, device);
    expect(tokens.claims()!.sub).toBe('alice');
  });
});

describe('the control page in Chromium', () => {
  it('shows the issuer and queues failures through the control API', async () => {
    await page.goto(standin.urls.auth!);
    await waitForText(page, '#issuer-url', issuer());
    await page.locator('#failure-error').fill('invalid_grant');
    await page.locator('#failure-count').fill('3');
    await page.getByRole('button', { name: 'Queue failures' }).click();
    await page.locator('#failure').getByText('3 × invalid_grant').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.locator('#failure').getByText('none').waitFor();
  });

  it('wraps a long subject, claims and client id inside the control page and the login page, never widening them', async () => {
    const subject = 'L'.repeat(255);
    const clientId = 'c'.repeat(255);
    const control = `${standin.urls.auth}/admin/issuers/long-values`;
    const put = (url: string, body: unknown) => fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put(`${control}/users/${subject}`, { claims: { note: 'N'.repeat(2000) } })).status).toBe(200);
    expect((await put(`${control}/clients/${clientId}`, { redirect_uris: [CALLBACK] })).status).toBe(200);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    await page.goto(`${standin.urls.auth}/?issuer=long-values`);
    await page.locator('#users').getByText(subject).waitFor();
    await page.locator('#clients').getByText(clientId).waitFor();
    expect(await overflow()).toBe(0);

    const start = await authorizationUrl(await discover(`${standin.urls.auth}/long-values`, clientId), { redirect_uri: CALLBACK });
    await page.goto(start.url.href);
    await page.getByRole('button', { name: `Sign in as ${subject}` }).waitFor();
    await waitForText(page, '#client-id', clientId);
    expect(await overflow()).toBe(0);
  });

  it('shows the characters that hide or reorder a subject or claim, on the control page and the login page, and signs in the subject as it is', async () => {
    const subject = 'ali\u200Bce';
    const response = await fetch(`${standin.urls.auth}/admin/issuers/hidden-names/users/${encodeURIComponent(subject)}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims: { name: 'inv\u202Egnp.exe' } }),
    });
    expect(response.status).toBe(200);

    await page.goto(`${standin.urls.auth}/?issuer=hidden-names`);
    await page.locator('#users td').getByText('ali<U+200B>ce', { exact: true }).waitFor({ timeout: 5000 });
    expect(await page.textContent('#users')).toContain('"name":"inv<U+202E>gnp.exe"');

    const config = await discover(`${standin.urls.auth}/hidden-names`, 'browser-app');
    const start = await authorizationUrl(config, { redirect_uri: CALLBACK });
    await page.goto(start.url.href);
    await page.getByRole('button', { name: 'Sign in as ali<U+200B>ce' }).waitFor({ timeout: 5000 });
    expect(await page.textContent('#users')).toContain('"name": "inv<U+202E>gnp.exe"');
    await page.getByRole('button', { name: 'Sign in as ali<U+200B>ce' }).click();
    const tokens = await client.authorizationCodeGrant(config, await callbackReached(), { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
    expect(tokens.claims()!.sub).toBe(subject);
  });

  it('is not opened on a new issuer by a page of another site, which would make that issuer; one that exists opens', async () => {
    const issuerIds = async () => ((await (await fetch(`${standin.urls.auth}/admin/issuers`)).json()) as { issuers: { id: string }[] }).issuers.map(({ id }) => id);
    /** Sends the browser from the relying party's site to `target`, as a link or a script there would. */
    const sentFromAnotherSite = async (target: string) => {
      await page.goto(`${RP}/elsewhere`);
      const answered = page.waitForResponse((response) => response.url() === target);
      await page.evaluate((href) => { window.location.href = href; }, target);
      const response = await answered;
      expect(await response.request().headerValue('sec-fetch-site')).toBe('cross-site');
      return response;
    };

    const refusalLogged = page.waitForEvent('console', (message) => message.type() === 'error' && /status of 404/.test(message.text()));
    const refused = await sentFromAnotherSite(`${standin.urls.auth}/?issuer=made-by-a-link`);
    expect([refused.status(), ((await refused.json()) as { title?: unknown }).title]).toEqual([404, 'Unknown issuer']);
    await refusalLogged;
    expect(watch.problems.splice(0).filter((line) => !/status of 404/.test(line))).toEqual([]);
    expect(await issuerIds()).not.toContain('made-by-a-link');

    expect((await sentFromAnotherSite(`${standin.urls.auth}/?issuer=default`)).status()).toBe(200);
    await waitForText(page, '#issuer-url', issuer());
  });
});

/** Opens the relying party's page that posts `fields` to `action`. */
async function postFromRelyingParty(action: string, fields: Record<string, string>): Promise<void> {
  await page.goto(`${RP}/form?${new URLSearchParams({ action, ...fields })}`);
}

/**
 * Posts `fields` from the relying party's page to `action`, which must refuse it, and returns the
 * status and problem title. The browser logs the refusal.
 */
async function refusedPost(action: string, fields: Record<string, string>): Promise<{ status: number; title: unknown }> {
  const answered = page.waitForResponse((response) => response.request().method() === 'POST' && response.url() === action);
  await postFromRelyingParty(action, fields);
  const response = await answered;
  const refusal = { status: response.status(), title: ((await response.json()) as { title?: unknown }).title };
  const logged = watch.problems.splice(0);
  expect(logged.filter((line) => !/^console: Failed to load resource: the server responded with a status of 403/.test(line))).toEqual([]);
  return refusal;
}

interface PostedAuthorization {
  verifier: string;
  state: string;
  nonce: string;
}

/** Posts an authorization request with PKCE S256 from the relying party's page. */
async function postAuthorization(extra: Record<string, string> = {}): Promise<PostedAuthorization> {
  const started = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
  await postFromRelyingParty(`${issuer()}/authorize`, {
    client_id: 'rp-web',
    response_type: 'code',
    redirect_uri: `${RP}/callback`,
    scope: 'openid email',
    state: started.state,
    nonce: started.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(started.verifier),
    code_challenge_method: 'S256',
    ...extra,
  });
  return started;
}

/** Waits for the browser to be back at the relying party's callback, and exchanges the code there for tokens. */
async function tokensAtCallback(started: PostedAuthorization): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers> {
  await page.waitForURL((url) => url.href.startsWith(`${RP}/callback`));
  const config = await discover(issuer(), 'rp-web');
  return client.authorizationCodeGrant(config, new URL(page.url()), { pkceCodeVerifier: started.verifier, expectedState: started.state, expectedNonce: started.nonce });
}

/**
 * A relying party on a site of its own (RP, `Origin: http://rp.example:<port>`, `Sec-Fetch-Site:
 * cross-site`, an origin CORS_ORIGIN does not allow) sends the browser to the provider with a form
 * POST, as OpenID Connect allows at the authorization endpoint (Core 1.0 §3.1.2.1) and the logout
 * endpoint (RP-Initiated Logout 1.0 §2).
 */
describe('a relying party on another site, posting forms in Chromium', () => {
  // A relying party at a site of its own is no open client (those return to loopback URIs only): it is registered.
  beforeAll(async () => {
    const registered = await fetch(`${standin.urls.auth}/admin/issuers/default/clients/rp-web`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: [`${RP}/callback`], post_logout_redirect_uris: [`${RP}/signed-out`] }),
    });
    expect(registered.status).toBe(200);
  });

  it('starts a sign-in with an authorization request posted as a form, and gets a code it exchanges for tokens', async () => {
    const posted = page.waitForResponse((response) => response.request().method() === 'POST' && response.url() === `${issuer()}/authorize`);
    const started = await postAuthorization();
    const answer = await posted;
    expect(answer.status()).toBe(303);
    expect(await answer.request().headerValue('origin')).toBe(RP);
    expect(await answer.request().headerValue('sec-fetch-site')).toBe('cross-site');

    await page.getByRole('button', { name: 'Sign in as bob' }).click();
    const tokens = await tokensAtCallback(started);
    expect(tokens.claims()).toMatchObject({ sub: 'bob', aud: 'rp-web', email: 'bob@example.test' });

    // The next posted request carries the session the browser has: back at once, as with a GET.
    const again = await postAuthorization();
    expect((await tokensAtCallback(again)).claims()).toMatchObject({ sub: 'bob' });
  });

  it('ends the session with a logout request posted as a form, after the user confirms, and returns to the relying party', async () => {
    const started = await postAuthorization();
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    const tokens = await tokensAtCallback(started);

    await postFromRelyingParty(`${issuer()}/endsession`, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${RP}/signed-out`, state: 'see-you' });
    // The confirmation asks about the session the browser has: the form's parameters reached oidc-provider with its cookie.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${RP}/signed-out`));
    expect(new URL(page.url()).searchParams.get('state')).toBe('see-you');

    // Signed out: the next sign-in shows the login page again.
    await postAuthorization();
    await page.getByRole('button', { name: 'Sign in as bob' }).waitFor();
  });

  it('cannot sign the browser in as a user of its choosing with login_hint: the login page asks, and the session stays the user\'s', async () => {
    const first = await postAuthorization();
    await page.getByRole('button', { name: 'Sign in as alice' }).click();
    expect((await tokensAtCallback(first)).claims()).toMatchObject({ sub: 'alice' });

    await postAuthorization({ login_hint: 'bob', prompt: 'login' });
    await page.getByRole('button', { name: 'Sign in as bob' }).waitFor();

    const next = await postAuthorization();
    expect((await tokensAtCallback(next)).claims()).toMatchObject({ sub: 'alice' });
  });

  it('cannot post the login page\'s sign-in nor the logout confirmation: those stay with the provider\'s own pages', async () => {
    await postAuthorization();
    await page.getByRole('button', { name: 'Sign in as bob' }).waitFor();
    const loginPage = page.url();

    // The login page's JSON call, as the text/plain form a page can send without CORS.
    const login = await refusedPost(`${loginPage}/login`, { enctype: 'text/plain', '{"subject":"alice","x":"': '"}' });
    expect(login).toEqual({ status: 403, title: 'Origin Not Allowed' });
    const confirm = await refusedPost(`${issuer()}/endsession/confirm`, { xsrf: 'guessed', logout: 'yes' });
    expect(confirm).toEqual({ status: 403, title: 'Origin Not Allowed' });

    // Nobody was signed in: the sign-in still waits for the user.
    await page.goto(loginPage);
    await page.getByRole('button', { name: 'Sign in as bob' }).waitFor();
  });
});
