import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAuthProviderDatabase } from '../../../src/auth-provider/database';
import { Directory, readStaticDirectory } from '../../../src/auth-provider/directory';
import { InvalidDefinitionError } from '../../../src/auth-provider/errors';

describe('readStaticDirectory', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'auth-config-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads users and clients from AUTH_CONFIG and clients from AUTH_CLIENTS', () => {
    const file = path.join(dir, 'auth.json');
    writeFileSync(file, JSON.stringify({ users: { carol: { email: 'carol@example.test' } }, clients: [{ client_id: 'web', client_secret: 's' }] }));
    const fixed = readStaticDirectory(file, JSON.stringify([{ client_id: 'spa', redirect_uris: ['http://localhost:5173/cb'] }]));
    expect(fixed.users.carol).toEqual({ email: 'carol@example.test' });
    expect(fixed.clients.map((client) => client.client_id)).toEqual(['web', 'spa']);
  });

  it('refuses what it cannot use, naming it', () => {
    expect(() => readStaticDirectory('', '{"client_id": "x"}')).toThrow(/AUTH_CLIENTS must be a JSON array/);
    expect(() => readStaticDirectory(path.join(dir, 'missing.json'), '')).toThrow(InvalidDefinitionError);
    expect(() => readStaticDirectory('', '[{"client_id": "x", "redirect_uris": ["not a url"]}]')).toThrow(/redirect_uris/);
    expect(() => readStaticDirectory('', '[{"client_id": "x", "client_secret": "s\u20acret"}]')).toThrow(/client_secret .*RFC 6749 Appendix A.2/);
    expect(() => readStaticDirectory('', '[{"client_id": "__proto__"}]')).toThrow(/client_id may not be __proto__/);
  });
});

describe('Directory', () => {
  it('lets the control API override presets and config, and refuses claims the protocol sets', () => {
    const db = openAuthProviderDatabase({ storage: 'memory', dataDir: '' });
    db.prepare("INSERT INTO issuers (id, signing_alg, created_at) VALUES ('t', 'RS256', 'now')").run();
    const directory = new Directory(db, { users: { bob: { team: 'config' } }, clients: [] });
    expect(directory.user('t', 'alice')?.source).toBe('preset');
    expect(directory.user('t', 'bob')).toMatchObject({ source: 'config', claims: { team: 'config' } });
    directory.putUser('t', 'bob', { team: 'api' });
    expect(directory.user('t', 'bob')).toMatchObject({ source: 'api', claims: { team: 'api' } });
    expect(() => directory.putUser('t', 'eve', { iss: 'http://evil.example' })).toThrow(/may not set iss/);
    expect(directory.claimNames('t')).toEqual(expect.arrayContaining(['team', 'email', 'groups']));
    db.close();
  });
});
