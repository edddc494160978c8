import { readFileSync } from 'node:fs';
import { jsonSyntaxError } from '../kit/json-syntax';
import type { SqliteDatabase } from '../kit/sqlite';
import { InvalidDefinitionError, UnknownClientError, UnknownUserError } from './errors';

export type Claims = Record<string, unknown>;

export interface User {
  subject: string;
  claims: Claims;
  /** Where it is defined: preset (alice, bob), config (AUTH_CONFIG) or api (the control API, the login page). */
  source: 'preset' | 'config' | 'api';
}

/** A registered client, as the control API, AUTH_CONFIG and AUTH_CLIENTS describe it. */
export interface ClientRegistration {
  client_id: string;
  /** Absent for a public client (PKCE, no secret). */
  client_secret?: string;
  redirect_uris?: string[];
  post_logout_redirect_uris?: string[];
  /** Claims added to every token issued to this client (client credentials included) and to its users' tokens. */
  claims?: Claims;
}

export interface RegisteredClient extends ClientRegistration {
  source: 'config' | 'api';
}

/** The users every issuer starts with. */
const PRESET_USERS: Record<string, Claims> = {
  alice: {
    name: 'Alice Example', given_name: 'Alice', family_name: 'Example', preferred_username: 'alice',
    email: 'alice@example.test', email_verified: true, groups: ['admins', 'users'],
  },
  bob: {
    name: 'Bob Example', given_name: 'Bob', family_name: 'Example', preferred_username: 'bob',
    email: 'bob@example.test', email_verified: true, groups: ['users'],
  },
};

/** Claims the protocol sets itself: a user or client may not define them. */
const RESERVED_CLAIMS = new Set(['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'jti', 'auth_time', 'nonce', 'acr', 'amr', 'azp', 'at_hash', 'c_hash', 'sid', 'client_id', 'scope', 'cnf']);

/**
 * Names oidc-provider cannot issue: claims with an own `constructor` are no plain object to it (the
 * token endpoint answers 500), and a `__proto__` claim becomes the claims' prototype (the ID token
 * and userinfo lose `sub`).
 */
const UNUSABLE_CLAIMS = new Set(['__proto__', 'constructor']);

export interface StaticDirectory {
  users: Record<string, Claims>;
  clients: ClientRegistration[];
}

/**
 * Users and registered clients, per issuer: the presets, then AUTH_CONFIG / AUTH_CLIENTS (every
 * issuer), then what the control API stored for this issuer, each later one replacing an earlier
 * one of the same name.
 */
export class Directory {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly fixed: StaticDirectory,
  ) {}

  users(issuer: string): User[] {
    const users = new Map<string, User>();
    for (const [subject, claims] of Object.entries(PRESET_USERS)) users.set(subject, { subject, claims, source: 'preset' });
    for (const [subject, claims] of Object.entries(this.fixed.users)) users.set(subject, { subject, claims, source: 'config' });
    const rows = this.db.prepare('SELECT subject, claims FROM users WHERE issuer = ? ORDER BY subject').all(issuer) as { subject: string; claims: string }[];
    for (const row of rows) users.set(row.subject, { subject: row.subject, claims: JSON.parse(row.claims) as Claims, source: 'api' });
    return [...users.values()];
  }

  user(issuer: string, subject: string): User | undefined {
    return this.users(issuer).find((user) => user.subject === subject);
  }

  putUser(issuer: string, subject: string, claims: Claims): User {
    assertClaims(claims, 'claims');
    this.db.prepare('INSERT INTO users (issuer, subject, claims) VALUES (?, ?, ?) ON CONFLICT (issuer, subject) DO UPDATE SET claims = excluded.claims')
      .run(issuer, subject, JSON.stringify(claims));
    return { subject, claims, source: 'api' };
  }

  deleteUser(issuer: string, subject: string): void {
    if (this.db.prepare('DELETE FROM users WHERE issuer = ? AND subject = ?').run(issuer, subject).changes === 0) throw new UnknownUserError(subject);
  }

  clients(issuer: string): RegisteredClient[] {
    const clients = new Map<string, RegisteredClient>();
    for (const client of this.fixed.clients) clients.set(client.client_id, { ...client, source: 'config' });
    const rows = this.db.prepare('SELECT registration FROM clients WHERE issuer = ? ORDER BY client_id').all(issuer) as { registration: string }[];
    for (const row of rows) {
      const client = JSON.parse(row.registration) as ClientRegistration;
      clients.set(client.client_id, { ...client, source: 'api' });
    }
    return [...clients.values()];
  }

  client(issuer: string, clientId: string): RegisteredClient | undefined {
    return this.clients(issuer).find((client) => client.client_id === clientId);
  }

  putClient(issuer: string, registration: ClientRegistration): RegisteredClient {
    assertRegistration(registration);
    this.db.prepare('INSERT INTO clients (issuer, client_id, registration) VALUES (?, ?, ?) ON CONFLICT (issuer, client_id) DO UPDATE SET registration = excluded.registration')
      .run(issuer, registration.client_id, JSON.stringify(registration));
    return { ...registration, source: 'api' };
  }

  deleteClient(issuer: string, clientId: string): void {
    if (this.db.prepare('DELETE FROM clients WHERE issuer = ? AND client_id = ?').run(issuer, clientId).changes === 0) throw new UnknownClientError(clientId);
  }

  /** Every claim name some user or client of the issuer defines: oidc-provider releases only claims it knows. */
  claimNames(issuer: string): string[] {
    const names = new Set<string>();
    for (const user of this.users(issuer)) for (const name of Object.keys(user.claims)) names.add(name);
    for (const client of this.clients(issuer)) for (const name of Object.keys(client.claims ?? {})) names.add(name);
    return [...names];
  }
}

/**
 * Claims are serialised into every token and userinfo answer by code that recurses once per
 * level (JSON.stringify, the JWT library), so claims nested thousands deep would overflow the
 * stack there; no real claim nests more than a few levels.
 */
const MAX_CLAIMS_DEPTH = 32;

function assertClaims(claims: unknown, field: string): asserts claims is Claims {
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new InvalidDefinitionError(`${field} must be a JSON object`, field);
  const reserved = Object.keys(claims).filter((name) => RESERVED_CLAIMS.has(name));
  if (reserved.length > 0) throw new InvalidDefinitionError(`${field} may not set ${reserved.join(', ')}: the provider sets these itself`, field);
  const unusable = Object.keys(claims).filter((name) => UNUSABLE_CLAIMS.has(name));
  if (unusable.length > 0) throw new InvalidDefinitionError(`${field} may not name a claim ${unusable.join(', ')}: oidc-provider cannot issue it`, field);
  if (nestsDeeperThan(claims, MAX_CLAIMS_DEPTH)) throw new InvalidDefinitionError(`${field} may nest objects and arrays at most ${MAX_CLAIMS_DEPTH} levels deep`, field);
}

/** Walks the value without recursion (a recursive walk would overflow on the very values it looks for). */
function nestsDeeperThan(value: object, limit: number): boolean {
  const pending: Array<[object, number]> = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [container, depth] = next;
    if (depth > limit) return true;
    for (const item of Object.values(container)) {
      if (typeof item === 'object' && item !== null) pending.push([item as object, depth + 1]);
    }
  }
  return false;
}

/**
 * A client_id and a client_secret are visible ASCII characters and spaces (RFC 6749 Appendix A.1,
 * A.2); oidc-provider refuses any other, so such a client could never be used.
 */
const VISIBLE_ASCII = /^[\x20-\x7E]+$/;

/**
 * Whether some client could have this id (RFC 6749 Appendix A.1). oidc-provider keeps a session's
 * grants in a plain object keyed by client_id, so a client named after a member of
 * Object.prototype would write its grant onto that member, which every session of the process
 * shares: `__proto__` writes onto Object.prototype itself, after which every sign-in and the
 * control API fail; `toString` gives one user's grant to another's session. No client has such an id.
 */
export function isClientId(value: string): boolean {
  return VISIBLE_ASCII.test(value) && !(value in Object.prototype);
}

/** Whether some client could have this secret (RFC 6749 Appendix A.2). */
export function isClientSecret(value: string): boolean {
  return VISIBLE_ASCII.test(value);
}

/**
 * Clients are web applications to oidc-provider (client-metadata.ts), which refuses any other
 * scheme (javascript:, data:, an app's own) only when a client uses the URI, at the authorization
 * or logout endpoint: it is refused here, when the client is registered.
 */
function isWebUri(uri: string): boolean {
  const url = URL.parse(uri);
  return url !== null && ['http:', 'https:'].includes(url.protocol) && !uri.includes('#');
}

function assertRegistration(registration: ClientRegistration): void {
  if (typeof registration.client_id !== 'string' || !VISIBLE_ASCII.test(registration.client_id)) {
    throw new InvalidDefinitionError('client_id must be a non-empty string of visible ASCII characters and spaces (RFC 6749 Appendix A.1)', 'client_id');
  }
  if (!isClientId(registration.client_id)) {
    throw new InvalidDefinitionError(`client_id may not be ${registration.client_id}: oidc-provider keys sessions by client_id in objects, where that name is taken`, 'client_id');
  }
  // oidc-provider refuses a client whose secret is any other, at every request, as invalid_client_metadata.
  if (registration.client_secret !== undefined && (typeof registration.client_secret !== 'string' || !isClientSecret(registration.client_secret))) {
    throw new InvalidDefinitionError('client_secret must be a non-empty string of visible ASCII characters and spaces (RFC 6749 Appendix A.2), or absent for a public client', 'client_secret');
  }
  for (const field of ['redirect_uris', 'post_logout_redirect_uris'] as const) {
    const uris = registration[field];
    if (uris === undefined) continue;
    if (!Array.isArray(uris) || uris.some((uri) => typeof uri !== 'string' || !isWebUri(uri))) {
      throw new InvalidDefinitionError(`${field} must be a list of absolute http(s) URLs without a fragment`, field);
    }
  }
  if (registration.claims !== undefined) assertClaims(registration.claims, 'claims');
}

/** Reads AUTH_CONFIG (a JSON file) and AUTH_CLIENTS (a JSON array); a bad one stops the server with its reason. */
export function readStaticDirectory(configFile: string, clientsJson: string): StaticDirectory {
  const fixed: StaticDirectory = { users: {}, clients: [] };
  if (configFile) {
    const parsed = parseJson(() => readFileSync(configFile, 'utf8'), `AUTH_CONFIG (${configFile})`);
    if (!isJsonObject(parsed)) throw new InvalidDefinitionError(`AUTH_CONFIG (${configFile}) must be a JSON object with "users" and "clients"`, 'AUTH_CONFIG');
    const users = parsed.users ?? {};
    if (!isJsonObject(users)) throw new InvalidDefinitionError('AUTH_CONFIG "users" must be a JSON object of claims by subject', 'AUTH_CONFIG');
    for (const [subject, claims] of Object.entries(users)) {
      assertClaims(claims, `AUTH_CONFIG users.${subject}`);
      fixed.users[subject] = claims;
    }
    fixed.clients.push(...clientList(parsed.clients ?? [], 'AUTH_CONFIG "clients"'));
  }
  if (clientsJson) fixed.clients.push(...clientList(parseJson(() => clientsJson, 'AUTH_CLIENTS'), 'AUTH_CLIENTS'));
  return fixed;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The clients of one source, each checked and named by its place in the list when it cannot be used. */
function clientList(value: unknown, source: string): ClientRegistration[] {
  if (!Array.isArray(value)) throw new InvalidDefinitionError(`${source} must be a JSON array of clients`, source);
  value.forEach((client: unknown, index) => {
    try {
      if (!isJsonObject(client)) throw new InvalidDefinitionError('must be a JSON object', source);
      assertRegistration(client as unknown as ClientRegistration);
    } catch (error) {
      if (!(error instanceof InvalidDefinitionError)) throw error;
      throw new InvalidDefinitionError(`${source}[${index}]: ${error.message}`, source);
    }
  });
  return value as ClientRegistration[];
}

/**
 * V8's JSON errors quote the text around the fault (`Unexpected token 'T', ..."t_secret":TOPSECRET}"...
 * is not valid JSON`), and both sources hold client secrets: the message says where it broke
 * without quoting it, since it goes to the terminal and logs.
 */
function parseJson(read: () => string, what: string): unknown {
  let text: string;
  try {
    text = read();
  } catch (error) {
    throw new InvalidDefinitionError(`${what} is not readable JSON: ${(error as Error).message}`, what);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidDefinitionError(`${what} is not readable JSON: ${jsonSyntaxError(text)}`, what);
  }
}
