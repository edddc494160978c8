import type { AuthProvider } from '../../auth-provider/auth-provider';
import type { ClientRegistration, RegisteredClient } from '../../auth-provider/directory';
import type { SigningAlg } from '../../auth-provider/signing-keys';
import type { OperationHandlers } from '../../kit';
import type { components, operations } from '../../../generated/auth-provider';

type Body<K extends keyof operations> = operations[K] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** A registered client as the control API shows it: whether it has a secret, never the secret. */
function clientView(client: RegisteredClient): components['schemas']['Client'] {
  return {
    client_id: client.client_id,
    confidential: client.client_secret !== undefined,
    redirect_uris: client.redirect_uris ?? [],
    post_logout_redirect_uris: client.post_logout_redirect_uris ?? [],
    claims: client.claims ?? {},
    source: client.source,
  };
}

/** The control API (`/admin/issuers/...`): users, clients, keys, failures, clock, sessions of one issuer. */
export function controlHandlers(core: AuthProvider): OperationHandlers<operations> {
  const issuerOf = (c: { request: { params: Record<string, unknown> } }) => c.request.params.issuer_id as string;
  return {
    listIssuers: (_c, _req, res) => { res.json({ issuers: core.list() }); },
    getIssuer: async (c, _req, res) => { res.json(await core.describe(issuerOf(c))); },
    listUsers: async (c, _req, res) => { res.json({ users: await core.users(issuerOf(c)) }); },
    putUser: async (c, _req, res) => {
      const { claims } = c.request.requestBody as Body<'putUser'>;
      res.json(await core.putUser(issuerOf(c), c.request.params.subject as string, claims));
    },
    deleteUser: async (c, _req, res) => {
      await core.deleteUser(issuerOf(c), c.request.params.subject as string);
      res.status(204).end();
    },
    listClients: async (c, _req, res) => { res.json({ clients: (await core.clients(issuerOf(c))).map(clientView) }); },
    putClient: async (c, _req, res) => {
      const registration: ClientRegistration = { ...(c.request.requestBody as Body<'putClient'>), client_id: c.request.params.client_id as string };
      res.json(clientView(await core.putClient(issuerOf(c), registration)));
    },
    deleteClient: async (c, _req, res) => {
      await core.deleteClient(issuerOf(c), c.request.params.client_id as string);
      res.status(204).end();
    },
    rotateKeys: async (c, _req, res) => {
      const body = (c.request.requestBody ?? {}) as Body<'rotateKeys'>;
      res.json(await core.rotateKeys(issuerOf(c), (body.alg ?? 'RS256') as SigningAlg));
    },
    queueFailures: async (c, _req, res) => {
      const body = c.request.requestBody as Body<'queueFailures'>;
      const status = body.status ?? (body.error === 'invalid_client' ? 401 : 400);
      res.json(await core.queueFailures(issuerOf(c), { error: body.error, description: body.error_description ?? null, status, left: body.count ?? 1 }));
    },
    clearFailures: async (c, _req, res) => { res.json(await core.clearFailures(issuerOf(c))); },
    setClock: async (c, _req, res) => {
      const body = c.request.requestBody as Body<'setClock'>;
      res.json(await core.setClock(issuerOf(c), body.offset_s ?? 0, body.frozen ?? false));
    },
    resetClock: async (c, _req, res) => { res.json(await core.setClock(issuerOf(c), 0, false)); },
    revokeSessions: async (c, _req, res) => { res.json({ revoked: await core.revokeSessions(issuerOf(c)) }); },
  };
}
