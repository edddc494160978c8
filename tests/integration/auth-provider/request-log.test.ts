/**
 * The auth provider's log, as a developer's terminal or CI keeps it: a client that wrongly puts a
 * credential in the URL's query has its name logged, never its value.
 */
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { eventually } from '../../support/eventually';

afterAll(killChildServers);

describe('the auth provider\'s request log', () => {
  it('logs credential parameters of a request\'s query by name only, in its request lines and in the request guard\'s refusals, and the user code of the device page\'s link', async () => {
    const server = await startChildServer('auth', { STORAGE: 'memory', LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    let log = '';
    server.child.stdout!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
    const secrets = {
      client_secret: 'S3CR3T-client', code: 'S3CR3T-code', device_code: 'S3CR3T-device', refresh_token: 'S3CR3T-refresh', password: 'S3CR3T-password', id_token_hint: 'S3CR3T-hint',
    };
    // The device page's own link (verification_uri_complete) carries the user code: whoever reads
    // it can approve the device before its user does (RFC 8628 §5.5).
    const device = await fetch(`${server.url}/default/device_authorization`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=tv' });
    const { user_code: userCode, verification_uri_complete: deviceLink } = await device.json() as { user_code: string; verification_uri_complete: string };
    expect((await fetch(deviceLink)).status).toBe(200);
    const query = new URLSearchParams({ client_id: 'spa', ...secrets }).toString();
    await fetch(`${server.url}/default/token?${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
    await fetch(`${server.url}/default/endsession?${query}`);
    // Refused by the request guard (a page of another origin), which logs the refusal itself.
    const refused = await fetch(`${server.url}/default/token?${query}`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);

    // Each line once it has all arrived: the request log writes its line once the answer has gone.
    const lines = () => log.split('\n').slice(0, -1).map((line) => JSON.parse(line) as { msg: string; url?: string; req?: { url: string } });
    await eventually(() => lines().length === 5, { what: () => log });
    const redacted = `client_id=spa&${Object.keys(secrets).map((name) => `${name}=[Redacted]`).join('&')}`;
    expect(lines().map(({ msg, req, url }) => ({ msg, url: req?.url ?? url }))).toEqual(expect.arrayContaining([
      { msg: 'request completed', url: `/default/token?${redacted}` },
      { msg: 'request completed', url: `/default/endsession?${redacted}` },
      { msg: 'Origin Not Allowed', url: `/default/token?${redacted}` },
      { msg: 'request completed', url: '/default/device?user_code=[Redacted]' },
    ]));
    expect(log).not.toContain('S3CR3T');
    expect(log).not.toContain(userCode);
  }, RESTART_SCENARIO_TIMEOUT_MS);
});
