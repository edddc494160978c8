import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { useStandin } from '../../support/standin-harness';
import { authorizationUrl, client, discover } from '../../integration/auth-provider/oidc-clients';
import { launchBrowser, watchPage, type Browser, type PageWatch } from '../browser';

/**
 * The client application's callback: a real page on this machine, as the browser must load it
 * after redirects, on an origin of its own. It loads oauth4webapi (one ES module with no imports)
 * as window.oauth, as a single-page app would.
 */
const CLIENT_PAGE = `<!doctype html><title>back at the client</title>
<script type="module">import * as oauth from '/oauth4webapi.js'; window.oauth = oauth;</script>`;
const OAUTH4WEBAPI = readFileSync(require.resolve('oauth4webapi'), 'utf8');
let callbackServer: http.Server;
let CALLBACK = '';

const standin = useStandin({ servers: ['auth'] });
const issuer = () => `${standin.urls.auth}/default`;
let browser: Browser;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  callbackServer = http.createServer((req, res) => {
    if (req.url === '/oauth4webapi.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(OAUTH4WEBAPI);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(CLIENT_PAGE);
  });
  await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
  CALLBACK = `http://localhost:${(callbackServer.address() as AddressInfo).port}/callback`;
  browser = await launchBrowser();
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
    await expect(page.locator('#resource').textContent()).resolves.toBe('http://localhost:8002');
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
    await expect(page.locator('#issuer-url').textContent()).resolves.toBe(`${standin.urls.auth}/default`);
    await page.locator('#failure-error').fill('invalid_grant');
    await page.locator('#failure-count').fill('3');
    await page.getByRole('button', { name: 'Queue failures' }).click();
    await page.locator('#failure').getByText('3 × invalid_grant').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.locator('#failure').getByText('none').waitFor();
  });
});
