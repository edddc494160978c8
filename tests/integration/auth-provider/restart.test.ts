import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killChildServers, RESTART_SCENARIO_TIMEOUT_MS, startChildServer } from '../../support/child-server';
import { client, discover, signIn } from './oidc-clients';

describe('the auth provider across kill -9', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'auth-restart-'));
  });
  afterAll(async () => {
    await killChildServers();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps refresh tokens, users, clients and keys', async () => {
    const env = { STORAGE: 'fs', DATA_DIR: dataDir };
    const first = await startChildServer('auth', env);
    await fetch(`${first.url}/admin/issuers/default/users/dora`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ claims: { team: 'ops' } }) });
    const config = await discover(`${first.url}/default`, 'cli-app');
    const tokens = await signIn(config, 'dora', { scope: 'openid offline_access' });
    const keysBefore = await (await fetch(`${first.url}/default/jwks`)).json();
    await first.kill();

    const second = await startChildServer('auth', env);
    expect(await (await fetch(`${second.url}/default/jwks`)).json()).toEqual(keysBefore);
    const again = await discover(`${second.url}/default`, 'cli-app');
    const refreshed = await client.refreshTokenGrant(again, tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub: 'dora', team: 'ops' });
  }, RESTART_SCENARIO_TIMEOUT_MS);
});
