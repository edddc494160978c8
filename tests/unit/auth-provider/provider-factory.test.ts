import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openAuthProviderDatabase } from '../../../src/auth-provider/database';
import { Directory } from '../../../src/auth-provider/directory';
import { Issuers } from '../../../src/auth-provider/issuers';
import { buildProvider } from '../../../src/auth-provider/provider-factory';
import { SigningKeys } from '../../../src/auth-provider/signing-keys';
import type { Logger } from '../../../src/kit';

describe('buildProvider', () => {
  it('logs an error oidc-provider answers 500 server_error, with the request\'s logger', async () => {
    const db = openAuthProviderDatabase({ storage: 'memory', dataDir: '' });
    const issuers = new Issuers(db, new SigningKeys(db, 0), new Set());
    const issuer = await issuers.ensure('t');
    // A registration no control API call could store now: oidc-provider cannot issue a claim named constructor.
    db.prepare("INSERT INTO clients (issuer, client_id, registration) VALUES ('t', 'svc', ?)").run('{"client_id": "svc", "client_secret": "s", "claims": {"constructor": 1}}');
    const logged: unknown[][] = [];
    const log = { error: (...args: unknown[]) => logged.push(args) } as unknown as Logger;
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = buildProvider(`${url}/t`, issuer, {
      db, directory: new Directory(db, { users: {}, clients: [] }), issuers, strict: false, accessTokenTtlS: 60, cookieSecret: 'c', pagePolicy: "default-src 'self'",
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      req.log = log;
      void provider.callback()(req, res);
    });
    try {
      const answer = await fetch(`${url}/token`, { method: 'POST', headers: { authorization: `Basic ${btoa('svc:s')}` }, body: new URLSearchParams({ grant_type: 'client_credentials' }) });
      expect(answer.status).toBe(500);
      expect(await answer.json()).toMatchObject({ error: 'server_error' });
      expect(logged).toEqual([[{ err: expect.objectContaining({ message: 'extraTokenClaims must return undefined or a plain object' }) }, 'unhandled error']]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      db.close();
    }
  });
});
