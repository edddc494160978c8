import { once } from 'node:events';
import net from 'node:net';
import { useStandin } from '../../support/standin-harness';
import { IMAGE_API_ALONE } from './image-api-alone';

// "Sign in with the auth provider" when no provider answers at AUTH_ISSUER (a port just closed):
// the page is told what to do, and nothing else changes. The sign-in itself, against the auth
// provider stand-in, is tested in sign-in.test.ts and tests/e2e/client-app.
let ISSUER = '';
beforeAll(async () => {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  ISSUER = `http://127.0.0.1:${(probe.address() as net.AddressInfo).port}/default`;
  probe.close();
});
const standin = useStandin(() => ({ servers: ['image-api', 'client'], env: { ...IMAGE_API_ALONE, AUTH_ISSUER: ISSUER } }));
const client = (path: string, init?: RequestInit) => fetch(`${standin.urls.client}${path}`, { redirect: 'manual', ...init });

describe('sign-in while the auth provider does not answer', () => {
  it('says so in the sign-in state, with what to do', async () => {
    const res = await client('/api/auth/session');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      provider: { issuer: ISSUER, status: 'unreachable', detail: `the auth provider at ${ISSUER} does not answer (something went wrong: ECONNREFUSED); start it (npm start, or npx standin start auth) or point AUTH_ISSUER at a running issuer` },
      signed_in: false,
    });
  });

  it('answers the sign-in link with a 502 problem instead of a redirect', async () => {
    const res = await client('/api/auth/login?login_hint=alice');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: 'https://standin.dev/problems/auth-provider-unreachable', issuer: ISSUER, detail: expect.stringContaining('npx standin start auth') });
  });

  it('sends a callback this browser did not start back to the page with the reason', async () => {
    const res = await client('/api/auth/callback?code=stolen-code&state=guessed');
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!, standin.urls.client);
    expect(location.pathname).toBe('/');
    expect(location.searchParams.get('sign_in_error')).toBe('sign_in_not_started');
  });

  it('signs out with 204 even when nobody was signed in, clearing the cookie', async () => {
    const res = await client('/api/auth/logout', { method: 'POST', headers: { cookie: 'standin_session=made-up' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^standin_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
  });

  it('uploads with an HS256 token as before when the session cookie names no session', async () => {
    const form = new FormData();
    form.append('user_id', 'cookie-guesser');
    form.append('file', new Blob([Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')]), 'a.gif');
    const res = await client('/api/upload', { method: 'POST', body: form, headers: { cookie: 'standin_session=made-up' } });
    expect(res.status).toBe(202);
  });
});
